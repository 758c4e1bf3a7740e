import { Browser, Page, expect, test } from '@playwright/test';
import { DEMO_PASSWORD, expectAccessible, withJavaScript } from './helpers';

// Staff signing in at the municipality's OpenID provider: a real one
// (oidc-provider, end2end/oidc/provider.mjs) and two demo servers that use
// it (playwright.config.ts). The provider's test control changes the next
// ID token, so these tests run one after another, and once: the flow is
// redirects only, the same with and without JavaScript.

const base = Number(process.env.E2E_PORT ?? 3123);
const PROVIDER = `http://127.0.0.1:${base + 3}`;
const OIDC = `http://127.0.0.1:${base + 4}`;
const STRICT = `http://127.0.0.1:${base + 5}`;
const BUTTON = 'Inloggen via Gemeente Berkeloord';

test.describe.configure({ mode: 'serial' });
test.beforeEach(async ({ page }, testInfo) => {
  test.skip(withJavaScript(testInfo), 'the provider test control is shared: one run');
  // The provider's own pages ask for a web font; nothing leaves the machine.
  await page.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
});

/** What the provider puts in (or how it signs) the next ID token. */
async function nextToken(change: object) {
  const answer = await fetch(`${PROVIDER}/__test/next`, { method: 'POST', body: JSON.stringify(change) });
  expect(answer.status).toBe(204);
}

/** From Trechter's sign-in page to the provider, signing in there as `login` if asked. */
async function signInAtProvider(page: Page, login: string, server = OIDC) {
  if (!page.url().startsWith(`${server}/inloggen`)) await page.goto(`${server}/inloggen`);
  await page.getByRole('link', { name: BUTTON }).click();
  if (page.url().startsWith(`${PROVIDER}/interaction/`)) {
    await page.locator('input[name=login]').fill(login);
    await page.locator('input[name=password]').fill('wat-dan-ook');
    await page.getByRole('button', { name: 'Sign-in' }).click();
  }
}

async function expectSignedOut(page: Page, server = OIDC) {
  const answer = await page.request.get(`${server}/beheer`, { maxRedirects: 0 });
  expect(answer.headers().location ?? '').toMatch(/^\/inloggen\?terug=/);
}

async function freshPage(browser: Browser) {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'nl-NL', javaScriptEnabled: false });
  const page = await context.newPage();
  await page.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) => route.abort());
  return page;
}

test('a member of staff signs in at the provider, and out of Trechter and the provider', async ({ page }, testInfo) => {
  // Asked for a staff page: sign in first, then back to it.
  await page.goto(`${OIDC}/beheer/opgaven`);
  await expect(page).toHaveURL(/\/inloggen\?terug=/);
  await expect(page.getByRole('link', { name: BUTTON })).toBeVisible();
  await expectAccessible(page);
  await page.screenshot({ path: testInfo.outputPath('sign-in-with-provider-360.png'), fullPage: true });
  await signInAtProvider(page, 'regisseur');
  await expect(page).toHaveURL(`${OIDC}/beheer/opgaven`);
  await expect(page.getByText('Sanne de Vries')).not.toHaveCount(0);

  // Signing out of Trechter offers to sign out at the provider too.
  await page.getByRole('button', { name: 'Uitloggen' }).click();
  await expect(page).toHaveURL(`${OIDC}/inloggen?gedaan=signed_out_provider`);
  await expect(page.getByRole('status')).toHaveText('Je bent uitgelogd bij Trechter.');
  await expectAccessible(page);
  await page.screenshot({ path: testInfo.outputPath('signed-out-offer-360.png'), fullPage: true });
  await expectSignedOut(page);
  await page.getByRole('link', { name: 'Log dan ook uit bij Gemeente Berkeloord' }).click();
  // The provider asks; then it sends the browser back.
  await expect(page).toHaveURL(new RegExp(`^${PROVIDER}/session/end`));
  await page.getByRole('button', { name: /Yes, sign me out/ }).click();
  await expect(page).toHaveURL(`${OIDC}/inloggen?gedaan=signed_out`);
  // Signed out there too: the provider asks who you are again.
  await page.getByRole('link', { name: BUTTON }).click();
  await expect(page).toHaveURL(new RegExp(`^${PROVIDER}/interaction/`));
});

test('ID tokens that are not right are refused, each one', async ({ page }) => {
  const now = Math.floor(Date.now() / 1000);
  const wrong: [string, object][] = [
    ['another audience', { claims: { aud: 'een-andere-toepassing' } }],
    ['expired', { claims: { iat: now - 7200, exp: now - 3600 } }],
    ['another nonce', { claims: { nonce: 'een-andere-nonce' } }],
    ['unsigned (alg none)', { alg: 'none' }],
    ['signed with a key the provider never published', { key: 'stranger' }],
    ['from another issuer', { claims: { iss: 'http://127.0.0.1:1/nep' } }],
  ];
  for (const [what, change] of wrong) {
    await nextToken(change);
    await signInAtProvider(page, 'regisseur');
    await expect(page.locator('.error-summary'), what).toContainText('Het antwoord van Gemeente Berkeloord klopt niet');
    await expectSignedOut(page);
  }
  await expectAccessible(page);
  // The provider itself is fine: the next sign-in works.
  await signInAtProvider(page, 'regisseur');
  await expect(page).toHaveURL(`${OIDC}/beheer`);
});

test('an answer from the provider counts once, and only in the browser that asked', async ({ page, browser }) => {
  let answer = '';
  page.on('request', (request) => {
    if (request.url().startsWith(`${OIDC}/inloggen/organisatie/terug`)) answer = request.url();
  });
  await signInAtProvider(page, 'regisseur');
  await expect(page).toHaveURL(`${OIDC}/beheer`);
  expect(answer).toContain('code=');

  // Another browser with the same answer (stolen from a log or history).
  const other = await freshPage(browser);
  await other.goto(answer);
  await expect(other.locator('.error-summary')).toContainText('verlopen of al gebruikt');
  await expectSignedOut(other);

  // The same browser again, after signing out.
  await page.getByRole('button', { name: 'Uitloggen' }).click();
  await page.goto(answer);
  await expect(page.locator('.error-summary')).toContainText('verlopen of al gebruikt');
  await expectSignedOut(page);
});

test('only people with an account, an invitation or a role get in', async ({ page, browser }, testInfo) => {
  // The provider does not vouch for this address: nothing to link by.
  await signInAtProvider(page, 'onbevestigd');
  await expect(page.locator('.error-summary')).toContainText('heeft je e-mailadres niet bevestigd');
  await expectSignedOut(page);

  // Known at the provider, unknown here.
  const stranger = await freshPage(browser);
  await signInAtProvider(stranger, 'vreemde');
  await expect(stranger.locator('.error-summary')).toContainText('Je hebt nog geen toegang tot Trechter');
  await expectAccessible(stranger);
  await stranger.screenshot({ path: testInfo.outputPath('no-access-360.png'), fullPage: true });
  await expectSignedOut(stranger);

  // In the staff group at the provider: an account with the staff role.
  const colleague = await freshPage(browser);
  await signInAtProvider(colleague, 'groep');
  await expect(colleague).toHaveURL(`${OIDC}/beheer`);
  await expect(colleague.getByText('Nieuwe Medewerker')).not.toHaveCount(0);
  await colleague.goto(`${OIDC}/beheer/opgaven`);
  await expect(colleague.getByRole('heading', { level: 1 })).not.toHaveText(/geen toegang/i);

  // A provider that writes "true" as a string is understood.
  const stringly = await freshPage(browser);
  await signInAtProvider(stringly, 'tekstwaar');
  await expect(stringly).toHaveURL(`${OIDC}/beheer`);

  // Invited by the admin, then signing in at the provider for the first time.
  const admin = await freshPage(browser);
  await admin.goto(`${OIDC}/inloggen`);
  await admin.getByLabel('E-mailadres').fill('beheer@berkeloord.example');
  await admin.getByLabel('Wachtwoord').fill(DEMO_PASSWORD);
  await admin.getByLabel('Wachtwoord').press('Enter');
  await admin.goto(`${OIDC}/beheer/uitnodigen`);
  await admin.getByLabel('E-mailadres').fill('uitgenodigd@berkeloord.example');
  await admin.getByLabel('Ervaringsdeskundige').check();
  await admin.getByRole('button', { name: 'Link maken' }).click();
  const invited = await freshPage(browser);
  await signInAtProvider(invited, 'uitgenodigd');
  await expect(invited).toHaveURL(`${OIDC}/beheer`);
  await expect(invited.getByText('Uitgenodigde Partner')).not.toHaveCount(0);
  // The invitation is used up.
  await admin.goto(`${OIDC}/beheer/uitnodigen`);
  await expect(admin.getByText('uitgenodigd@berkeloord.example')).toHaveCount(0);
});

test('where strong authentication is required, a sign-in without it is refused', async ({ page }) => {
  await signInAtProvider(page, 'sterk', STRICT);
  await expect(page.locator('.error-summary')).toContainText('zonder de extra controle die de gemeente vraagt');
  await expectSignedOut(page, STRICT);
  await nextToken({ claims: { acr: 'urn:berkeloord:loa3' } });
  await signInAtProvider(page, 'sterk', STRICT);
  await expect(page).toHaveURL(`${STRICT}/beheer`);
});

test('an admin can turn passwords off for staff', async ({ browser }, testInfo) => {
  const admin = await freshPage(browser);
  const staffWithPassword = async () => {
    const staff = await freshPage(browser);
    await staff.goto(`${OIDC}/inloggen`);
    await staff.getByLabel('E-mailadres').fill('regisseur@berkeloord.example');
    await staff.getByLabel('Wachtwoord').fill(DEMO_PASSWORD);
    await staff.getByLabel('Wachtwoord').press('Enter');
    return staff;
  };
  await admin.goto(`${OIDC}/inloggen`);
  await admin.getByLabel('E-mailadres').fill('beheer@berkeloord.example');
  await admin.getByLabel('Wachtwoord').fill(DEMO_PASSWORD);
  await admin.getByLabel('Wachtwoord').press('Enter');
  await admin.goto(`${OIDC}/beheer/instellingen`);
  const only = admin.getByLabel('Beheerders en medewerkers loggen alleen in via Gemeente Berkeloord');
  await only.check();
  await admin.getByRole('button', { name: 'Opslaan' }).click();
  await expect(admin.getByRole('status')).toHaveText('De instellingen zijn opgeslagen.');
  await expectAccessible(admin);
  await admin.screenshot({ path: testInfo.outputPath('settings-360.png'), fullPage: true });

  const refused = await staffWithPassword();
  await expect(refused.locator('.error-summary')).toContainText('Medewerkers loggen in via Gemeente Berkeloord');
  await expectSignedOut(refused);

  await admin.goto(`${OIDC}/beheer/instellingen`);
  await only.uncheck();
  await admin.getByRole('button', { name: 'Opslaan' }).click();
  const allowed = await staffWithPassword();
  await expect(allowed).toHaveURL(`${OIDC}/beheer`);
});

// Last: after this the provider signs with its new key for good.
test('after the provider rotates its signing key, signing in still works', async ({ page }) => {
  await fetch(`${PROVIDER}/__test/rotate`, { method: 'POST' });
  await signInAtProvider(page, 'regisseur');
  await expect(page).toHaveURL(`${OIDC}/beheer`);
});
