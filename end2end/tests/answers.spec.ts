import { expect, test } from '@playwright/test';
import { expectAccessible, ROUND, signIn, unique } from './helpers';

// Every idea gets an answer: staff see which ideas would go unanswered
// before a plan can go out, and a resident follows their idea to the plan
// item it is in and how that item is going.

const WORK = '/ronde/ronde-2-kinderen-en-jongeren/plan/werk';
/** The demo resident's receipt code (demo data only). */
const RESIDENT_CODE = 'BERKE-VRAAG';

for (const [name, viewport] of [
  ['phone', { width: 360, height: 740 }],
  ['desktop', { width: 1280, height: 800 }],
] as const) {
  test(`staff see the ideas without an answer, each linked to where it waits (${name})`, async ({ page }, testInfo) => {
    await page.setViewportSize(viewport);
    await signIn(page, 'regisseur@berkeloord.example');
    await page.goto(WORK);
    const missing = page.locator('section.unanswered');
    await expect(missing.getByRole('heading', { level: 2 })).toHaveText(/^\d+ ideeën hebben nog geen antwoord$/);
    await expect(missing).toContainText('Zet ze in een thema of zet ze apart met een reden.');
    await expect(missing.getByRole('listitem')).toHaveCount(10);
    await expect(missing).toContainText(/En nog \d+ ideeën\./);
    await expectAccessible(page);
    await page.screenshot({ path: testInfo.outputPath(`unanswered-${name}.png`), fullPage: true });

    // The link leads to the idea in the funnelling workspace.
    const first = missing.getByRole('link').first();
    const target = (await first.getAttribute('href'))!.split('#')[1];
    expect(target).toMatch(/^kies-idee-\d+$/);
    await first.click();
    await expect(page).toHaveURL(/\/ronde\/ronde-2-kinderen-en-jongeren\/trechter#kies-idee-\d+$/);
    await expect(page.locator(`#${target}`)).toBeVisible();
  });
}

test('a resident reads what became of their idea and how its plan item is going', async ({ page }, testInfo) => {
  await page.goto('/mijn');
  await page.getByLabel('Jouw code').fill(RESIDENT_CODE);
  await page.getByRole('button', { name: 'Bekijken' }).click();
  const loket = page.locator('.idea', { hasText: 'Eén loket waar je met al je geldvragen' });
  await expect(loket.locator('.fate')).toContainText('Je idee zit in het plan:');
  const progress = loket.locator('.fate-progress');
  await expect(progress).toContainText('Hoe gaat het met dit punt?');
  await expect(progress.getByRole('link').first()).toHaveAttribute('href', /^\/voortgang\/armoedevrij-2040#voortgang-\d+$/);
  await expect(progress.getByRole('link').first()).toContainText(/^Punt 1, stand op .+: (Bezig|Klaar|Nog niet begonnen|Gestopt)\.$/);
  await expectAccessible(page);
  await page.screenshot({ path: testInfo.outputPath('mine-progress-360.png'), fullPage: true });

  // The link leads to that item on the public timeline.
  await progress.getByRole('link').first().click();
  await expect(page).toHaveURL(/\/voortgang\/armoedevrij-2040#voortgang-\d+$/);
});

test('the receipt offers a mail when the plan is ready, and says when the address goes', async ({ page }, testInfo) => {
  await page.goto(ROUND);
  await page.getByLabel('Wat is er nu nodig, zodat niemand in Berkeloord in armoede leeft?').check();
  await page.getByLabel('Jouw idee').fill(unique('Een watertappunt in het park bij de Esch'));
  await page.getByRole('button', { name: 'Idee versturen' }).click();
  await expect(page.getByRole('heading', { name: 'Bedankt! Je idee is bewaard.' })).toBeVisible();
  const offer = page.locator('section.mail-me');
  await expect(offer).toContainText('Daarna gooien we je adres weg.');
  await offer.getByLabel('Je e-mailadres').fill('geen adres');
  await offer.getByRole('button', { name: 'Mail me' }).click();
  await expect(page.getByRole('alert')).toContainText('Vul een geldig e-mailadres in');
  await expect(page.locator('section.mail-me').getByLabel('Je e-mailadres')).toHaveValue('geen adres');
  await page.locator('section.mail-me').getByLabel('Je e-mailadres').fill('bewoner@voorbeeld.nl');
  await page.locator('section.mail-me').getByRole('button', { name: 'Mail me' }).click();
  await expect(page.getByText('Dank je. We mailen je als het plan klaar is.')).toBeVisible();
  await expect(page.locator('section.mail-me')).toContainText('We hebben je e-mailadres.');
  await expectAccessible(page);
  await page.screenshot({ path: testInfo.outputPath('receipt-mail-me-360.png'), fullPage: true });
});

test('the stop link in a mail asks once and then deletes the address', async ({ page }) => {
  await page.goto(`/mail-stoppen/${'a'.repeat(64)}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Geen mail meer' })).toBeVisible();
  await page.getByRole('button', { name: 'Stop met mailen' }).click();
  await expect(page.getByText('Je krijgt geen mail meer van ons.')).toBeVisible();
  await expectAccessible(page);
});

test('withdrawing an idea asks first, and only the second press withdraws it', async ({ page }) => {
  const text = unique('Een bankje bij de bushalte in de Weverswijk');
  await page.goto(ROUND);
  await page.getByLabel('Wat is er nu nodig, zodat niemand in Berkeloord in armoede leeft?').check();
  await page.getByLabel('Jouw idee').fill(text);
  await page.getByRole('button', { name: 'Idee versturen' }).click();
  await expect(page.getByRole('heading', { name: 'Bedankt! Je idee is bewaard.' })).toBeVisible();

  await page.goto('/mijn');
  const idea = page.locator('.idea', { hasText: text });
  await idea.getByText('Dit idee intrekken').click();
  await expect(idea).toContainText('Weet je het zeker? Niemand ziet je idee dan nog');
  await expectAccessible(page);
  // Asking changed nothing.
  await page.reload();
  await expect(page.locator('.idea', { hasText: text })).not.toContainText('Ingetrokken');

  await page.locator('.idea', { hasText: text }).getByText('Dit idee intrekken').click();
  await page.locator('.idea', { hasText: text }).getByRole('button', { name: 'Ja, trek dit idee in' }).click();
  await expect(page.getByText('Je idee is ingetrokken. Niemand ziet het nog.')).toBeVisible();
  await expect(page.locator('.idea', { hasText: text })).toContainText('Ingetrokken');
});
