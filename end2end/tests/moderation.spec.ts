import { expect, test } from '@playwright/test';
import { expectAccessible, ROUND, signIn, unique } from './helpers';

// Moderators search the ideas (words or a number), act on one and land on
// the same list, page and search; the workspace's front page says how many
// ideas wait. Residents who react from lived experience count as experience
// experts, as on the idea form.

const SEARCH = 'Zoek op woorden of op nummer (#12)';

for (const [name, viewport] of [
  ['phone', { width: 360, height: 740 }],
  ['desktop', { width: 1280, height: 800 }],
] as const) {
  test(`moderators search, act and stay on the same list (${name})`, async ({ page }, testInfo) => {
    await page.setViewportSize(viewport);
    const text = unique('Een watertappunt bij het speelveld in de Molenbuurt');
    await page.goto(ROUND);
    await page.getByLabel('Wat is er nu nodig, zodat niemand in Berkeloord in armoede leeft?').check();
    await page.getByLabel('Jouw idee').fill(text);
    await page.getByRole('button', { name: 'Idee versturen' }).click();
    await expect(page.getByRole('heading', { name: 'Bedankt! Je idee is bewaard.' })).toBeVisible();

    await signIn(page, 'regisseur@berkeloord.example');
    await page.goto('/beheer');
    // Round 2's children's dreams wait for a moderator in the demo.
    const waiting = page.locator('.round-card', {
      has: page.locator('a[href="/ronde/ronde-2-kinderen-en-jongeren/moderatie"]'),
    });
    await expect(waiting).toContainText(/\(\d+ te doen\)/);

    await page.goto(`${ROUND}/moderatie?lijst=alles`);
    await page.getByLabel(SEARCH).fill('watertappunt molenbuurt');
    await page.getByRole('button', { name: 'Zoeken', exact: true }).click();
    await expect(page).toHaveURL(/\?lijst=alles&zoek=watertappunt\+molenbuurt$/);
    const card = page.locator('.idea', { hasText: text });
    await expect(card).toBeVisible();
    await expect(page.locator('.idea', { hasNotText: 'Molenbuurt' })).toHaveCount(0);
    await expectAccessible(page);
    await page.screenshot({ path: testInfo.outputPath(`moderation-search-${name}.png`), fullPage: true });

    await card.getByLabel('Waarom verbergen?').fill('Dit staat er al in');
    await card.getByRole('button', { name: 'Verbergen' }).click();
    await expect(page.getByText('Het idee is verborgen.')).toBeVisible();
    // Back on the same list and search, at the idea.
    await expect(page).toHaveURL(/\?lijst=alles&zoek=watertappunt\+molenbuurt&gedaan=hidden#idee-\d+$/);
    await expect(page.getByLabel(SEARCH)).toHaveValue('watertappunt molenbuurt');
    await expect(page.locator('.idea', { hasText: text })).toContainText('Verborgen: Dit staat er al in');

    // A number finds that one idea.
    const id = (await page.locator('.idea', { hasText: text }).getAttribute('id'))!.replace('idee-', '');
    await page.getByLabel(SEARCH).fill(`#${id}`);
    await page.getByRole('button', { name: 'Zoeken', exact: true }).click();
    await expect(page.locator('.idea')).toHaveCount(1);
    await expect(page.locator('.idea')).toContainText(text);

    await page.getByRole('link', { name: 'Alles weer tonen' }).click();
    await expect(page).toHaveURL(new RegExp(`${ROUND}/moderatie\\?lijst=alles$`));
    await expect(page.getByLabel(SEARCH)).toHaveValue('');
  });
}

test('a resident reacts from lived experience and counts as an experience expert', async ({ page }) => {
  await page.goto('/ronde/schulden-voorkomen/plan');
  const form = page.locator('.reaction-form').nth(1);
  await form.getByLabel('Eens', { exact: true }).check();
  await form.getByLabel('Ik reageer als').selectOption({ label: 'Professional' });
  await form.getByLabel('Ik reageer uit eigen ervaring').check();
  await expect(form).toContainText('Je reactie telt dan bij de ervaringsdeskundigen');
  await form.getByRole('button', { name: 'Reactie versturen' }).click();
  await expect(page.getByText('Dank je! Je reactie is opgeslagen.')).toBeVisible();
  // The form remembers it: the reaction counts with the experience experts.
  await expect(page.locator('.reaction-form').nth(1).getByLabel('Ik reageer uit eigen ervaring')).toBeChecked();
  await expectAccessible(page);
});

test('a child finds the other dreams, and staff print a poster that leads children to the form', async ({ page, browser }, testInfo) => {
  const dream = unique('boswachter worden');
  await page.goto('/droom/ronde-1-wat-is-nodig');
  await page.getByLabel('Als ik later groot ben, wil ik…').fill(dream);
  await page.getByText('8-12 jaar').click();
  await page.getByRole('button', { name: 'Stuur mijn droom' }).click();
  await expect(page.getByRole('heading', { name: 'Dank je wel!' })).toBeVisible();
  const others = page.getByRole('link', { name: 'Kijk wat anderen hebben gestuurd' });
  await expect(others).toHaveAttribute('href', /^\/ronde\/ronde-1-wat-is-nodig\?vraag=\d+#ideas-title$/);

  // A moderator approves the dream and prints the poster.
  const context = await browser.newContext({
    viewport: testInfo.project.use.viewport ?? { width: 360, height: 740 },
    locale: 'nl-NL',
    baseURL: testInfo.project.use.baseURL,
    javaScriptEnabled: testInfo.project.use.javaScriptEnabled,
  });
  const staff = await context.newPage();
  await signIn(staff, 'regisseur@berkeloord.example');
  await staff.goto(`${ROUND}/moderatie`);
  await staff.locator('.idea', { hasText: dream }).getByRole('button', { name: 'Goedkeuren' }).click();
  await expect(staff.getByText('Gedaan. Het idee staat op de pagina.')).toBeVisible();
  await staff.goto(`/beheer${ROUND}`);
  await staff.getByRole('link', { name: 'Poster voor kinderen (om te printen)' }).click();
  await expect(staff.getByRole('heading', { level: 1, name: 'Als ik later groot ben…' })).toBeVisible();
  await expect(staff.locator('.poster-qr svg')).toBeVisible();
  await expect(staff.locator('.poster-address')).toContainText('/droom/ronde-1-wat-is-nodig');
  await expectAccessible(staff);
  await staff.screenshot({ path: testInfo.outputPath('poster-360.png'), fullPage: true });
  await staff.emulateMedia({ media: 'print' });
  await expect(staff.locator('.site-header')).toBeHidden();
  await context.close();

  // The child's link shows dreams only.
  await others.click();
  await expect(page.getByText(dream)).toBeVisible();
  await expect(page.locator('ul.ideas > li.idea', { hasNotText: 'Droom van een kind' })).toHaveCount(0);
  await expectAccessible(page);
});
