// The content script in two parts (issue 18): every frame gets the small autofill-content.js; the
// rest, autofill-forms.js, is imported from the extension only when the frame shows something
// login-like and someone acts there, or the background sends a command. What a page can and
// cannot see of that.
import type { Page } from '@playwright/test';
import {
  matchesSection,
  openPopupFor,
  PASS,
  setUpTwoSites,
  site,
  USER,
  values,
  watchScripts,
} from './autofill-support';
import { evalInContentScript } from './harness/content-world';
import { expect, test } from './harness/fixtures';

/** Extension URLs the page's own script can find in its resource timing. */
function extensionEntries(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .map((entry) => entry.name)
      .filter((name) => !name.startsWith('http')),
  );
}

test('a page with nothing login-like never loads the forms module; a sign-in form it adds later does once a person goes to it, unseen by the page', async ({
  extension,
  fixtureServer,
}) => {
  const page = await extension.newPage();
  const scripts = await watchScripts(page);
  await page.goto(site(fixtureServer, 'plain.html'));
  // The small part ran (its wake listeners are on the window; it marks nothing else, to cost
  // nothing more at load)...
  await expect
    .poll(() =>
      evalInContentScript(
        page,
        extension.id,
        "['focusin', 'mousedown', 'keydown'].map((type) => getEventListeners(window)[type]?.length ?? 0)",
        true,
      ),
    )
    .toEqual([1, 1, 1]);
  // ...and after the watcher's quiet period, still nothing more was loaded.
  await page.waitForTimeout(500);
  expect(scripts.forms()).toEqual([]);

  await page.evaluate(() => {
    document.body.insertAdjacentHTML(
      'beforeend',
      '<form><input name="username" autocomplete="username"><input name="password" type="password"><button>Sign in</button></form>',
    );
  });
  // Seen, but held until someone acts on the page (src/autofill/content/main.ts).
  await page.waitForTimeout(500);
  expect(scripts.forms()).toEqual([]);
  await page.locator('[name="username"]').click();
  await expect.poll(() => scripts.forms().length).toBe(1);
  // Loaded into the content script's isolated world: the page's world has no trace of it.
  expect(await extensionEntries(page)).toEqual([]);
  expect(
    await page.evaluate(() => Object.keys(globalThis).filter((key) => /tessera|autofill/i.test(key))),
  ).toEqual([]);
  await scripts.cdp.detach();
});

test('under a page CSP that allows nothing, the forms module still loads and Fill fills', async ({
  extension,
  fixtureServer,
}) => {
  await setUpTwoSites(extension, fixtureServer);
  const page = await extension.newPage();
  const scripts = await watchScripts(page);
  await page.goto(`${site(fixtureServer, 'login.html')}?csp=none`);
  // The popup's Fill is the first the page's content script hears: it loads the module then.
  const popup = await openPopupFor(extension, page);
  await matchesSection(popup).getByRole('button', { name: 'Fill Local' }).click();
  await expect(popup.getByRole('status').filter({ hasText: 'Filled.' })).toBeVisible();
  expect(await values(page, 'username', 'password')).toEqual([USER, PASS]);
  expect(scripts.forms()).toHaveLength(1);
  await scripts.cdp.detach();
});
