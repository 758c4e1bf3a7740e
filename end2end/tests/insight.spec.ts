import { expect, test } from '@playwright/test';
import { expectAccessible, signIn } from './helpers';

const DASHBOARD = '/inzicht/armoedevrij-2040';
const REPORT = '/ronde/rondkomen-2025/verslag';

test('the dashboard shows who took part, the funnel and progress, on a phone and a desk', async ({ page }, testInfo) => {
  await page.goto('/');
  await page.getByRole('link', { name: 'Cijfers: wie deed mee en wat kwam in het plan?' }).first().click();
  await expect(page).toHaveURL(DASHBOARD);
  await expect(page.getByRole('heading', { level: 1, name: 'Inzicht in cijfers' })).toBeVisible();
  await expect(page.getByText('Groepen van minder dan 5 mensen tonen we niet apart.').first()).toBeVisible();
  // Every chart has its numbers as text, and as a table on request.
  const chart = page.locator('section#ronde-ronde-1-wat-is-nodig figure.chart').first();
  await expect(chart.locator('svg[role=img]')).toHaveAttribute('aria-label', /\(\d+ in totaal\)/);
  // Plain words for residents: no bare "n" anywhere on the page.
  await expect(chart.locator('figcaption')).toContainText(/\(\d+ in totaal\)/);
  expect(await page.locator('main').innerText()).not.toMatch(/\bn = \d/);
  await chart.getByText('Als tabel').click();
  await expect(chart.locator('table')).toBeVisible();
  await expect(chart.locator('tfoot')).toContainText('Totaal');
  await expect(page.getByRole('heading', { name: 'Welke onderwerpen het plan raakt' })).toBeVisible();
  await expectAccessible(page);
  await page.screenshot({ path: testInfo.outputPath('dashboard-360.png'), fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
  await expectAccessible(page);
  await page.screenshot({ path: testInfo.outputPath('dashboard-1280.png'), fullPage: true });
});

test('the council compares two monitoring moments and sees what moved', async ({ page }) => {
  await page.goto(DASHBOARD);
  const option = (id: string, text: string) => page.locator(`#${id} option`, { hasText: text }).getAttribute('value');
  await page.getByLabel('Van', { exact: true }).selectOption((await option('moment-from', 'Start van het eindplan'))!);
  await page.getByLabel('Tot', { exact: true }).selectOption((await option('moment-to', 'Na een jaar'))!);
  await page.getByRole('button', { name: 'Vergelijk' }).click();
  await expect(page.getByRole('heading', { name: 'Van „Start van het eindplan” tot „Na een jaar”' })).toBeVisible();
  const moved = page.locator('#voortgang');
  await expect(moved.getByRole('heading', { name: 'Wat is er veranderd?' })).toBeVisible();
  await expect(moved.locator('li', { hasText: 'Een geldpunt in vier wijken' })).toContainText('Klaar');
  await expectAccessible(page);
});

test('staff record a monitoring moment, once per name', async ({ page }, testInfo) => {
  await signIn(page, 'regisseur@berkeloord.example');
  await page.goto(DASHBOARD);
  const label = `Meting ${testInfo.project.name} ${Date.now().toString(36)}`;
  await page.getByLabel('Naam van het meetmoment').fill(label);
  await page.getByRole('button', { name: 'Meetmoment vastleggen' }).click();
  await expect(page.getByText('Het meetmoment is vastgelegd.')).toBeVisible();
  await expect(page.locator('#voortgang')).toContainText(label);
  await page.getByLabel('Naam van het meetmoment').fill(label);
  await page.getByRole('button', { name: 'Meetmoment vastleggen' }).click();
  await expect(page.getByRole('alert')).toContainText('Er is al een meetmoment met deze naam.');
  await expect(page.getByLabel('Naam van het meetmoment')).toHaveValue(label);
  await expectAccessible(page);
});

test('the round report prints for the council', async ({ page }, testInfo) => {
  await page.goto(DASHBOARD);
  await page.locator('#ronde-rondkomen-2025').getByRole('link', { name: 'Verslag van deze ronde' }).click();
  await expect(page).toHaveURL(REPORT);
  await expect(page.getByRole('heading', { level: 1, name: 'Verslag: Rondkomen: wat helpt nu al?' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Het eindplan' })).toBeVisible();
  await expectAccessible(page);
  await page.screenshot({ path: testInfo.outputPath('report-360.png'), fullPage: true });
  await page.emulateMedia({ media: 'print' });
  await expect(page.locator('.site-header')).toBeHidden();
  await expect(page.getByText('Dit verslag is gemaakt om te printen')).toBeHidden();
  // Chart tables print open.
  await expect(page.locator('.chart-data table').first()).toBeVisible();
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: testInfo.outputPath('report-print-1280.png'), fullPage: true });
  await page.pdf({ path: testInfo.outputPath('report.pdf') }).catch(() => undefined);
});

test("a round's data downloads with every column explained", async ({ page }) => {
  await page.goto('/ronde/rondkomen-2025/export');
  await expect(page.getByRole('heading', { level: 1, name: 'Gegevens downloaden' })).toBeVisible();
  const ideas = page.locator('.export-file', { hasText: 'Ideeën en dromen' });
  await ideas.getByText('Wat betekent elke kolom?').click();
  await expect(ideas.locator('dt', { hasText: 'contributor' })).toBeVisible();
  const href = await ideas.getByRole('link', { name: 'ideeen.csv' }).getAttribute('href');
  const csv = await page.request.get(href!);
  expect(csv.headers()['content-type']).toContain('text/csv');
  const header = (await csv.text()).replace(/^\uFEFF/, '').split('\r\n')[0];
  expect(header.split(',')).toContain('contributor');
  await expectAccessible(page);
});
