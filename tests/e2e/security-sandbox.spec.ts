// Sandboxed documents on the login's own site (issue 13, item 6): a document served with a CSP
// `sandbox` header, or framed with <iframe sandbox> (without allow-same-origin), has an opaque
// origin and runs content the site did not vouch for, though its URL names the site. The attacks
// are tried as a page would: every fill path (popup Fill, the shortcut's fillNext, the inline menu)
// and the save offer must refuse it, and allow-same-origin (not opaque) is the positive control.
import type { FrameLocator, Page } from '@playwright/test';
import type { Browser } from 'wxt/browser';
import { matchesSection, openPopupFor, setUpTwoSites, site, tabIdOf, USER, values } from './autofill-support';
import type { ExtensionHarness } from './harness/extension-harness';
import type { FixtureServer } from './harness/fixture-server';
import { expect, test } from './harness/fixtures';
import { expectNoPrompt, recordContentMessages } from './save-prompt-support';

declare const chrome: typeof Browser;

const SANDBOXED_MESSAGE = /sandboxed frame.*Nothing was filled/;

/** The site's own sign-in page framed by a page of the same site, with <iframe sandbox="flags">. */
async function framedLogin(extension: ExtensionHarness, server: FixtureServer, flags: string) {
  const page = await extension.newPage();
  const inner = site(server, 'login.html');
  await page.goto(
    site(server, `frame.html?src=${encodeURIComponent(inner)}&sandbox=${encodeURIComponent(flags)}`),
  );
  const frame = page.frameLocator('#embed');
  await expect(frame.locator('#password')).toBeVisible();
  return { page, frame };
}

async function frameValues(frame: FrameLocator): Promise<string[]> {
  return [await frame.locator('#username').inputValue(), await frame.locator('#password').inputValue()];
}

/** The shortcut's request for the tab showing `page` (the function the commands listener calls). */
async function shortcut(popup: Page, extension: ExtensionHarness, page: Page) {
  const tabId = await tabIdOf(extension, page.url());
  return popup.evaluate((msg) => chrome.runtime.sendMessage(msg), { type: 'autofill.fillNext', tabId });
}

test('a sign-in form in an <iframe sandbox> on the login’s own site: no fill from the popup, the shortcut or the menu, and no save offer', async ({
  extension,
  fixtureServer,
}) => {
  await setUpTwoSites(extension, fixtureServer);
  const sent = await recordContentMessages(extension);
  const { page, frame } = await framedLogin(extension, fixtureServer, 'allow-scripts allow-forms');

  const popup = await openPopupFor(extension, page);
  await matchesSection(popup).getByRole('button', { name: 'Fill Local' }).click();
  await expect(popup.getByRole('status').filter({ hasText: SANDBOXED_MESSAGE })).toBeVisible();
  expect(await shortcut(popup, extension, page)).toMatchObject({ ok: false, error: { code: 'sandboxed' } });
  expect(await frameValues(frame)).toEqual(['', '']);

  // The inline menu: a person's click in the field opens nothing.
  await frame.locator('#username').click();
  await page.waitForTimeout(1_000);
  await expect(frame.locator('tessera-frame')).toHaveCount(0);
  expect(page.frames().filter((f) => f.url().includes('/inline-menu.html'))).toHaveLength(0);

  // A person's submission there is not offered, and nothing reaches the background.
  await frame.locator('#username').fill(USER);
  await frame.locator('#password').fill('pw-Typed-In-Sandbox');
  await frame.locator('#password').press('Enter');
  await expectNoPrompt(page);
  expect(await sent()).not.toContain('autofill.submitted');
  expect(await sent()).not.toContain('autofill.menu.open');
});

test('positive control: <iframe sandbox> with allow-same-origin is the site itself and is filled', async ({
  extension,
  fixtureServer,
}) => {
  await setUpTwoSites(extension, fixtureServer);
  const { page, frame } = await framedLogin(
    extension,
    fixtureServer,
    'allow-scripts allow-forms allow-same-origin',
  );
  const popup = await openPopupFor(extension, page);
  await matchesSection(popup).getByRole('button', { name: 'Fill Local' }).click();
  await expect(popup.getByRole('status').filter({ hasText: 'Filled.' })).toBeVisible();
  await expect(frame.locator('#username')).toHaveValue(USER);
});

test('a sign-in page served with a CSP sandbox header: no fill from the popup or the shortcut, and no save offer', async ({
  extension,
  fixtureServer,
}) => {
  await setUpTwoSites(extension, fixtureServer);
  const page = await extension.newPage();
  await page.goto(site(fixtureServer, 'login.html?csp=sandbox'));
  expect(await page.evaluate(() => [window.origin, location.origin])).toEqual([
    'null',
    `http://127.0.0.1:${fixtureServer.port}`,
  ]);
  const popup = await openPopupFor(extension, page);
  await matchesSection(popup).getByRole('button', { name: 'Fill Local' }).click();
  await expect(popup.getByRole('status').filter({ hasText: SANDBOXED_MESSAGE })).toBeVisible();
  expect(await shortcut(popup, extension, page)).toMatchObject({ ok: false, error: { code: 'sandboxed' } });
  expect(await values(page, 'username', 'password')).toEqual(['', '']);

  await page.locator('#username').fill(USER);
  await page.locator('#password').fill('pw-Typed-In-Sandbox');
  await Promise.all([page.waitForNavigation(), page.locator('#password').press('Enter')]);
  await expectNoPrompt(page);
});
