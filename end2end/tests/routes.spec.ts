import { Browser, Cookie, Page, expect, test } from '@playwright/test';
import { createHmac } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ROUND, expectAccessible, signIn, unique, withJavaScript } from './helpers';

// Every page of the app, in Dutch and in English, with JavaScript on and off
// (the two projects), checked with axe-core against WCAG 2.2 AA.
//
// The list of pages is not kept here: it is `PAGES` in app/src/web/access.rs,
// where every page route gets its access rule. This file only says how to
// reach each one in the demo. A page added there without a visit here fails,
// and so does a visit here whose route is gone.

const ADMIN = 'beheer@berkeloord.example';
const STAFF = 'regisseur@berkeloord.example';
/** Co-moderator of round 1, "Rondkomen" and "Schulden voorkomen". */
const EXPERT = 'ervaring@berkeloord.example';
/** Co-moderator of round 2. */
const EXPERT2 = 'ervaring2@berkeloord.example';
/** Woonstichting Berkeloord: reports progress on its plan items. */
const PARTNER = 'partner@berkeloord.example';
const PARTNER2 = 'partner2@berkeloord.example';
/** The demo resident's receipt code. */
const RESIDENT_CODE = 'BERKE-VRAAG';

const CHALLENGE = 'armoedevrij-2040';
const ROUND_2 = '/ronde/ronde-2-kinderen-en-jongeren';

interface Visit {
  /** The demo address; or `prepare` makes the state the page needs and returns it. */
  url?: string;
  /** The demo account to sign in as first. */
  as?: string;
  prepare?: (page: Page, browser: Browser) => Promise<string>;
  /** Needs accounts or password hashes made first: more than the usual time. */
  slow?: true;
}

const VISITS: Record<string, Visit> = {
  '/': { url: '/' },
  '/ronde/{slug}': { url: ROUND },
  '/ontvangen/{id}': { prepare: (page) => sendIdea(page) },
  '/mijn': { prepare: (page) => openMine(page) },
  '/mijn/bewerken/{id}': { prepare: async (page) => `/mijn/bewerken/${(await sendIdea(page)).split('/').pop()}` },
  '/mail-stoppen/{token}': { url: `/mail-stoppen/${'0'.repeat(64)}` },
  '/privacy': { url: '/privacy' },
  '/toegankelijkheid': { url: '/toegankelijkheid' },
  '/inloggen': { url: '/inloggen' },
  '/inloggen/code': { prepare: (page, browser) => halfSignedIn(page, browser), slow: true },
  '/uitnodiging/{token}': { prepare: (_page, browser) => invite(browser, newEmail('uitgenodigd')), slow: true },
  '/account': { url: '/account', as: EXPERT },
  '/account/tweestaps': { url: '/account/tweestaps', as: PARTNER2 },
  '/beheer': { url: '/beheer', as: STAFF },
  '/beheer/accounts': { url: '/beheer/accounts', as: ADMIN },
  '/beheer/uitnodigen': { url: '/beheer/uitnodigen', as: ADMIN },
  '/beheer/instellingen': { url: '/beheer/instellingen', as: ADMIN },
  '/beheer/logboek': { url: '/beheer/logboek', as: ADMIN },
  '/beheer/ronde/{slug}': { url: `/beheer${ROUND}`, as: STAFF },
  '/beheer/ronde/{slug}/bewerken': { url: `/beheer${ROUND}/bewerken`, as: STAFF },
  '/beheer/ronde/{slug}/poster': { url: `/beheer${ROUND}/poster`, as: STAFF },
  '/beheer/opgaven': { url: '/beheer/opgaven', as: STAFF },
  '/beheer/opgaven/nieuw': { url: '/beheer/opgaven/nieuw', as: STAFF },
  '/beheer/opgave/{slug}': { url: `/beheer/opgave/${CHALLENGE}`, as: STAFF },
  '/beheer/opgave/{slug}/ronde': { url: `/beheer/opgave/${CHALLENGE}/ronde`, as: STAFF },
  '/ronde/{slug}/moderatie': { url: `${ROUND}/moderatie`, as: EXPERT },
  '/ronde/{slug}/papier': { url: `${ROUND}/papier`, as: PARTNER },
  // About 150 ideas and their themes: axe takes a while on a busy machine.
  '/ronde/{slug}/trechter': { url: `${ROUND_2}/trechter`, as: EXPERT2, slow: true },
  '/ronde/{slug}/melden/{id}': { prepare: (page) => reportLink(page) },
  '/droom/{slug}': { url: '/droom/ronde-1-wat-is-nodig' },
  '/ronde/{slug}/plan': { url: '/ronde/schulden-voorkomen/plan' },
  '/ronde/{slug}/plan/werk': { url: '/ronde/jongeren-en-geld/plan/werk', as: STAFF },
  '/voortgang/{slug}': { url: `/voortgang/${CHALLENGE}` },
  '/beheer/voortgang': { url: '/beheer/voortgang', as: PARTNER },
  '/inzicht/{slug}': { url: `/inzicht/${CHALLENGE}` },
  '/ronde/{slug}/verslag': { url: '/ronde/rondkomen-2025/verslag' },
  '/ronde/{slug}/export': { url: '/ronde/rondkomen-2025/export' },
};

const APP = path.join(__dirname, '../../app');

/** The page routes and their rules, from `PAGES` in access.rs. */
function pageRoutes(): Array<{ pattern: string; rule: string }> {
  const source = fs.readFileSync(path.join(APP, 'src/web/access.rs'), 'utf8');
  const start = source.indexOf('pub const PAGES');
  const end = source.indexOf('];', start);
  if (start < 0 || end < 0) return [];
  const table = source.slice(start, end);
  return [...table.matchAll(/\(\s*"([^"]+)"\s*,\s*Rule::(\w+)\s*\)/g)].map(([, pattern, rule]) => ({ pattern, rule }));
}

/** A translation from app/locales/{lang}.txt. */
function translation(lang: Lang, key: string): string {
  const lines = fs.readFileSync(path.join(APP, `locales/${lang}.txt`), 'utf8').split('\n');
  const line = lines.find((l) => l.startsWith(`${key} =`));
  if (!line) throw new Error(`${key} is not in ${lang}.txt`);
  return line.slice(line.indexOf('=') + 1).trim();
}

type Lang = 'nl' | 'en';
const LANGUAGES: Array<[Lang, string]> = [['nl', 'Dutch'], ['en', 'English']];
const PAGES = pageRoutes();

/** Headings of the pages shown instead of the one asked for. */
const ERROR_HEADINGS = (lang: Lang) =>
  ['not_found.title', 'error_page.title', 'invite.gone_title'].map((key) => translation(lang, key));

// Signing in hashes a password: once per account and worker is enough.
const sessions = new Map<string, Cookie[]>();

async function signInAs(page: Page, email: string) {
  const known = sessions.get(email);
  if (known) {
    await page.context().addCookies(known);
    return;
  }
  await signIn(page, email);
  sessions.set(email, (await page.context().cookies()).filter((c) => c.name === 'trechter_sessie'));
}

/** The language switch, as the button in the header posts it. */
async function chooseLanguage(page: Page, lang: Lang) {
  const answer = await page.request.post('/taal', { form: { lang, back: '/' }, maxRedirects: 0 });
  expect(answer.status(), 'the language switch answers with a redirect').toBe(303);
}

/** Sends an idea to round 1 as a new resident; the address of its receipt. */
async function sendIdea(page: Page): Promise<string> {
  await page.goto(ROUND);
  const question = await page.locator('input[name=question]').first().getAttribute('value');
  const answer = await page.request.post(ROUND, {
    form: { question: question!, text: unique('Een gratis zwemles voor elk kind in de wijk') },
    maxRedirects: 0,
  });
  expect(answer.status()).toBe(303);
  const receipt = answer.headers()['location'];
  expect(receipt).toMatch(/^\/ontvangen\/\d+$/);
  return receipt;
}

/** Opens "Mijn inbreng" with the demo resident's code: their ideas and their fate. */
async function openMine(page: Page): Promise<string> {
  const answer = await page.request.post('/mijn', { form: { code: RESIDENT_CODE }, maxRedirects: 0 });
  expect(answer.status()).toBe(303);
  return '/mijn';
}

/** The "Melden" link of an idea on the round page. */
async function reportLink(page: Page): Promise<string> {
  await page.goto(ROUND);
  const href = await page.locator('.ideas a[href*="/melden/"]').first().getAttribute('href');
  expect(href).toMatch(/^\/ronde\/ronde-1-wat-is-nodig\/melden\/\d+$/);
  return href!;
}

async function newContextPage(browser: Browser) {
  const context = await browser.newContext({
    viewport: { width: 360, height: 740 },
    locale: 'nl-NL',
    baseURL: test.info().project.use.baseURL,
  });
  return context.newPage();
}

/** An address no other test uses. */
function newEmail(name: string): string {
  return `${name}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@berkeloord.example`;
}

/** The admin invites an experience expert; the path of the invitation link. */
async function invite(browser: Browser, email: string): Promise<string> {
  const admin = await newContextPage(browser);
  await signInAs(admin, ADMIN);
  await admin.goto('/beheer/uitnodigen');
  await admin.getByLabel('E-mailadres').fill(email);
  await admin.getByLabel('Ervaringsdeskundige').check();
  await admin.getByRole('button', { name: 'Link maken' }).click();
  const link = await admin.locator('code.link').textContent();
  await admin.context().close();
  return new URL(link!).pathname;
}

/**
 * A new account with a second factor has typed its password and not yet
 * the code: the page that asks for it.
 */
async function halfSignedIn(page: Page, browser: Browser): Promise<string> {
  const email = newEmail('tweestaps');
  const password = 'drie rustige woorden samen';
  const link = await invite(browser, email);

  const invitee = await newContextPage(browser);
  await invitee.goto(link);
  await invitee.getByLabel('Naam', { exact: true }).fill('Tweestaps Test');
  await invitee.getByLabel('Wachtwoord', { exact: true }).fill(password);
  await invitee.getByLabel('Wachtwoord nog een keer').fill(password);
  await invitee.getByRole('button', { name: 'Opslaan' }).click();
  await expect(invitee.getByText('Je account is klaar. Log nu in.')).toBeVisible();
  await signIn(invitee, email, password);
  await invitee.goto('/account/tweestaps');
  await invitee.getByRole('button', { name: 'Beginnen' }).click();
  const secret = (await invitee.locator('code.secret').textContent())!;
  await invitee.getByLabel('Code', { exact: true }).fill(totp(secret));
  await invitee.getByRole('button', { name: 'Aanzetten' }).click();
  await expect(invitee.getByText('Inloggen met een code staat aan.')).toBeVisible();
  await invitee.context().close();

  await page.goto('/inloggen');
  await page.getByLabel('E-mailadres').fill(email);
  await page.getByLabel('Wachtwoord').fill(password);
  await page.getByLabel('Wachtwoord').press('Enter');
  await expect(page).toHaveURL(/\/inloggen\/code(\?|$)/);
  const url = new URL(page.url());
  return url.pathname + url.search;
}

/** The code an authenticator app shows now (RFC 6238: SHA-1, 6 digits, 30 s). */
function totp(base32: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of base32.replace(/[\s=]/g, '').toUpperCase()) {
    bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  }
  const key = Buffer.from((bits.match(/.{8}/g) ?? []).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(Date.now() / 1000 / 30)));
  const mac = createHmac('sha1', key).update(counter).digest();
  const offset = mac[mac.length - 1] & 0xf;
  const number = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(number % 1_000_000).padStart(6, '0');
}

test('every page route in access.rs has a visit here, and every visit a route', () => {
  expect(PAGES.length, 'PAGES read from app/src/web/access.rs').toBeGreaterThan(0);
  const patterns = PAGES.map((p) => p.pattern);
  const unvisited = patterns.filter((p) => !(p in VISITS));
  expect.soft(unvisited, 'page routes in PAGES with no accessibility check in routes.spec.ts').toEqual([]);
  const stale = Object.keys(VISITS).filter((p) => !patterns.includes(p));
  expect.soft(stale, 'visits in routes.spec.ts for routes that are not in PAGES').toEqual([]);
  // A page behind a sign-in needs someone who may see it.
  const anonymous = PAGES.filter(({ pattern, rule }) => !['Public', 'SecondFactorStep'].includes(rule) && !VISITS[pattern]?.as);
  expect.soft(anonymous.map((p) => p.pattern), 'pages with an access rule visited without an account').toEqual([]);
});

test.describe('every page passes axe-core (WCAG 2.2 AA) and fits a 360 px screen', () => {
  for (const { pattern } of PAGES) {
    for (const [lang, language] of LANGUAGES) {
      test(`${pattern} in ${language}`, async ({ page, browser }, testInfo) => {
        const visit = VISITS[pattern];
        if (!visit) throw new Error(`${pattern} is in PAGES but has no visit in routes.spec.ts: add one to VISITS`);
        if (visit.slow) test.slow();
        if (visit.as) await signInAs(page, visit.as);
        const url = visit.prepare ? await visit.prepare(page, browser) : visit.url!;
        await chooseLanguage(page, lang);

        const answer = await page.goto(url);
        expect(answer?.status(), `${url} answers 200`).toBe(200);
        // Not sent elsewhere (to sign in, or to set up a second factor).
        expect(new URL(page.url()).pathname).toBe(new URL(url, page.url()).pathname);
        await expect(page.locator('html')).toHaveAttribute('lang', lang);
        const heading = (await page.locator('h1').first().innerText()).trim();
        expect(ERROR_HEADINGS(lang), `${url} shows its own page, not an error`).not.toContain(heading);
        // Let the islands start: the page is checked as people with JavaScript get it.
        if (withJavaScript(testInfo)) await page.waitForLoadState('networkidle');
        await expectAccessible(page);
        // On a 360 px phone the page itself never scrolls sideways; a wide
        // table scrolls inside its own region.
        const sideways = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(sideways, `${url} scrolls sideways at 360 px`).toBeLessThanOrEqual(0);
      });
    }
  }
});
