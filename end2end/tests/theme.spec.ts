import { Page, expect, test } from '@playwright/test';
import { DEMO_PASSWORD, ROUND, THEMED_URL, expectAccessible, signIn } from './helpers';
import { BUDGET, Measured, measure, table } from './weight';

// The second demo server runs in another municipality's look: the NL Design
// System's example tokens from npm, as they are, and a logo
// (end2end/theme-voorbeeld). Everything a resident and staff see must stay
// accessible and light in it.
test.use({ baseURL: THEMED_URL });

const RESIDENT_PAGES = [
  '/',
  ROUND,
  '/ronde/schulden-voorkomen/plan',
  '/mijn',
  '/toegankelijkheid',
  '/inloggen',
];

async function colour(page: Page, selector: string, property: string): Promise<string> {
  return page.locator(selector).first().evaluate((el, p) => getComputedStyle(el).getPropertyValue(p), property);
}

test('the theme is what residents see: its colours, its logo, its focus', async ({ page }) => {
  await page.goto(ROUND);
  // The example theme's white header with dark text, and its violet buttons.
  expect(await colour(page, '.site-header', 'background-color')).toBe('rgb(255, 255, 255)');
  expect(await colour(page, '.brand', 'color')).toBe('rgb(0, 26, 64)');
  expect(await colour(page, '.button.primary', 'background-color')).toBe('rgb(81, 21, 239)');
  const logo = page.locator('header img.brand-logo');
  await expect(logo).toBeVisible();
  expect(await logo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
  // The name stays beside the logo, and the header fits a phone.
  await expect(page.locator('.brand-place')).toHaveText('Berkeloord');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  // The keyboard's first stop shows in the theme's focus colours.
  await page.keyboard.press('Tab');
  const skip = page.locator('.skip-link');
  await expect(skip).toBeFocused();
  expect(await colour(page, '.skip-link', 'background-color')).toBe('rgb(255, 221, 0)');
});

test('resident pages in the theme pass axe at 360 px', async ({ page }) => {
  test.setTimeout(90_000);
  for (const path of RESIDENT_PAGES) {
    await test.step(path, async () => {
      const response = await page.goto(path);
      expect(response?.status()).toBe(200);
      await expectAccessible(page);
    });
  }
});

test('staff pages in the theme pass axe at 360 px', async ({ page }) => {
  test.setTimeout(90_000);
  await signIn(page, 'regisseur@berkeloord.example', DEMO_PASSWORD);
  for (const path of ['/beheer', '/ronde/ronde-2-kinderen-en-jongeren/trechter', '/account']) {
    await test.step(path, async () => {
      const response = await page.goto(path);
      expect(response?.status()).toBe(200);
      await expectAccessible(page);
    });
  }
});

test('resident pages in the theme stay within the page-weight budget', async ({ browser }, testInfo) => {
  test.skip(testInfo.project.name !== 'javascript', 'counted once, where the islands load too');
  test.setTimeout(120_000);
  const options = { viewport: { width: 360, height: 740 }, hasTouch: true, locale: 'nl-NL', javaScriptEnabled: true, baseURL: THEMED_URL };
  const measured: Measured[] = [];
  for (const path of RESIDENT_PAGES) {
    const context = await browser.newContext(options);
    measured.push(await measure(context, path, path, THEMED_URL));
    await context.close();
  }
  const report = table(measured);
  console.log(`\nFirst-view weight in the example theme:\n${report}\n`);
  await testInfo.attach('theme-budget.txt', { body: report, contentType: 'text/plain' });
  for (const m of measured) {
    expect.soft(m.total['html+css'], `${m.path}: HTML+CSS bytes, brotli`).toBeLessThanOrEqual(BUDGET.htmlCss);
    expect.soft(m.total['js+wasm'], `${m.path}: JS+WASM bytes, brotli`).toBeLessThanOrEqual(BUDGET.jsWasm);
    // The logo is the only image, and small.
    expect.soft(m.total.image, `${m.path}: image bytes`).toBeLessThanOrEqual(2 * 1024);
    expect.soft(m.total.font, `${m.path}: no web fonts`).toBe(0);
  }
});
