import { expect, test } from '@playwright/test';
import { expectAccessible, signIn, unique, withJavaScript } from './helpers';

const FUNNEL = '/ronde/ronde-2-kinderen-en-jongeren/trechter';

// Each browser project works on its own ideas of the shared demo round, so
// the two can run at the same time without changing each other's ideas.
const IDEAS = {
  javascript: ['Luister naar de kinderen zelf', 'Leerkrachten moeten leren hoe ze armoede herkennen'],
  'no-javascript': ['Een goede winterjas en schoenen die passen', 'Een gratis bril voor kinderen'],
};

test('a co-moderator clusters ideas with the keyboard', async ({ page }, testInfo) => {
  test.slow();
  await signIn(page, 'ervaring2@berkeloord.example');
  await page.getByRole('link', { name: 'Trechteren' }).first().press('Enter');
  await expect(page).toHaveURL(FUNNEL);
  await expect(page.getByRole('heading', { level: 1, name: 'Trechteren' })).toBeVisible();
  await expect(page.getByText(/Nog niet geplaatst: \d+ van \d+ ideeën/)).toBeVisible();
  // The demo's clusters in progress, with whose work they are.
  const sport = page.locator('section.cluster', { has: page.getByRole('heading', { name: 'Sport, zwemmen en muziek voor elk kind' }) });
  await expect(sport).toContainText('Gemaakt door: Ahmed El Amrani (Ervaringsdeskundige)');
  await expect(page.getByRole('table', { name: /per leefgebied/ })).toBeVisible();
  await expectAccessible(page);
  await page.screenshot({ path: testInfo.outputPath('funnelling-360.png'), fullPage: false });

  // Moving without ticking anything: told what to do, nothing changes.
  await page.getByLabel('Zet de aangevinkte ideeën in').selectOption('new');
  await page.getByRole('button', { name: 'Verplaatsen' }).press('Enter');
  await expect(page.getByText('Je hebt geen ideeën aangevinkt.')).toBeVisible();
  await expectAccessible(page);

  // Tick two ideas with the space bar and make a new theme of them.
  const mine = withJavaScript(testInfo) ? IDEAS.javascript : IDEAS['no-javascript'];
  for (const text of mine) {
    const box = page.locator('#nog-niet-geplaatst').getByLabel(text);
    await box.focus();
    await box.press('Space');
    await expect(box).toBeChecked();
  }
  const title = unique('Gezien worden zonder je te schamen');
  await page.getByLabel('Zet de aangevinkte ideeën in').selectOption('new');
  await page.getByText('Titel of reden').press('Enter');
  await page.getByLabel('Titel van het nieuwe thema').fill(title);
  await page.getByRole('button', { name: 'Verplaatsen' }).press('Enter');
  await expect(page.getByText('Het thema is gemaakt.')).toBeVisible();
  const made = page.locator('section.cluster', { has: page.getByRole('heading', { name: title }) });
  await expect(made).toContainText(mine[0]);
  await expect(made).toContainText(mine[1]);
  await expect(made).toContainText('Gemaakt door: Ahmed El Amrani (Ervaringsdeskundige)');
  await expect(page.locator('#nog-niet-geplaatst')).not.toContainText(mine[0]);
  await expectAccessible(page);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: testInfo.outputPath('funnelling-desktop.png'), fullPage: true });
  await page.setViewportSize({ width: 360, height: 740 });

  // Removing the theme puts its ideas back, as they were before the test.
  await made.getByText('Thema bewerken').press('Enter');
  await made.getByRole('button', { name: 'Thema weghalen' }).press('Enter');
  await expect(page.getByText('Het thema is weggehaald.')).toBeVisible();
  await expect(page.locator('#nog-niet-geplaatst')).toContainText(mine[0]);
  await expect(page.locator('ul.log')).toContainText('haalde een thema weg');
});

test('residents and partners do not get into the workspace', async ({ page }) => {
  await page.goto(FUNNEL);
  await expect(page).toHaveURL(/\/inloggen\?terug=/);
  await signIn(page, 'partner@berkeloord.example');
  const answer = await page.goto(FUNNEL);
  expect(answer?.status()).toBe(403);
});
