import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, expectAccessible, signIn, unique } from './helpers';

test('an opgaveregisseur sets up a challenge and a round, and opens it', async ({ browser, page }, testInfo) => {
  test.slow();
  await signIn(page, 'regisseur@berkeloord.example');
  // Keyboard only: links are followed with Enter.
  await page.getByRole('link', { name: 'Opgaven en rondes' }).press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Opgaven en rondes' })).toBeVisible();
  await expectAccessible(page);

  // A new challenge, sent empty first: every mistake is listed.
  await page.getByRole('link', { name: 'Nieuwe opgave' }).press('Enter');
  await page.getByRole('button', { name: 'Opgave maken' }).press('Enter');
  await expect(page.getByRole('link', { name: 'Vul een naam in.' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Vertel waar de opgave over gaat.' })).toBeVisible();
  await expectAccessible(page);

  const challenge = unique('Schuldenvrij Berkeloord');
  await page.getByLabel('Naam van de opgave').fill(challenge);
  await page.getByLabel('Waar gaat het over?').fill('Niemand in Berkeloord hoeft jaren met schulden te leven.');
  await page.getByLabel(/Doeljaar/).fill('2035');
  await page.getByLabel(/Speerpunten/).fill('Vroeg erbij zijn\nSamen met schuldeisers');
  await page.getByRole('button', { name: 'Opgave maken' }).press('Enter');
  await expect(page.getByText('De opgave is gemaakt.')).toBeVisible();
  const section = page.locator('section', { has: page.getByRole('heading', { name: challenge }) });
  await expect(section).toBeVisible();
  await expectAccessible(page);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: testInfo.outputPath('challenges-desktop.png'), fullPage: true });
  await page.setViewportSize({ width: 360, height: 740 });

  // A round in it: a draft that residents do not see yet.
  await section.getByRole('link', { name: 'Nieuwe ronde' }).press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Nieuwe ronde' })).toBeVisible();
  await expect(page.getByLabel('Dromen eerst laten lezen')).toBeChecked();
  await expectAccessible(page);
  await page.screenshot({ path: testInfo.outputPath('new-round-360.png'), fullPage: true });
  const title = unique('Ronde 1: wat helpt bij schulden?');
  await page.getByLabel('Naam van de ronde').fill(title);
  await page.getByLabel('Uitleg voor inwoners').fill('Vertel ons wat jou helpt, of had kunnen helpen.');
  await page.getByLabel('Vraag 1', { exact: true }).fill('Wat had jou eerder geholpen?');
  await page.getByLabel('Open tot en met').fill('2020-01-01');
  await page.getByRole('button', { name: 'Ronde maken als concept' }).press('Enter');
  await expect(page.getByRole('link', { name: 'De ronde kan niet sluiten voordat hij opent.' })).toBeVisible();
  await expect(page.getByLabel('Vraag 1', { exact: true })).toHaveValue('Wat had jou eerder geholpen?');
  await expectAccessible(page);
  await page.getByLabel('Open tot en met').fill('2099-12-31');
  await page.getByRole('button', { name: 'Ronde maken als concept' }).press('Enter');
  await expect(page.getByText('De ronde is gemaakt als concept.')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expectAccessible(page);
  const admin = page.url();

  await page.getByRole('link', { name: 'Bekijken' }).press('Enter');
  await expect(page.getByText('Dit is een concept. Inwoners zien deze ronde nog niet.')).toBeVisible();
  const roundUrl = page.url();

  const resident = await browser.newContext({
    viewport: { width: 360, height: 740 },
    locale: 'nl-NL',
    baseURL: testInfo.project.use.baseURL,
    javaScriptEnabled: testInfo.project.use.javaScriptEnabled,
  });
  const residentPage = await resident.newPage();
  await residentPage.goto(roundUrl);
  await expect(residentPage.getByRole('heading', { name: 'Deze pagina bestaat niet' })).toBeVisible();

  // Open it: now residents see it and its question.
  await page.goto(admin);
  await page.getByText('Naar de volgende fase: Ideeën verzamelen').press('Enter');
  await expect(page.getByText('Iedereen kan de ronde dan zien en ideeën sturen.')).toBeVisible();
  await page.getByRole('button', { name: 'Ja, naar de fase: Ideeën verzamelen' }).press('Enter');
  await expect(page.getByText('De fase is gewijzigd.')).toBeVisible();
  await residentPage.goto(roundUrl);
  await expect(residentPage.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await expect(residentPage.getByText('Wat had jou eerder geholpen?')).toBeVisible();

  // A better wording later; the resident sees it.
  await page.getByRole('link', { name: 'Naam, vragen en data bewerken' }).press('Enter');
  await page.getByLabel('Vraag 1', { exact: true }).fill('Wat had jou eerder uit de schulden geholpen?');
  await page.getByRole('button', { name: 'Opslaan' }).press('Enter');
  await expect(page.getByText('De ronde is opgeslagen.')).toBeVisible();
  await residentPage.goto(roundUrl);
  await expect(residentPage.getByText('Wat had jou eerder uit de schulden geholpen?')).toBeVisible();
  await resident.close();
});

test('a moderator changes an idea\'s labels', async ({ page }) => {
  await signIn(page, 'regisseur@berkeloord.example');
  await page.goto('/ronde/ronde-1-wat-is-nodig/moderatie?lijst=alles');
  const idea = page.locator('li.idea').first();
  const number = (await idea.locator('.meta strong').first().textContent())!;
  await idea.getByText('Labels', { exact: true }).press('Enter');
  await idea.getByLabel('Onderwerp').selectOption({ label: 'Wonen' });
  await idea.getByRole('button', { name: 'Labels opslaan' }).press('Enter');
  await expect(page.getByText('De labels zijn opgeslagen.')).toBeVisible();
  await expect(page.locator('.log li', { hasText: `gaf ${number} andere labels` }).first()).toBeVisible();
  await expect(page.locator(`#idee-${number.slice(1)} p.meta`, { hasText: 'Labels:' })).toContainText('Wonen');
  await expectAccessible(page);
});

test('the new pages speak English to an English browser', async ({ browser }, testInfo) => {
  const context = await browser.newContext({
    viewport: { width: 360, height: 740 },
    locale: 'en-GB',
    baseURL: testInfo.project.use.baseURL,
    javaScriptEnabled: testInfo.project.use.javaScriptEnabled,
  });
  const page = await context.newPage();
  await page.goto('/droom/ronde-1-wat-is-nodig');
  await expect(page.getByRole('heading', { level: 1, name: 'When I grow up…' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expectAccessible(page);
  await page.goto('/inloggen');
  await page.getByLabel('Email address').fill('regisseur@berkeloord.example');
  await page.getByLabel('Password').fill(DEMO_PASSWORD);
  await page.getByLabel('Password').press('Enter');
  await expect(page).toHaveURL(/\/beheer$/);
  await page.goto('/beheer/opgaven');
  await expect(page.getByRole('heading', { level: 1, name: 'Challenges and rounds' })).toBeVisible();
  await page.goto('/ronde/ronde-1-wat-is-nodig/papier');
  await expect(page.getByRole('heading', { level: 1, name: 'Enter ideas from paper' })).toBeVisible();
  await expectAccessible(page);
  await page.goto('/ronde/ronde-2-kinderen-en-jongeren/trechter');
  await expect(page.getByRole('heading', { level: 1, name: 'Funnelling' })).toBeVisible();
  await expect(page.getByText(/Not placed yet: \d+ of \d+ ideas/)).toBeVisible();
  await expect(page.getByRole('table', { name: /per life domain/ })).toBeVisible();
  if (testInfo.project.use.javaScriptEnabled) await expect(page.getByText('Keyboard shortcuts')).toBeVisible();
  await expectAccessible(page);
  await page.screenshot({ path: testInfo.outputPath('funnelling-english-360.png') });
  await context.close();
});
