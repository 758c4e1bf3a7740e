import { expect, test } from '@playwright/test';
import { DEMO_PASSWORD, expectAccessible, signIn, unique, withJavaScript } from './helpers';

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
  await page.locator('.round-card', { hasText: 'Ronde 2: opgroeien zonder geldzorgen' }).getByRole('link', { name: 'Trechteren' }).press('Enter');
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
  await expect(page.locator('.error-summary')).toContainText('Je hebt geen ideeën aangevinkt.');
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
  await page.getByText('Titel of uitleg').press('Enter');
  await page.getByLabel('Titel van het nieuwe thema').fill(title);
  await page.getByRole('button', { name: 'Verplaatsen' }).press('Enter');
  await expect(page.locator('.notice.done')).toHaveText('Het thema is gemaakt.');
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
  await expect(page.locator('.notice.done')).toContainText('Het thema is weggehaald.');
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

test('with JavaScript, ideas move by shortcut or by dragging, and a screen reader hears it', async ({ page }, testInfo) => {
  test.slow();
  const help = () => page.getByText('Sneltoetsen');
  if (!withJavaScript(testInfo)) {
    // The shortcuts need the island: without it they are not offered.
    await signIn(page, 'regisseur@berkeloord.example');
    await page.goto(FUNNEL);
    await expect(page.getByText(/Nog niet geplaatst: \d+ van \d+ ideeën/)).toBeVisible();
    await expect(help()).toBeHidden();
    return;
  }
  await signIn(page, 'regisseur@berkeloord.example');
  await page.goto(FUNNEL);
  const unplaced = page.locator('#nog-niet-geplaatst');
  const laptop = page.locator('section.cluster', { has: page.getByRole('heading', { name: 'Een laptop voor huiswerk' }) });
  const announced = page.locator('[data-announce]');
  const [breakfast, cycling] = ['gratis ontbijt op school', 'De middelbare school is 14 km fietsen'];

  // The shortcut list says which number is which theme. It shows once the
  // island runs, so this also waits for that.
  await expect(help()).toBeVisible();
  await help().press('Enter');
  const number = await page.locator('.shortcuts li', { hasText: 'Een laptop voor huiswerk' }).locator('kbd').innerText();

  // Nothing ticked: the shortcut moves the idea that has focus.
  const url = page.url();
  await unplaced.getByLabel(breakfast).focus();
  await page.keyboard.press(number);
  await expect(laptop).toContainText(breakfast);
  await expect(unplaced).not.toContainText(breakfast);
  await expect(announced).toContainText('De ideeën zijn verplaatst.');
  await expect(announced).toContainText(/Nog niet geplaatst: \d+ van \d+ ideeën/);
  // No full page load: focus went on to the next idea to place.
  await expect(page.locator('input[name=idea]:focus')).toHaveCount(1);
  expect(page.url()).not.toBe(url);
  await expectAccessible(page);

  // j and k walk through the ideas.
  const first = page.locator('input[name=idea][form=verplaats]').first();
  await first.focus();
  await page.keyboard.press('j');
  await expect(page.locator('input[name=idea][form=verplaats]').nth(1)).toBeFocused();
  await page.keyboard.press('k');
  await expect(first).toBeFocused();

  // Dragging an idea onto a theme moves it there: on a wide screen, where
  // the ideas and the themes stand side by side.
  await page.setViewportSize({ width: 1280, height: 900 });
  const dragged = unplaced.locator('.funnel-idea', { hasText: cycling });
  await laptop.getByRole('heading').scrollIntoViewIfNeeded();
  await dragged.scrollIntoViewIfNeeded();
  await dragged.dragTo(laptop.getByRole('heading'));
  await expect(laptop).toContainText(cycling);
  await expect(unplaced).not.toContainText(cycling);
  await page.screenshot({ path: testInfo.outputPath('funnelling-dragged-desktop.png') });
  await page.setViewportSize({ width: 360, height: 740 });

  // u puts ticked ideas back, as they were before the test.
  await laptop.getByLabel(breakfast).check();
  await laptop.getByLabel(cycling).check();
  await laptop.getByLabel(cycling).press('u');
  await expect(announced).toContainText('De ideeën staan weer bij "Nog niet geplaatst".');
  await expect(unplaced).toContainText(breakfast);
  await expect(unplaced).toContainText(cycling);
  await expect(laptop).not.toContainText(breakfast);
  await expect(page.locator('ul.log')).toContainText('Een laptop voor huiswerk');

  // n asks for the new theme's title; Enter makes it.
  await unplaced.getByLabel(breakfast).press('n');
  const title = page.getByLabel('Titel van het nieuwe thema');
  await expect(title).toBeFocused();
  const name = unique('Ontbijt');
  await title.fill(name);
  await title.press('Enter');
  const made = page.locator('section.cluster', { has: page.getByRole('heading', { name }) });
  await expect(made).toContainText(breakfast);
  await expect(announced).toContainText('Het thema is gemaakt.');
  await made.getByText('Thema bewerken').press('Enter');
  await made.getByRole('button', { name: 'Thema weghalen' }).press('Enter');
  await expect(announced).toContainText('Het thema is weggehaald.');
  await expect(unplaced).toContainText(breakfast);
});

/** Ideas of the unplaced list wholly on screen: inside its scrolling
 * column, and not under the move bar. */
async function ideasInView(page: import('@playwright/test').Page): Promise<number> {
  const barTop = (await page.locator('.move-bar').boundingBox())!.y;
  return page.locator('#nog-niet-geplaatst .funnel-idea').evaluateAll((items, barTop) => {
    const column = items[0]?.closest('.funnel-column')?.getBoundingClientRect();
    const bottom = Math.min(barTop, window.innerHeight, column && column.height < window.innerHeight ? column.bottom : Infinity);
    const top = Math.max(0, column ? column.top : 0);
    return items.filter((item) => {
      const r = item.getBoundingClientRect();
      return r.top >= top && r.bottom <= bottom;
    }).length;
  }, barTop);
}

test('the workspace shows eight ideas on a laptop and four on a phone, all on one list', async ({ page }, testInfo) => {
  await signIn(page, 'regisseur@berkeloord.example');
  for (const [width, height, least] of [[1280, 800, 8], [360, 740, 4]]) {
    await page.setViewportSize({ width, height });
    await page.goto(FUNNEL);
    await page.screenshot({ path: testInfo.outputPath(`funnelling-first-screen-${width}.png`) });
    expect(await ideasInView(page), `${width}×${height}`).toBeGreaterThanOrEqual(least);
  }
  // Every unplaced idea is on the one page, so ideas can be ticked across
  // the whole list; there is nothing to page through.
  const heading = await page.locator('#funnel-unplaced-title').innerText();
  const unplaced = Number(heading.match(/\((\d+)\)/)![1]);
  expect(unplaced).toBeGreaterThan(8);
  await expect(page.locator('#nog-niet-geplaatst .funnel-idea')).toHaveCount(unplaced);
  await expect(page.locator('#nog-niet-geplaatst .pagination')).toHaveCount(0);
  // A ticked idea shows its whole text; the others two lines.
  const last = page.locator('#nog-niet-geplaatst .funnel-idea').last();
  await last.locator('input[type=checkbox]').check();
  await expect(last.locator('.idea-text')).toHaveCSS('display', 'block');
  await last.locator('input[type=checkbox]').uncheck();
  await expectAccessible(page);
});

test('setting ideas aside takes one choice: the reason is in the list', async ({ page }) => {
  await signIn(page, 'regisseur@berkeloord.example');
  await page.goto(FUNNEL);
  const reasons = page.locator('#funnel-destination optgroup[label="Apart zetten"] option');
  await expect(reasons).toHaveText(['Hier kan de gemeente niets aan doen', 'Gaat niet over deze opgave', 'Iets anders']);
  // "Iets anders" without the explanation residents read: asked for, in
  // the open disclosure, also without JavaScript.
  await page.locator('#nog-niet-geplaatst input[type=checkbox]').first().check();
  await page.getByLabel('Zet de aangevinkte ideeën in').selectOption('aside:other');
  await page.getByRole('button', { name: 'Verplaatsen' }).click();
  await expect(page.locator('.error-summary')).toBeVisible();
  await expect(page.getByLabel('Uitleg voor wie het idee stuurde')).toBeVisible();
  await expectAccessible(page);
});

test('a change sent after the session ended is saved after signing in again', async ({ page, context }, testInfo) => {
  test.slow();
  await signIn(page, 'regisseur@berkeloord.example');
  await page.goto(FUNNEL);
  // Each browser project its own theme, so the two can run side by side.
  const theme = page.locator('section.cluster').nth(withJavaScript(testInfo) ? 0 : 1);
  await theme.getByText('Thema bewerken').click();
  const field = theme.getByLabel('Korte samenvatting');
  const before = await field.inputValue();
  const typed = unique('Wat we in de wijk hoorden');
  await field.fill(typed);
  // Idle too long: the session is gone when the form is sent.
  await context.clearCookies({ name: 'trechter_sessie' });
  await theme.getByRole('button', { name: 'Opslaan' }).click();
  await expect(page.getByText('Je bent uitgelogd, omdat je een tijd niets hebt gedaan.')).toBeVisible();
  await expect(page.locator('.site-header')).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel('E-mailadres').fill('regisseur@berkeloord.example');
  await page.getByLabel('Wachtwoord').fill(DEMO_PASSWORD);
  await page.getByLabel('Wachtwoord').press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Je bent weer ingelogd' })).toBeVisible();
  await expect(page.locator('.pending-texts')).toContainText(typed);
  await expectAccessible(page);
  await page.screenshot({ path: testInfo.outputPath('save-now-360.png'), fullPage: true });
  await page.getByRole('button', { name: 'Nu bewaren' }).click();
  await expect(page.locator('.notice.done')).toHaveText('Het thema is opgeslagen.');
  const saved = page.locator('section.cluster').nth(withJavaScript(testInfo) ? 0 : 1);
  await expect(saved).toContainText(typed);
  // As it was before the test.
  await saved.getByText('Thema bewerken').click();
  await saved.getByLabel('Korte samenvatting').fill(before);
  await saved.getByRole('button', { name: 'Opslaan' }).click();
  await expect(page.locator('.notice.done')).toHaveText('Het thema is opgeslagen.');
});

test('with JavaScript, staff are warned five minutes before the session ends and can stay', async ({ page }, testInfo) => {
  test.skip(!withJavaScript(testInfo), 'the warning needs a clock in the page');
  await page.clock.install();
  await signIn(page, 'regisseur@berkeloord.example');
  await page.goto(FUNNEL);
  const warning = page.locator('#session-warning');
  await expect(warning).toBeHidden();
  await page.clock.fastForward('24:00');
  await expect(warning).toBeHidden();
  await page.clock.fastForward('01:01');
  await expect(warning).toBeVisible();
  await expect(warning).toContainText('Over 5 minuten word je uitgelogd.');
  await expectAccessible(page);
  const touched = page.waitForRequest((r) => r.method() === 'HEAD' && r.url().endsWith('/account'));
  await warning.getByRole('button', { name: 'Ingelogd blijven' }).click();
  await touched;
  await expect(warning).toBeHidden();
});
