import { Browser, Page, expect, test } from '@playwright/test';
import { DEMO_PASSWORD, ROUND, expectAccessible, signIn, unique, withJavaScript } from './helpers';

const ADMIN = 'beheer@berkeloord.example';
const STAFF = 'regisseur@berkeloord.example';
/** Would set `window.__xss` if any of it ran. */
const PAYLOAD = '<img src=x onerror="window.__xss=1"><script>window.__xss=1</script>';

async function newPage(browser: Browser, javaScriptEnabled: boolean) {
  const context = await browser.newContext({
    viewport: { width: 360, height: 740 },
    locale: 'nl-NL',
    javaScriptEnabled,
    baseURL: test.info().project.use.baseURL,
  });
  return context.newPage();
}

async function expectNoScriptRan(page: Page) {
  if (withJavaScript(test.info())) {
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
  }
}

test('an admin invites an experience expert, who signs in and becomes co-moderator', async ({ browser, page }, testInfo) => {
  // Four people and several password hashes in one flow: more than the
  // default time when the machine is busy with the other worker.
  test.slow();
  const js = withJavaScript(testInfo);
  let dialogs = 0;
  page.on('dialog', (dialog) => { dialogs += 1; void dialog.dismiss(); });

  // The admin makes an invitation link.
  await signIn(page, ADMIN, DEMO_PASSWORD);
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Iemand uitnodigen' }).click();
  const email = `ervaring-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@berkeloord.example`;
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Ervaringsdeskundige').check();
  await page.getByRole('button', { name: 'Link maken' }).click();
  const link = (await page.locator('code.link').textContent())!;
  expect(link).toMatch(/\/uitnodiging\/[A-Za-z0-9_-]{43}$/);
  await expectAccessible(page);
  await page.screenshot({ path: testInfo.outputPath('invite-made-360.png'), fullPage: true });

  // The invitee chooses a name (with markup in it) and a password.
  const invitee = await newPage(browser, js);
  invitee.on('dialog', (dialog) => { dialogs += 1; void dialog.dismiss(); });
  await invitee.goto(new URL(link).pathname);
  await expect(invitee.getByRole('heading', { level: 1 })).toHaveText('Account aanmaken');
  await expectAccessible(invitee);
  const name = unique(`Fatima ${PAYLOAD}`).slice(0, 80);
  await invitee.getByLabel('Naam', { exact: true }).fill(name);
  await invitee.getByLabel('Wachtwoord', { exact: true }).fill('kort');
  await invitee.getByLabel('Wachtwoord nog een keer').fill('kort');
  await invitee.getByRole('button', { name: 'Opslaan' }).click();
  await expect(invitee.locator('.error-summary')).toContainText('te kort');
  await expect(invitee.getByLabel('Naam', { exact: true })).toHaveValue(name);
  await invitee.getByLabel('Wachtwoord', { exact: true }).fill('drie rustige woorden samen');
  await invitee.getByLabel('Wachtwoord nog een keer').fill('drie rustige woorden samen');
  await invitee.getByRole('button', { name: 'Opslaan' }).click();
  await expect(invitee.getByText('Je account is klaar. Log nu in.')).toBeVisible();
  await signIn(invitee, email, 'drie rustige woorden samen');
  await expect(invitee.getByText('Je bent nog geen co-moderator van een ronde.')).toBeVisible();
  await expectNoScriptRan(invitee);

  // Before: no moderation entry on the round page.
  await invitee.goto(ROUND);
  await expect(invitee.getByRole('link', { name: 'Modereren' })).toHaveCount(0);

  // Staff make them co-moderator of the round.
  const staff = await newPage(browser, js);
  await signIn(staff, STAFF, DEMO_PASSWORD);
  await staff.goto(`/beheer${ROUND}`);
  await expectAccessible(staff);
  await staff.getByLabel('Ervaringsdeskundige').selectOption({ label: name });
  await staff.getByRole('button', { name: 'Toevoegen' }).click();
  await expect(staff.getByText('De co-moderator is toegevoegd.')).toBeVisible();
  await expect(staff.locator('main')).toContainText(name);
  await expectNoScriptRan(staff);

  // Now the experience expert sees the moderation entry; a resident does not.
  await invitee.goto(ROUND);
  await invitee.getByRole('link', { name: 'Modereren' }).click();
  await expect(invitee).toHaveURL(`${ROUND}/moderatie`);
  await expect(invitee.getByRole('heading', { level: 1 })).toContainText('Modereren');
  await expectAccessible(invitee);
  await invitee.screenshot({ path: testInfo.outputPath('moderation-360.png'), fullPage: false });

  const resident = await newPage(browser, js);
  await resident.goto(ROUND);
  await expect(resident.getByRole('link', { name: 'Modereren' })).toHaveCount(0);
  await resident.goto(`${ROUND}/moderatie`);
  await expect(resident).toHaveURL(/\/inloggen\?terug=/);

  // The admin's account list shows the name as text.
  await page.goto('/beheer/accounts');
  await expect(page.locator('main')).toContainText(name);
  await expectNoScriptRan(page);
  await expectAccessible(page);
  expect(dialogs).toBe(0);
});

test('markup in ideas and nicknames is shown as text and never runs', async ({ page }, testInfo) => {
  await page.goto(ROUND);
  const text = unique(`Idee met opmaak ${PAYLOAD}`);
  await page.getByLabel('Wat is er nu nodig, zodat niemand in Berkeloord in armoede leeft?').check();
  await page.getByLabel('Jouw idee').fill(text);
  await page.getByRole('button', { name: 'Idee versturen' }).click();
  await expect(page.getByRole('heading', { name: 'Bedankt! Je idee is bewaard.' })).toBeVisible();
  await page.goto(ROUND);
  await expect(page.locator('.ideas .idea-text', { hasText: text })).toHaveCount(1);
  await expectNoScriptRan(page);

  await page.goto('/mijn');
  await page.getByLabel('Bijnaam').fill(PAYLOAD.slice(0, 40));
  await page.getByRole('button', { name: 'Opslaan' }).click();
  await expect(page.getByText('Opgeslagen.')).toBeVisible();
  await expect(page.getByLabel('Bijnaam')).toHaveValue(PAYLOAD.slice(0, 40));
  await expectNoScriptRan(page);
  await expectAccessible(page);
  await page.screenshot({ path: testInfo.outputPath('mine-360.png'), fullPage: true });
});

test('on a phone the account bar shows the name, then its three links on one line', async ({ browser }, testInfo) => {
  const page = await newPage(browser, withJavaScript(testInfo));
  await signIn(page, 'ervaring2@berkeloord.example');
  const bar = page.getByRole('navigation', { name: 'Je account' });
  // The sign-out button is a tap target taller than its text: compare middles.
  const middle = async (name: string) => {
    const box = (await bar.getByRole(name === 'Uitloggen' ? 'button' : 'link', { name, exact: true }).boundingBox())!;
    return box.y + box.height / 2;
  };
  const name = (await bar.getByText('Ahmed El Amrani').boundingBox())!;
  const links = [await middle('Werkplek'), await middle('Mijn account'), await middle('Uitloggen')];
  expect(Math.max(...links) - Math.min(...links)).toBeLessThan(2);
  expect(Math.min(...links)).toBeGreaterThanOrEqual(name.y + name.height);
  await page.screenshot({ path: testInfo.outputPath('account-bar-360.png') });
  await page.context().close();
});

test('a wrong password gets one plain answer, whatever the email', async ({ page }) => {
  for (const email of [STAFF, 'niemand@berkeloord.example']) {
    await page.goto('/inloggen');
    await page.getByLabel('E-mailadres').fill(email);
    await page.getByLabel('Wachtwoord').fill('helemaal verkeerd wachtwoord');
    await page.getByRole('button', { name: 'Inloggen' }).click();
    await expect(page.locator('.error-summary')).toContainText('Het e-mailadres of het wachtwoord klopt niet.');
    await expect(page.getByLabel('E-mailadres')).toHaveValue(email);
  }
  await expectAccessible(page);
});

test('the privacy page says what is kept and for how long', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('link', { name: 'Privacy' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Privacy');
  await expect(page.getByText('We bewaren dit hoogstens 2 jaar.')).toBeVisible();
  await expect(page.getByText('We bewaren dit hoogstens 12 uur.')).toBeVisible();
  await expectAccessible(page);
});
