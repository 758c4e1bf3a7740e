import { expect, test } from '@playwright/test';
import { ROUND, expectAccessible, signIn, unique } from './helpers';

const DREAMS = '/droom/ronde-1-wat-is-nodig';

test('a child sends a dream on a phone', async ({ page }, testInfo) => {
  await page.goto(DREAMS);
  await expect(page.getByRole('heading', { level: 1, name: 'Als ik later groot ben…' })).toBeVisible();
  await expectAccessible(page);
  await page.screenshot({ path: testInfo.outputPath('dream-360.png'), fullPage: true });

  // Sending nothing: told in a child's words what to do.
  await page.getByRole('button', { name: 'Stuur mijn droom' }).click();
  await expect(page.getByText('Kijk nog even hiernaar:')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Kies hoe oud je bent.' })).toBeVisible();
  await expectAccessible(page);

  const dream = unique('juf worden');
  await page.getByLabel('Als ik later groot ben, wil ik…').fill(dream);
  await page.getByLabel('Daarvoor heb ik nodig…').fill('een diploma');
  // The age cards are big labels around a radio button.
  await page.getByText('8-12 jaar').click();
  await expect(page.getByLabel('8-12 jaar')).toBeChecked();
  await page.getByLabel('Je voornaam').fill('Noor');
  await page.getByRole('button', { name: 'Stuur mijn droom' }).click();
  await expect(page.getByRole('heading', { name: 'Dank je wel!' })).toBeVisible();
  await expectAccessible(page);

  // A moderator reads dreams first: not on the round page yet.
  await page.goto(ROUND);
  await expect(page.getByText(dream)).toHaveCount(0);
});

test('a partner enters ideas from a meeting', async ({ page }) => {
  await signIn(page, 'partner@berkeloord.example');
  await page.goto(`${ROUND}/papier`);
  await expect(page.getByRole('heading', { level: 1, name: 'Ideeën van papier invoeren' })).toBeVisible();
  const source = unique('Inloopochtend buurthuis');
  const first = unique('Een vaste dag voor hulp bij formulieren');
  const second = unique('Koffie en soep voor wie alleen is');
  await page.getByLabel('Op een bijeenkomst').check();
  await page.getByLabel('Naam van de bijeenkomst of de plek').fill(source);
  await page.getByLabel('Datum').fill('2026-10-01');
  await page.getByLabel('Van wie komen de ideeën?').selectOption('resident');
  await page.getByLabel('Bij welke vraag horen de ideeën?').selectOption({ index: 1 });
  await page.getByLabel('De ideeën', { exact: true }).fill(`${first}\nkort\n${second}`);
  await page.getByRole('button', { name: 'Ideeën opslaan' }).click();
  // One bad line: nothing saved, the line named, everything typed kept.
  await expect(page.getByRole('link', { name: 'Regel 2 is te kort. Een idee heeft minstens 10 tekens.' })).toBeVisible();
  await expect(page.getByLabel('De ideeën', { exact: true })).toHaveValue(`${first}\nkort\n${second}`);
  await expectAccessible(page);
  await page.getByLabel('De ideeën', { exact: true }).fill(`${first}\n${second}`);
  await page.getByRole('button', { name: 'Ideeën opslaan' }).click();
  await expect(page.getByText('De ideeën zijn opgeslagen.')).toBeVisible();
  await expect(page.locator('.sources')).toContainText(source);
  await expectAccessible(page);

  await page.goto(`${ROUND}?kanaal=meeting`);
  const idea = page.locator('.idea', { hasText: first });
  await expect(idea).toBeVisible();
  await expect(idea.locator('.tags')).toContainText('Op een bijeenkomst');
});

test('a resident reports an idea and a co-moderator hides it', async ({ browser, page }, testInfo) => {
  test.slow();
  // A resident sends an idea with someone's phone number in it…
  const text = unique('Bel Kees op 06-11223344 als je hulp nodig hebt');
  await page.goto(ROUND);
  await page.getByLabel('Wat is er nu nodig, zodat niemand in Berkeloord in armoede leeft?').check();
  await page.getByLabel('Jouw idee').fill(text);
  await page.getByRole('button', { name: 'Idee versturen' }).click();
  await expect(page.getByRole('heading', { name: 'Bedankt! Je idee is bewaard.' })).toBeVisible();

  // …another resident reports it.
  const context = await browser.newContext({
    viewport: { width: 360, height: 740 },
    locale: 'nl-NL',
    baseURL: testInfo.project.use.baseURL,
    javaScriptEnabled: testInfo.project.use.javaScriptEnabled,
  });
  const reader = await context.newPage();
  await reader.goto(ROUND);
  await reader.locator('.idea', { hasText: text }).getByRole('link', { name: 'Melden' }).click();
  await expect(reader.getByRole('heading', { level: 1, name: 'Idee melden' })).toBeVisible();
  await reader.getByLabel('Er staan persoonlijke gegevens in, zoals een naam of adres').check();
  await expectAccessible(reader);
  await reader.getByRole('button', { name: 'Melding sturen' }).click();
  await expect(reader.getByText('Dank je wel. Een moderator kijkt ernaar.')).toBeVisible();

  // The co-moderator finds it in the to-do list and hides it with a reason.
  const moderator = await context.browser()!.newContext({
    viewport: { width: 360, height: 740 },
    locale: 'nl-NL',
    baseURL: testInfo.project.use.baseURL,
    javaScriptEnabled: testInfo.project.use.javaScriptEnabled,
  });
  const mod = await moderator.newPage();
  await signIn(mod, 'ervaring@berkeloord.example');
  await mod.goto(`${ROUND}/moderatie`);
  const card = mod.locator('.idea', { hasText: text });
  await expect(card.getByText('1 keer gemeld: Er staan persoonlijke gegevens in, zoals een naam of adres')).toBeVisible();
  await expectAccessible(mod);
  await card.getByLabel('Waarom verbergen?').fill('Er staat een telefoonnummer in');
  await card.getByRole('button', { name: 'Verbergen' }).click();
  await expect(mod.getByText('Het idee is verborgen.')).toBeVisible();
  await expect(mod.locator('.log')).toContainText('Marieke Jansen');
  await mod.screenshot({ path: testInfo.outputPath('moderation-360.png'), fullPage: true });

  // The public sees that it was hidden, and why, but not what it said.
  await reader.goto(ROUND);
  await expect(reader.getByText(text)).toHaveCount(0);
  await expect(reader.getByText('Dit idee is verborgen door een moderator. Reden: Er staat een telefoonnummer in').first()).toBeVisible();
  await context.close();
  await moderator.close();
});

test('a resident searches and filters the ideas', async ({ page }) => {
  await page.goto(ROUND);
  await page.getByLabel('Zoek in de ideeën').fill('zwemles');
  await page.getByRole('button', { name: 'Toon ideeën' }).click();
  await expect(page).toHaveURL(/zoek=zwemles/);
  await expect(page.locator('.browse-result')).toContainText('gevonden');
  await expect(page.locator('.ideas .idea-text').first()).toContainText(/zwem/i);
  await expectAccessible(page);

  await page.goto('/ronde/ronde-2-kinderen-en-jongeren?groep=young_person&sorteer=steun');
  await expect(page.locator('.browse-result')).toContainText('ideeën gevonden');
  await expect(page.getByLabel('Van wie')).toHaveValue('young_person');
  await expectAccessible(page);
});
