import { expect, test } from '@playwright/test';
import { ROUND, expectAccessible, forbidOtherOrigins, timesListed, unique, withJavaScript } from './helpers';

test('a resident sends an idea on a phone and gets a receipt', async ({ page, baseURL }, testInfo) => {
  const noForeignRequests = forbidOtherOrigins(page, baseURL!);
  await page.goto('/');
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Doe mee' }).first().click();
  await expect(page).toHaveURL(ROUND);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Ronde 1: wat is er nodig?');
  await expectAccessible(page);

  const text = unique('Een gratis plek om te sporten voor kinderen');
  await page.getByLabel('Welke stap maakt gezinnen sterker?').check();
  await page.getByLabel('Jouw idee').fill(text);
  await page.getByLabel(/Waar speelt je idee vooral/).selectOption({ label: 'Vrije tijd' });
  await page.getByLabel(/In welke wijk woon je/).selectOption({ label: 'Weverswijk' });
  await page.getByLabel('Ik schrijf uit eigen ervaring').check();
  await page.getByRole('button', { name: 'Idee versturen' }).click();

  const heading = page.getByRole('heading', { name: 'Bedankt! Je idee is bewaard.' });
  await expect(heading).toBeVisible();
  if (withJavaScript(testInfo)) {
    // No page load: the receipt replaced the form, and focus moved to it.
    await expect(page).toHaveURL(ROUND);
    await expect(heading).toBeFocused();
  } else {
    await expect(page).toHaveURL(/\/ontvangen\/\d+$/);
  }
  await expect(page.locator('.receipt blockquote')).toHaveText(text);
  const code = (await page.locator('.receipt .code').textContent())!;
  expect(code).toMatch(/^[2-9A-HJKMNP-TV-Z]{5}-[2-9A-HJKMNP-TV-Z]{5}$/);
  await expectAccessible(page);

  await page.getByRole('link', { name: 'Bekijk mijn inbreng' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mijn inbreng');
  await expect(page.getByText(text)).toBeVisible();
  await expect(page.locator('.code')).toHaveText(code);
  await expectAccessible(page);

  expect(await timesListed(page, text)).toBe(1);
  noForeignRequests();
});

test('bad input is explained next to the field and what was typed is kept', async ({ page }, testInfo) => {
  // Six bad sends, each checked with axe: near 30 s without JavaScript on a busy machine.
  test.slow();
  await page.goto(ROUND);
  const before = await page.locator('.ideas .idea').count();
  const cases: Array<[string, RegExp]> = [
    ['', /Schrijf je idee op\./],
    ['   ', /Schrijf je idee op\./],
    ['kort', /Je idee is te kort\. Schrijf minstens 10 tekens\. Nu zijn het er 4\./],
    ['x'.repeat(2001), /Je idee is te lang\. Schrijf hoogstens 2000 tekens\. Nu zijn het er 2001\./],
  ];
  for (const [typed, message] of cases) {
    await page.getByLabel('Wat is er nu nodig, zodat niemand in Berkeloord in armoede leeft?').check();
    await page.getByLabel('Jouw idee').fill(typed);
    await page.getByRole('button', { name: 'Idee versturen' }).click();
    const summary = page.locator('.error-summary');
    await expect(summary).toBeVisible();
    await expect(summary).toBeFocused();
    await expect(page.locator('#idea-text-error')).toHaveText(message);
    await expect(page.getByLabel('Jouw idee')).toHaveValue(typed);
    await expect(page.getByLabel('Jouw idee')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByLabel('Wat is er nu nodig, zodat niemand in Berkeloord in armoede leeft?')).toBeChecked();
    await expectAccessible(page);
    if (withJavaScript(testInfo)) await expect(page).toHaveURL(ROUND);
  }
  // A missing question is explained at the question.
  await page.goto(ROUND);
  await page.getByLabel('Jouw idee').fill('Een idee zonder gekozen vraag');
  await page.getByRole('button', { name: 'Idee versturen' }).click();
  await expect(page.locator('#idea-question-error')).toHaveText('Kies de vraag waar je antwoord op geeft.');
  await expect(page.getByLabel('Jouw idee')).toHaveValue('Een idee zonder gekozen vraag');
  // The link in the summary leads to the field.
  await page.locator('.error-summary a').first().click();
  await expect(page).toHaveURL(/#idea-question-/);

  await page.goto(ROUND);
  expect(await page.locator('.ideas .idea').count()).toBe(before);
});

test('html in an idea is shown as text and never runs', async ({ page }) => {
  const marker = unique('xss');
  const payload = `<img src=x onerror="document.title='${marker}'"><script>document.title='${marker}'</script> meer bankjes`;
  await page.goto(ROUND);
  await page.getByLabel('Wat moet er echt anders?').check();
  await page.getByLabel('Jouw idee').fill(payload);
  await page.getByRole('button', { name: 'Idee versturen' }).click();
  await expect(page.locator('.receipt blockquote')).toHaveText(payload);
  await page.goto(ROUND);
  await expect(page.locator('.ideas .idea-text', { hasText: marker })).toHaveText(payload);
  expect(await page.title()).not.toContain(marker);
});

test('sending the same form twice saves one idea', async ({ page }, testInfo) => {
  const text = unique('Een bus naar de stad die je kunt betalen');
  await page.goto(ROUND);
  await page.getByLabel('Wat is er nu nodig, zodat niemand in Berkeloord in armoede leeft?').check();
  await page.getByLabel('Jouw idee').fill(text);
  if (withJavaScript(testInfo)) {
    // A double tap: the second tap lands while the first is under way.
    await page.getByRole('button', { name: 'Idee versturen' }).dblclick();
    await expect(page.getByRole('heading', { name: 'Bedankt! Je idee is bewaard.' })).toBeVisible();
  } else {
    await page.getByRole('button', { name: 'Idee versturen' }).click();
    await expect(page).toHaveURL(/\/ontvangen\/\d+$/);
    // Back to the filled-in form, and send it again.
    await page.goBack();
    await expect(page.getByLabel('Jouw idee')).toHaveValue(text);
    await page.getByRole('button', { name: 'Idee versturen' }).click();
    await expect(page.getByText('Dit idee had je al gestuurd. We hebben het één keer bewaard.')).toBeVisible();
  }
  expect(await timesListed(page, text)).toBe(1);
});

test('my contributions open on another device with the code', async ({ page, browser }) => {
  const text = unique('Gratis fietsreparatie voor scholieren');
  await page.goto(ROUND);
  await page.getByLabel('Welke stap maakt gezinnen sterker?').check();
  await page.getByLabel('Jouw idee').fill(text);
  await page.getByRole('button', { name: 'Idee versturen' }).click();
  const code = (await page.locator('.receipt .code').textContent())!;

  const otherDevice = await browser.newContext({ viewport: { width: 360, height: 740 } });
  const other = await otherDevice.newPage();
  await other.goto('/mijn');
  await expect(other.getByText(text)).toHaveCount(0);
  await other.getByLabel('Jouw code').fill('ABC');
  await other.getByRole('button', { name: 'Bekijken' }).click();
  await expect(other.locator('#code-error')).toContainText('Een code heeft 10 tekens');
  await expect(other.getByLabel('Jouw code')).toHaveValue('ABC');
  await expectAccessible(other);
  await other.getByLabel('Jouw code').fill(code.toLowerCase());
  await other.getByRole('button', { name: 'Bekijken' }).click();
  await expect(other.getByText(text)).toBeVisible();
  await other.getByRole('button', { name: 'Niet meer onthouden op dit apparaat' }).click();
  await expect(other.getByLabel('Jouw code')).toBeVisible();
  await expect(other.getByText(text)).toHaveCount(0);
  await otherDevice.close();
});

test('the language switch remembers English', async ({ page }) => {
  await page.goto(ROUND);
  await page.getByRole('button', { name: /English/ }).click();
  await expect(page).toHaveURL(ROUND);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { name: 'Share your idea' })).toBeVisible();
  await page.getByRole('button', { name: 'Send idea' }).click();
  await expect(page.locator('#idea-text-error')).toHaveText('Write down your idea.');
  await expectAccessible(page);
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Have your say in Berkeloord');
  await page.getByRole('button', { name: /Nederlands/ }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Denk mee met Berkeloord');
});

test('unknown pages say so in Dutch', async ({ page }) => {
  const response = await page.goto('/ronde/bestaat-niet');
  expect(response!.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Deze pagina bestaat niet');
  await expectAccessible(page);
});

test('the page fits a 360 px screen without scrolling sideways', async ({ page }) => {
  for (const path of ['/', ROUND, '/mijn', '/bestaat-niet']) {
    await page.goto(path);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, path).toBeLessThanOrEqual(0);
  }
});

test('the first screen of home and of the round page lets a resident start', async ({ page }) => {
  for (const path of ['/', ROUND]) {
    await page.goto(path);
    const start = page.getByRole('link', { name: 'Geef je idee', exact: true });
    const box = (await start.boundingBox())!;
    expect(box.y + box.height, `${path}: the start button is on the first screen`).toBeLessThanOrEqual(740);
  }
  await page.getByRole('link', { name: 'Geef je idee', exact: true }).click();
  await expect(page).toHaveURL(/#idee$/);
  await expect(page.getByLabel('Jouw idee')).toBeInViewport();
});

test('touch targets are at least 44 px high', async ({ page }) => {
  await page.goto(ROUND);
  const small = await page.evaluate(() =>
    Array.from(document.querySelectorAll('button, select, textarea, .button, .choice label'))
      .filter((el) => (el as HTMLElement).offsetParent !== null)
      .map((el) => ({ el: el.outerHTML.slice(0, 60), h: el.getBoundingClientRect().height }))
      .filter(({ h }) => h < 44),
  );
  expect(small).toEqual([]);
});

test('a keyboard alone is enough to send an idea', async ({ page }) => {
  await page.goto(ROUND);
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Naar de inhoud' })).toBeFocused();
  await page.keyboard.press('Enter');
  const text = unique('Huiswerkbegeleiding in het buurthuis');
  // Tab to the first question, pick it with the space bar, then on to the text.
  const firstQuestion = page.getByLabel('Wat is er nu nodig, zodat niemand in Berkeloord in armoede leeft?');
  for (let i = 0; i < 10 && !(await firstQuestion.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await expect(firstQuestion).toBeFocused();
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Jouw idee')).toBeFocused();
  await page.keyboard.type(text);
  const button = page.getByRole('button', { name: 'Idee versturen' });
  for (let i = 0; i < 10 && !(await button.evaluate((el) => el === document.activeElement)); i++) {
    await page.keyboard.press('Tab');
  }
  await expect(button).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Bedankt! Je idee is bewaard.' })).toBeVisible();
});
