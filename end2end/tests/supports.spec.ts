import { expect, test } from '@playwright/test';
import { ROUND, expectAccessible, unique } from './helpers';

test('a resident supports an idea with "ik ook" and can take it back', async ({ browser, page }, testInfo) => {
  // Someone else sends an idea first.
  const author = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'nl-NL', baseURL: testInfo.project.use.baseURL });
  const authorPage = await author.newPage();
  const text = unique('Een bankje bij de bushalte voor ouderen');
  await authorPage.goto(ROUND);
  await authorPage.getByLabel('Wat is er nu nodig, zodat niemand in Berkeloord in armoede leeft?').check();
  await authorPage.getByLabel('Jouw idee').fill(text);
  await authorPage.getByRole('button', { name: 'Idee versturen' }).click();
  await expect(authorPage.getByRole('heading', { name: 'Bedankt! Je idee is bewaard.' })).toBeVisible();
  await authorPage.goto(ROUND);
  const own = authorPage.locator('.idea', { hasText: text });
  await expect(own.getByRole('button', { name: 'Ik ook' })).toHaveCount(0);
  await author.close();

  // A resident without a code supports it.
  await page.goto(ROUND);
  const idea = page.locator('.idea', { hasText: text });
  await idea.getByRole('button', { name: 'Ik ook' }).click();
  const again = page.locator('.idea', { hasText: text });
  await expect(again.locator('.support-count')).toHaveText('1 keer ik ook');
  const undo = again.getByRole('button', { name: 'Ik ook (terugdraaien)' });
  await expect(undo).toHaveAttribute('aria-pressed', 'true');
  await expectAccessible(page);
  await page.screenshot({ path: testInfo.outputPath('support-360.png') });

  await undo.click();
  const after = page.locator('.idea', { hasText: text });
  await expect(after.locator('.support-count')).toHaveCount(0);
  await expect(after.getByRole('button', { name: 'Ik ook' })).toHaveAttribute('aria-pressed', 'false');
});
