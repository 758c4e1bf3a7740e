import { expect, Page, TestInfo, test } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';

export const ROUND = '/ronde/ronde-1-wat-is-nodig';

/** The password of every demo account (they exist only in demo data). */
export const DEMO_PASSWORD = 'berkeloord-demo-2026';

/** Signs in with the keyboard, as someone without a mouse does. */
export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto('/inloggen');
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord').fill(password);
  await page.getByLabel('Wachtwoord').press('Enter');
  await expect(page).toHaveURL(/\/beheer$/);
}

export const withJavaScript = (testInfo: TestInfo) => testInfo.project.name === 'javascript';

/** A text no other test sends, so parallel tests do not see each other's ideas. */
export function unique(text: string): string {
  return `${text} (${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)})`;
}

/**
 * Zero WCAG 2.2 AA violations on the page as it is now. axe runs inside the
 * page, so without JavaScript the same HTML is checked in a second,
 * JavaScript-enabled context at the same address.
 */
export async function expectAccessible(page: Page) {
  let target = page;
  const javascript = test.info().project.name === 'javascript';
  const context = javascript ? undefined : await page.context().browser()!.newContext({ viewport: page.viewportSize()!, javaScriptEnabled: true });
  if (context) {
    const html = await page.content();
    target = await context.newPage();
    await target.route(page.url(), (route) => route.fulfill({ contentType: 'text/html', body: html }));
    await target.goto(page.url());
  }
  const results = await new AxeBuilder({ page: target })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21aa', 'wcag22aa'])
    .analyze();
  await context?.close();
  const summary = results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  expect(summary).toEqual([]);
}

/** Fails the test if the page requests anything from another origin. */
export function forbidOtherOrigins(page: Page, baseURL: string) {
  const foreign: string[] = [];
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(baseURL) && !url.startsWith('data:')) foreign.push(url);
  });
  return () => expect(foreign).toEqual([]);
}

/** How many times `text` appears in the round's idea list. */
export async function timesListed(page: Page, text: string): Promise<number> {
  await page.goto(ROUND);
  return page.locator('.ideas .idea-text', { hasText: text }).count();
}

/** The second demo server, in another theme (playwright.config.ts). */
export const THEMED_URL = `http://127.0.0.1:${Number(process.env.E2E_PORT ?? 3123) + 1}`;
