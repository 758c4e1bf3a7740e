import { expect, test } from '@playwright/test';
import { expectAccessible, signIn, withJavaScript } from './helpers';

/** The demo resident's receipt code (demo data only). */
const RESIDENT_CODE = 'BERKE-VRAAG';
const FEEDBACK_PLAN = '/ronde/schulden-voorkomen/plan';

test('a resident sees what became of their ideas and reacts to the plan on a phone', async ({ page }, testInfo) => {
  // On another device: open "my contributions" with the code.
  await page.goto('/mijn');
  await page.getByLabel('Jouw code').fill(RESIDENT_CODE);
  await page.getByRole('button', { name: 'Bekijken' }).click();
  const busIdea = page.locator('.idea', { hasText: 'Gratis bus voor mensen met een laag inkomen' });
  await expect(busIdea.locator('.fate')).toContainText('Je idee staat niet in het plan. De reden: De bus regelt de provincie');
  const loketIdea = page.locator('.idea', { hasText: 'Eén loket waar je met al je geldvragen' });
  await expect(loketIdea.getByRole('link', { name: 'Punt 1: Een geldpunt in vier wijken, ook op zaterdag' })).toBeVisible();
  const waitIdea = page.locator('.idea', { hasText: 'Ik moest vier maanden wachten op schuldhulp' });
  await waitIdea.getByRole('link', { name: 'Punt 3: Schuldhulp binnen drie dagen' }).click();
  await expect(page).toHaveURL(FEEDBACK_PLAN);
  await expect(page.getByRole('heading', { level: 1, name: 'Het plan van Schulden voorkomen' })).toBeVisible();
  await expectAccessible(page);

  // React to item 3: partly agree, with why, as a young person.
  const form = page.locator('.reaction-form').nth(2);
  await form.getByLabel('Deels eens').check();
  await form.getByLabel('Waarom? (mag je leeg laten)').fill('Goed plan, maar zorg eerst voor genoeg schuldhulpverleners.');
  await form.getByLabel('Ik reageer als').selectOption({ label: 'Jongere' });
  await form.getByRole('button', { name: 'Reactie versturen' }).click();
  await expect(page.getByText('Dank je! Je reactie is opgeslagen.')).toBeVisible();
  const item = page.locator('.plan-item').nth(2);
  await expect(page.locator('.reaction-form').nth(2)).toContainText('Jouw reactie nu: Deels eens');
  // The young people's row counts it; below ten reactions: counts only.
  await expect(item.locator('.result-table tr', { hasText: 'Jongere' })).toBeVisible();
  await expectAccessible(page);
  await page.screenshot({ path: testInfo.outputPath('plan-feedback-360.png'), fullPage: true });
});

test('a reaction without a choice is refused and nothing is lost', async ({ page }) => {
  await page.goto(FEEDBACK_PLAN);
  const form = page.locator('.reaction-form').first();
  await form.getByLabel('Waarom? (mag je leeg laten)').fill('Ik weet het nog niet.');
  // The browser's own check stops an empty choice; without it the server does.
  await form.evaluate((f: HTMLFormElement) => f.querySelectorAll('input[type=radio]').forEach((r) => r.removeAttribute('required')));
  await form.getByRole('button', { name: 'Reactie versturen' }).click();
  await expect(page.getByRole('alert')).toContainText('Kies eens, deels eens of oneens.');
  await expect(page.locator('.reaction-form').first().getByLabel('Waarom? (mag je leeg laten)')).toHaveValue('Ik weet het nog niet.');
});

test('a co-moderator reads the plan and co-signs it', async ({ page }) => {
  await signIn(page, 'ervaring2@berkeloord.example');
  await page.goto('/beheer');
  await page.locator('.round-card', { hasText: 'Ronde 2: opgroeien zonder geldzorgen' }).getByRole('link', { name: 'Plan schrijven' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Plan schrijven: Ronde 2: opgroeien zonder geldzorgen' })).toBeVisible();
  await expect(page.locator('.plan-item').first()).toContainText('De school betaalt de schoolreis');
  await page.getByRole('button', { name: 'Ik teken het plan' }).click();
  await expect(page.getByText('Je hebt het plan getekend.').first()).toBeVisible();
  await expect(page.locator('.signatures')).toContainText('Ahmed El Amrani');
  await expectAccessible(page);
});

test('staff write what was done with the feedback and publish the final plan', async ({ page }, testInfo) => {
  // Publishing closes the round: once, in one of the two projects.
  test.skip(withJavaScript(testInfo), 'The round can be published once; the plain forms are tested.');
  await signIn(page, 'regisseur@berkeloord.example');
  await page.goto('/ronde/jongeren-en-geld/plan/werk');
  // Publishing before every item is concluded is refused.
  await page.getByRole('button', { name: 'Eindplan vaststellen' }).click();
  await expect(page.getByRole('alert')).toContainText('Nog niet elk punt zegt wat we met de reacties hebben gedaan.');

  const first = page.locator('.work-item').nth(0);
  await first.getByLabel('Aangepast').check();
  await first.getByLabel('Titel in het eindplan').fill('Een 18-jaar-app en een brief in gewone taal');
  await first.getByLabel('Wat hebben we met de reacties gedaan, en waarom?').fill('Jongeren vroegen om een app. Die komt er naast de brief.');
  await first.getByRole('button', { name: 'Opslaan' }).last().click();
  await expect(page.getByText('Opgeslagen.')).toBeVisible();
  const second = page.locator('.work-item').nth(1);
  await second.getByLabel('Zo gebleven').check();
  await second.getByRole('button', { name: 'Opslaan' }).last().click();
  await expect(page.getByText('Opgeslagen.')).toBeVisible();

  await page.getByRole('button', { name: 'Eindplan vaststellen' }).click();
  await expect(page).toHaveURL(/\/ronde\/jongeren-en-geld\/plan\?gedaan=plan_published/);
  await expect(page.getByRole('heading', { level: 1, name: 'Het eindplan van Jongeren en geld' })).toBeVisible();
  await expect(page.locator('.plan-item').first()).toContainText('Eerste versie');
  await expect(page.locator('.plan-item').first()).toContainText('Een 18-jaar-app en een brief in gewone taal');
  await expect(page.locator('.reaction-form')).toHaveCount(0);
  await expectAccessible(page);
  // On paper: no header, no forms, the items in full.
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.site-header')).toBeHidden();
  await expect(page.locator('.plan-item').first().locator('.child-rights')).toBeVisible();
  await page.pdf({ path: testInfo.outputPath('final-plan.pdf') }).catch(() => undefined);
  await page.emulateMedia({ media: 'screen' });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: testInfo.outputPath('final-plan-1280.png'), fullPage: true });
});

test('the progress of final plans is public per challenge and per spearhead', async ({ page }) => {
  await page.goto('/ronde/rondkomen-2025/plan');
  await expect(page.getByRole('heading', { level: 1, name: 'Het eindplan van Rondkomen: wat helpt nu al?' })).toBeVisible();
  await page.getByRole('link', { name: 'Voortgang van de plannen' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Voortgang van de plannen' })).toBeVisible();
  await expect(page.getByText('Alle vier de geldpunten zijn open')).toBeVisible();
  await page.getByRole('link', { name: 'Zeker van je bestaan' }).click();
  await expect(page.getByText('Een energiecoach aan huis')).toBeVisible();
  await expect(page.getByText('Een geldpunt in vier wijken')).toHaveCount(0);
  await expectAccessible(page);
});
