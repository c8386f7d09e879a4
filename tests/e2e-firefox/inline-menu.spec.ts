// The inline menu in Firefox (issue 5 fill path (c) on issue 7's second browser): a person's click in
// the login field opens the extension frame under it, the frame lists the page's login and nothing
// else, a click on that login too soon after the menu appeared fills nothing, and the same click
// after the clickjacking delay fills the field. Firefox has no Intersection Observer v2, so the
// delay and the content script's own checks (src/autofill/content/menu.ts) are what guard it here.
import type { Page } from 'puppeteer-core';
import { expect, test } from './harness/fixtures';
import { clickInFrame, openMenuOnLoginPage, PASS, USER } from './support';

/** The menu's clickjacking guard (src/autofill/menu-guard.ts) waits 500 ms; a little more. */
const SETTLE_MS = 700;

const fieldValues = (page: Page) =>
  page.evaluate(() =>
    ['username', 'password'].map((id) => (document.getElementById(id) as HTMLInputElement).value),
  );

test('a click in the login field opens the menu; a click on its login fills, but not too soon', async ({
  firefox,
  fixtureServer,
}) => {
  const { page, menu } = await openMenuOnLoginPage(firefox, fixtureServer);
  // At once, before anything else is read (each BiDi round trip takes time, and on a loaded machine
  // a few of them add up to the 500 ms after which the click would count): the delay refuses it.
  await clickInFrame(page, menu, '[role="option"]');
  await menu.waitForFunction(() =>
    /just appeared/.test(document.querySelector('[role="status"]')?.textContent ?? ''),
  );
  expect(await fieldValues(page)).toEqual(['', '']);

  const options = await menu.$$eval('[role="option"]', (els) => els.map((el) => el.textContent ?? ''));
  // Only this site's login: localhost on the same port is another site.
  expect(options).toHaveLength(1);
  expect(options[0]).toContain('Local');
  expect(options[0]).toContain(USER);

  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  await clickInFrame(page, menu, '[role="option"]');
  await page.waitForFunction(() => (document.getElementById('password') as HTMLInputElement).value !== '');
  expect(await fieldValues(page)).toEqual([USER, PASS]);
  // The menu closes after the fill.
  await page.waitForFunction(() => document.querySelector('tessera-frame') === null);
});
