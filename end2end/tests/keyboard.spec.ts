import { Browser, BrowserContext, expect, Locator, Page, test, TestInfo } from '@playwright/test';
import { DEMO_PASSWORD, unique, withJavaScript } from './helpers';

// The whole funnel with the keyboard alone: focus moves with Tab and
// Shift+Tab, text is typed, buttons and links go with Enter or Space, a
// select changes with the arrow keys or by typing. No click(), fill(),
// check(), selectOption() or focus() anywhere in this file: every control
// used is one that Tab reaches, in the order a person meets it.

const CHALLENGE = 'Armoedevrij Berkeloord 2040';
const CHALLENGE_SLUG = 'armoedevrij-2040';
/** Presses of Tab one control may take at most. */
const MAX_TABS = 80;

/**
 * Presses Tab (or Shift+Tab when the control lies before the focus) until
 * `target` has focus, and checks that the focus can be seen there. Fails
 * when the keyboard never gets there.
 */
async function tabTo(page: Page, target: Locator, what = target.toString()): Promise<void> {
  await expect(target, `${what} is on the page`).toHaveCount(1);
  const element = (await target.elementHandle())!;
  // Backwards when the control comes before the element that has focus now.
  const backwards = await element.evaluate((el) => {
    const now = document.activeElement;
    if (!now || now === document.body || now === el) return false;
    return Boolean(el.compareDocumentPosition(now) & Node.DOCUMENT_POSITION_FOLLOWING);
  });
  const key = backwards ? 'Shift+Tab' : 'Tab';
  for (let presses = 0; ; presses++) {
    if (await element.evaluate((el) => el === document.activeElement)) break;
    if (presses === MAX_TABS) {
      const at = await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 160) ?? 'nothing');
      throw new Error(`${MAX_TABS} × ${key} did not reach ${what}; focus is on ${at}`);
    }
    await page.keyboard.press(key);
  }
  await expectVisibleFocus(page, what);
}

/** The focused control shows a focus ring: an outline or a shadow around it. */
async function expectVisibleFocus(page: Page, what: string) {
  const focus = await page.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    const style = getComputedStyle(el);
    return {
      visible: el.matches(':focus-visible'),
      outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
      shadow: style.boxShadow !== 'none',
    };
  });
  expect(focus.visible && (focus.outline || focus.shadow), `a visible focus on ${what}`).toBe(true);
}

/** Tab to it, then Enter: a link followed, a button pressed. */
async function activate(page: Page, target: Locator, what?: string) {
  await tabTo(page, target, what);
  await page.keyboard.press('Enter');
}

/** Tab to a field and type into it; `replace` first selects what is there. */
async function typeInto(page: Page, field: Locator, text: string, { replace = false } = {}) {
  await tabTo(page, field);
  if (replace) await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.type(text);
}

/** A browser of its own, as each person has: a phone, or staff's laptop. */
async function device(browser: Browser, testInfo: TestInfo, kind: 'phone' | 'laptop'): Promise<Page> {
  const context: BrowserContext = await browser.newContext({
    viewport: kind === 'phone' ? { width: 360, height: 740 } : { width: 1280, height: 900 },
    hasTouch: kind === 'phone',
    locale: 'nl-NL',
    baseURL: testInfo.project.use.baseURL,
    javaScriptEnabled: testInfo.project.use.javaScriptEnabled,
  });
  return context.newPage();
}

async function signIn(page: Page, email: string) {
  await page.goto('/inloggen');
  await typeInto(page, page.getByLabel('E-mailadres'), email);
  await typeInto(page, page.getByLabel('Wachtwoord', { exact: true }), DEMO_PASSWORD);
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/beheer$/);
}

test('the whole funnel, keyboard only: ideas, support, clusters, plan, reactions, final plan, progress, and the resident reads what became of their ideas', async ({ browser }, testInfo) => {
  test.setTimeout(180_000);
  const javascript = withJavaScript(testInfo);
  const title = unique('Ronde met het toetsenbord');
  const ideas = [
    unique('Een gratis fietsenmaker in de wijk, zodat kinderen naar school kunnen fietsen'),
    unique('Een fiets lenen bij de bibliotheek als je er zelf geen kunt kopen'),
  ];
  const theme = unique('Fietsen voor iedereen');
  const item = unique('Fietsen voor elk kind');
  const finalItem = unique('Een fiets voor elk kind, met reparatie in de wijk');
  const why = unique('Goed, maar maak het ook voor volwassenen');
  const update = unique('De eerste twintig fietsen zijn uitgedeeld');

  // Staff: a new round in the demo challenge, opened, with a co-moderator.
  const staff = await device(browser, testInfo, 'laptop');
  await signIn(staff, 'regisseur@berkeloord.example');
  await activate(staff, staff.getByRole('link', { name: 'Opgaven en rondes' }));
  await expect(staff.getByRole('heading', { level: 1, name: 'Opgaven en rondes' })).toBeVisible();
  const challenge = staff.locator('section', { has: staff.getByRole('heading', { level: 2, name: CHALLENGE }) });
  await activate(staff, challenge.getByRole('link', { name: 'Nieuwe ronde' }));
  await expect(staff.getByRole('heading', { level: 1, name: 'Nieuwe ronde' })).toBeVisible();
  await typeInto(staff, staff.getByLabel('Naam van de ronde'), title);
  await typeInto(staff, staff.getByLabel('Uitleg voor inwoners'), 'Vertel wat jou helpt om mee te doen.');
  await typeInto(staff, staff.getByLabel('Vraag 1', { exact: true }), 'Wat heb jij nodig om mee te kunnen doen?');
  // A date field takes its parts as typed digits, in the order of the
  // browser's own language (day first, or month first): 12-12 is either.
  await typeInto(staff, staff.getByLabel('Open tot en met'), '12122099');
  await expect(staff.getByLabel('Open tot en met')).toHaveValue('2099-12-12');
  await activate(staff, staff.getByRole('button', { name: 'Ronde maken als concept' }));
  await expect(staff.getByText('De ronde is gemaakt als concept.')).toBeVisible();
  await expect(staff.getByRole('heading', { level: 1, name: title })).toBeVisible();
  const admin = new URL(staff.url()).pathname;
  const slug = admin.split('/').pop()!;
  const roundUrl = `/ronde/${slug}`;

  // The first press only asks; the second moves the round on.
  await activate(staff, staff.getByText('Naar de volgende fase: Ideeën verzamelen'));
  await activate(staff, staff.getByRole('button', { name: 'Ja, naar de fase: Ideeën verzamelen' }));
  await expect(staff.getByText('De fase is gewijzigd.')).toBeVisible();
  await expect(staff.getByText('Deze ronde is nu in de fase: Ideeën verzamelen.')).toBeVisible();
  // The select takes typed letters: the first name that starts with them.
  await tabTo(staff, staff.getByLabel('Ervaringsdeskundige'));
  await staff.keyboard.type('Marieke');
  await expect(staff.getByLabel('Ervaringsdeskundige').locator('option:checked')).toHaveText('Marieke Jansen');
  await activate(staff, staff.getByRole('button', { name: 'Toevoegen' }));
  await expect(staff.getByText('De co-moderator is toegevoegd.')).toBeVisible();
  await expect(staff.getByRole('button', { name: 'Marieke Jansen weghalen als co-moderator' })).toBeVisible();

  // A resident sends two ideas, on a phone, without an account.
  const resident = await device(browser, testInfo, 'phone');
  await resident.goto(roundUrl);
  await expect(resident.getByRole('heading', { level: 1, name: title })).toBeVisible();
  await typeInto(resident, resident.getByLabel('Jouw idee'), ideas[0]);
  await tabTo(resident, resident.getByLabel(/Waar speelt je idee vooral/));
  await resident.keyboard.type('School');
  await expect(resident.getByLabel(/Waar speelt je idee vooral/).locator('option:checked')).toHaveText('School');
  await activate(resident, resident.getByRole('button', { name: 'Idee versturen' }));
  await expect(resident.getByRole('heading', { name: 'Bedankt! Je idee is bewaard.' })).toBeVisible();
  await activate(resident, resident.getByRole('link', { name: 'Nog een idee geven' }));
  await expect(resident.getByLabel('Jouw idee'), '"Nog een idee geven" brings back an empty idea form').toBeVisible();
  await typeInto(resident, resident.getByLabel('Jouw idee'), ideas[1]);
  // A checkbox ticks with the space bar.
  await tabTo(resident, resident.getByLabel('Ik schrijf uit eigen ervaring'));
  await resident.keyboard.press('Space');
  await expect(resident.getByLabel('Ik schrijf uit eigen ervaring')).toBeChecked();
  await activate(resident, resident.getByRole('button', { name: 'Idee versturen' }));
  await expect(resident.getByRole('heading', { name: 'Bedankt! Je idee is bewaard.' })).toBeVisible();

  // Another resident says "ik ook" to the first idea.
  const neighbour = await device(browser, testInfo, 'phone');
  await neighbour.goto(roundUrl);
  const supported = neighbour.locator('.idea', { hasText: ideas[0] });
  await activate(neighbour, supported.getByRole('button', { name: 'Ik ook' }));
  await expect(neighbour.locator('.idea', { hasText: ideas[0] }).locator('.support-count')).toHaveText('1 keer ik ook');
  await expect(neighbour.locator('.idea', { hasText: ideas[0] }).getByRole('button', { name: 'Ik ook (terugdraaien)' }))
    .toHaveAttribute('aria-pressed', 'true');

  // Staff close the collecting: on to funnelling.
  await staff.reload();
  // The first press only asks; the second moves the round on.
  await activate(staff, staff.getByText('Naar de volgende fase: Ideeën ordenen'));
  await activate(staff, staff.getByRole('button', { name: 'Ja, naar de fase: Ideeën ordenen' }));
  await expect(staff.getByText('Deze ronde is nu in de fase: Ideeën ordenen.')).toBeVisible();

  // The co-moderator makes a theme of both ideas.
  const expert = await device(browser, testInfo, 'laptop');
  await signIn(expert, 'ervaring@berkeloord.example');
  await activate(expert, expert.locator('.round-card', { hasText: title }).getByRole('link', { name: 'Trechteren' }));
  await expect(expert).toHaveURL(`${roundUrl}/trechter`);
  await expect(expert.getByRole('heading', { level: 1, name: 'Trechteren' })).toBeVisible();
  const unplaced = expert.locator('#nog-niet-geplaatst');
  if (javascript) {
    // The shortcuts show once the island runs.
    await expect(expert.getByText('Sneltoetsen')).toBeVisible();
  }
  for (const text of ideas) {
    await tabTo(expert, unplaced.getByLabel(text));
    await expert.keyboard.press('Space');
    await expect(unplaced.getByLabel(text)).toBeChecked();
  }
  if (javascript) {
    // n asks for the new theme's title; Enter makes it, without a page load.
    await expert.keyboard.press('n');
    await expect(expert.getByLabel('Titel van het nieuwe thema')).toBeFocused();
    await expert.keyboard.type(theme);
    await expert.keyboard.press('Enter');
  } else {
    await tabTo(expert, expert.getByLabel('Zet de aangevinkte ideeën in'));
    await expert.keyboard.press('ArrowDown');
    await expect(expert.getByLabel('Zet de aangevinkte ideeën in')).toHaveValue('new');
    await activate(expert, expert.getByText('Titel of uitleg'));
    await typeInto(expert, expert.getByLabel('Titel van het nieuwe thema'), theme);
    await expert.keyboard.press('Enter');
  }
  await expect(expert.locator('.notice.done')).toHaveText('Het thema is gemaakt.');
  const cluster = expert.locator('section.cluster', { has: expert.getByRole('heading', { name: theme }) });
  await expect(cluster).toContainText(ideas[0]);
  await expect(cluster).toContainText(ideas[1]);
  await expect(cluster).toContainText('Gemaakt door: Marieke Jansen (Ervaringsdeskundige)');

  // Staff write the plan: one item from the theme.
  await staff.reload();
  await activate(staff, staff.getByRole('link', { name: 'Plan schrijven' }));
  await expect(staff.getByRole('heading', { level: 1, name: `Plan schrijven: ${title}` })).toBeVisible();
  const newItem = staff.locator('form', { has: staff.getByRole('button', { name: 'Planpunt toevoegen' }) });
  await typeInto(staff, newItem.getByLabel('Titel', { exact: true }), item);
  await typeInto(staff, newItem.getByLabel('Wat gaan we doen?'), 'Kinderen kunnen een fiets lenen en gratis laten maken.');
  await tabTo(staff, newItem.getByLabel(theme));
  await staff.keyboard.press('Space');
  await expect(newItem.getByLabel(theme)).toBeChecked();
  await tabTo(staff, newItem.getByLabel('Leefgebied'));
  await staff.keyboard.type('School');
  await expect(newItem.getByLabel('Leefgebied').locator('option:checked')).toHaveText('School');
  await activate(staff, newItem.getByRole('button', { name: 'Planpunt toevoegen' }));
  await expect(staff.getByText('Het plan is opgeslagen.')).toBeVisible();
  await expect(staff.getByText(/Nog niet alle co-moderatoren hebben getekend.*Marieke Jansen/)).toBeVisible();

  // The co-moderator reads it and signs.
  await activate(expert, expert.getByRole('link', { name: 'Plan schrijven' }));
  await expect(expert.locator('.plan-item').first()).toContainText(item);
  await activate(expert, expert.getByRole('button', { name: 'Ik teken het plan' }));
  await expect(expert.getByText('Je hebt het plan getekend.').first()).toBeVisible();

  // Staff send it out: the round moves on to reactions.
  await staff.reload();
  await expect(staff.getByText('Het plan is klaar om naar de inwoners te sturen.')).toBeVisible();
  await activate(staff, staff.getByRole('button', { name: 'Stuur het plan naar de inwoners' }));
  // The item's children's-rights check is empty: asked first, then sent.
  await expect(staff.getByRole('alert')).toContainText('Bij punt 1 is de kinderrechtentoets nog niet ingevuld.');
  await activate(staff, staff.getByRole('button', { name: 'Toch naar de inwoners sturen' }));
  await expect(staff).toHaveURL(new RegExp(`${roundUrl}/plan\\?gedaan=plan_sent`));
  await expect(staff.getByText('Het plan staat open voor reacties.')).toBeVisible();

  // The resident reacts to the plan: partly agrees, and says why.
  await resident.goto(roundUrl);
  await activate(resident, resident.getByRole('link', { name: 'Naar het plan' }));
  await expect(resident.getByRole('heading', { level: 1, name: `Het plan van ${title}` })).toBeVisible();
  const reaction = resident.locator('.reaction-form').first();
  // Into a group of radio buttons with Tab, to the next choice with an arrow.
  await tabTo(resident, reaction.getByLabel('Eens', { exact: true }));
  await resident.keyboard.press('ArrowDown');
  await expect(reaction.getByLabel('Deels eens')).toBeChecked();
  await typeInto(resident, reaction.getByLabel('Waarom? (mag je leeg laten)'), why);
  await activate(resident, reaction.getByRole('button', { name: 'Reactie versturen' }));
  await expect(resident.getByText('Dank je! Je reactie is opgeslagen.')).toBeVisible();
  await expect(resident.locator('.reaction-form').first()).toContainText('Jouw reactie nu: Deels eens');
  // Results and reasons show from five reactions on (small groups stay
  // hidden): four neighbours agree, each on a phone of their own.
  for (let n = 0; n < 4; n++) {
    const phone = await device(browser, testInfo, 'phone');
    await phone.goto(`${roundUrl}/plan`);
    const form = phone.locator('.reaction-form').first();
    await tabTo(phone, form.getByLabel('Eens', { exact: true }));
    await phone.keyboard.press('Space');
    await activate(phone, form.getByRole('button', { name: 'Reactie versturen' }));
    await expect(phone.getByText('Dank je! Je reactie is opgeslagen.')).toBeVisible();
    await phone.context().close();
  }

  // Staff say what they did with it and publish the final plan.
  await staff.goto(`${roundUrl}/plan/werk`);
  const work = staff.locator('.work-item').first();
  await expect(work).toContainText(why);
  await tabTo(staff, work.getByLabel('Aangepast'));
  await staff.keyboard.press('Space');
  await expect(work.getByLabel('Aangepast')).toBeChecked();
  await typeInto(staff, work.getByLabel('Titel in het eindplan'), finalItem, { replace: true });
  await typeInto(staff, work.getByLabel('Wat hebben we met de reacties gedaan, en waarom?'),
    'Volwassenen vroegen er ook om. De fietsenmaker helpt nu iedereen.');
  await activate(staff, work.locator('details.conclude').getByRole('button', { name: 'Opslaan' }));
  await expect(staff.getByText('Opgeslagen.', { exact: true })).toBeVisible();
  await activate(staff, staff.getByRole('button', { name: 'Eindplan vaststellen' }));
  await expect(staff).toHaveURL(new RegExp(`${roundUrl}/plan\\?gedaan=plan_published`));
  await expect(staff.getByRole('heading', { level: 1, name: `Het eindplan van ${title}` })).toBeVisible();
  await expect(staff.locator('.plan-item').first()).toContainText(finalItem);

  // Staff report the first progress on the item.
  await activate(staff, staff.getByRole('link', { name: 'Werkplek' }));
  await activate(staff, staff.getByRole('link', { name: 'Voortgang melden' }));
  await expect(staff.getByRole('heading', { level: 1, name: 'Voortgang melden' })).toBeVisible();
  const reported = staff.locator('section.plan-item', { hasText: finalItem });
  const itemId = (await reported.getAttribute('id'))!.replace('voortgang-', '');
  await tabTo(staff, staff.locator(`#voortgang-${itemId}-status`), 'the status of the new item');
  await staff.keyboard.type('Bezig');
  await expect(staff.locator(`#voortgang-${itemId}-status option:checked`)).toHaveText('Bezig');
  await typeInto(staff, staff.locator(`#voortgang-${itemId}-note`), update);
  await activate(staff, staff.locator('form', { has: staff.locator(`#voortgang-${itemId}-note`) }).getByRole('button', { name: 'Voortgang toevoegen' }));
  await expect(staff.getByText('De voortgang staat op de tijdlijn.')).toBeVisible();

  // The resident finds the final plan and its progress, in public.
  await resident.goto(roundUrl);
  await activate(resident, resident.getByRole('link', { name: 'Naar het plan' }));
  await expect(resident.getByRole('heading', { level: 1, name: `Het eindplan van ${title}` })).toBeVisible();
  await expect(resident.locator('.plan-item').first()).toContainText(finalItem);
  await expect(resident.locator('.plan-item').first()).toContainText(update);
  await activate(resident, resident.getByRole('link', { name: 'Voortgang van de plannen' }));
  await expect(resident).toHaveURL(`/voortgang/${CHALLENGE_SLUG}`);
  const progress = resident.locator('section.plan-item', { hasText: finalItem });
  await expect(progress).toContainText(update);
  await expect(progress).toContainText('Bezig');

  // On "Mijn inbreng", each of the resident's ideas says where it went and
  // how that point of the plan is going.
  await resident.goto('/mijn');
  for (const text of ideas) {
    const mine = resident.locator('.idea', { hasText: text });
    await expect(mine.locator('.fate')).toContainText(`Punt 1: ${finalItem}`);
    await expect(mine.locator('.fate-progress')).toContainText('Bezig');
    await expect(mine.locator('.fate-progress')).toContainText(update);
  }

  for (const page of [staff, resident, neighbour, expert]) await page.context().close();
});
