// Shared steps for the autofill e2e specs: the fixture pages and the two-site vault they fill from,
// find a web page's tab id, open the popup aimed at that tab (popup.html?tab=<id>, see
// entrypoints/popup/autofill.ts), and read field values.
// Safety fact: tab ids and URLs come from the extension's own worker (webNavigation), the same
// source the background trusts when it fills.
import type { CDPSession, Page } from '@playwright/test';
import type { Browser } from 'wxt/browser';
import { AUTOFILL_FORMS_SCRIPT } from '../../src/messages/audience';
import type { ExtensionHarness } from './harness/extension-harness';
import type { FixtureServer } from './harness/fixture-server';
import { expect } from './harness/fixtures';
import { createVault, login, openPopup, POPUP_VIEWPORT, seedItems, waitForScreen } from './popup-support';

// Functions passed to evalInWorker are serialised and run in the worker, where `chrome` is global.
declare const chrome: typeof Browser;

/** The login the fixture pages fill, saved for http://127.0.0.1:<port>/. */
export const USER = 'alice@example.com';
export const PASS = 'pw-Local-Secret!';

/** A page of the local fixture site (tests/fixtures/autofill-e2e); 127.0.0.1 and localhost are two origins. */
export function site(
  server: FixtureServer,
  path: string,
  host: '127.0.0.1' | 'localhost' = '127.0.0.1',
): string {
  return server.url(`autofill-e2e/${path}`, host);
}

/**
 * A vault with the 'Local' login for 127.0.0.1:<port> and, unless `only`, an 'Other' one for
 * localhost:<port>: another site on the same port, which must never be offered or filled there.
 */
export async function setUpTwoSites(extension: ExtensionHarness, server: FixtureServer, only = false) {
  const popup = await openPopup(extension);
  await createVault(popup);
  await seedItems(popup, [
    login('Local', { username: USER, password: PASS, urls: [`http://127.0.0.1:${server.port}/`] }),
    ...(only
      ? []
      : [
          login('Other', {
            username: 'other@example.com',
            password: 'pw-Other',
            urls: [`http://localhost:${server.port}/`],
          }),
        ]),
  ]);
  await popup.close();
}

/** setUpTwoSites, then a new tab on the fixture page `path` at `host`. */
export async function twoSitesPage(
  extension: ExtensionHarness,
  server: FixtureServer,
  path: string,
  host: '127.0.0.1' | 'localhost' = '127.0.0.1',
  only = false,
): Promise<Page> {
  await setUpTwoSites(extension, server, only);
  const page = await extension.newPage();
  await page.goto(site(server, path, host));
  return page;
}

/** The id of the tab whose top frame shows `url`. */
export async function tabIdOf(extension: ExtensionHarness, url: string): Promise<number> {
  let found: number | null = null;
  await expect
    .poll(async () => {
      found = await extension.evalInWorker(async (wanted: string) => {
        for (const tab of await chrome.tabs.query({})) {
          if (tab.id === undefined) continue;
          const top = await chrome.webNavigation.getFrame({ tabId: tab.id, frameId: 0 }).catch(() => null);
          if (top?.url === wanted) return tab.id;
        }
        return null;
      }, url);
      return found;
    })
    .not.toBeNull();
  return found as unknown as number;
}

/** Opens the unlocked popup in a tab, aimed at the tab showing `site`. */
export async function openPopupFor(extension: ExtensionHarness, site: Page): Promise<Page> {
  const tabId = await tabIdOf(extension, site.url());
  const popup = await extension.newPage();
  await popup.setViewportSize(POPUP_VIEWPORT);
  await popup.goto(extension.url(`popup.html?tab=${tabId}`));
  await waitForScreen(popup, 'list');
  return popup;
}

export function matchesSection(popup: Page) {
  return popup.getByRole('region', { name: 'Logins for this page' });
}

export async function values(page: Page, ...ids: string[]): Promise<string[]> {
  return page.evaluate(
    (list) => list.map((id) => (document.getElementById(id) as HTMLInputElement | null)?.value ?? '(none)'),
    ids,
  );
}

/** Waits until the content script has run in the page's top frame (it runs at document_idle). */
export async function waitForContentScript(page: Page): Promise<void> {
  await page.waitForLoadState('load');
}

/** The fill-login command's key, as the manifest suggests it (wxt.config.ts). */
export const FILL_SHORTCUT = 'Ctrl+Shift+L';

/**
 * Binds the fill-login command to its key, as a person does on chrome://extensions/shortcuts (that
 * page's own chrome.developerPrivate call): this automated profile leaves suggested keys unbound.
 */
export async function bindFillShortcut(extension: ExtensionHarness): Promise<void> {
  const settings = await extension.newPage();
  await settings.goto('chrome://extensions/shortcuts');
  await settings.evaluate(
    ({ extensionId, keybinding }) =>
      (
        globalThis as unknown as {
          chrome: {
            developerPrivate: {
              updateExtensionCommand(update: {
                extensionId: string;
                commandName: string;
                keybinding: string;
              }): Promise<void>;
            };
          };
        }
      ).chrome.developerPrivate.updateExtensionCommand({
        extensionId,
        commandName: 'fill-login',
        keybinding,
      }),
    { extensionId: extension.id, keybinding: FILL_SHORTCUT },
  );
  const bound = await extension.evalInWorker(async () =>
    (await chrome.commands.getAll()).find((command) => command.name === 'fill-login'),
  );
  expect(bound?.shortcut).toBe(FILL_SHORTCUT);
  await settings.close();
}

/**
 * Presses Ctrl+Shift+L in `page` as the keyboard does: a CDP key event that carries the native key
 * code, which is what reaches the browser's shortcut handling (without nativeVirtualKeyCode the
 * event goes to the page only, and no extension command fires).
 */
export async function pressFillShortcut(page: Page): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const key = {
    key: 'L',
    code: 'KeyL',
    windowsVirtualKeyCode: 76,
    nativeVirtualKeyCode: 76,
    modifiers: 2 | 8,
  };
  await cdp.send('Input.dispatchKeyEvent', { type: 'rawKeyDown', ...key });
  await cdp.send('Input.dispatchKeyEvent', { type: 'keyUp', ...key });
  await cdp.detach();
}

/**
 * Every script the page's renderer parses, in any world (the page's, the content script's); `forms()`: the
 * parses of the lazily imported autofill-forms.js (issue 18) among them.
 */
export async function watchScripts(page: Page): Promise<{ cdp: CDPSession; forms(): string[] }> {
  const cdp = await page.context().newCDPSession(page);
  const urls: string[] = [];
  cdp.on('Debugger.scriptParsed', (event) => void urls.push(event.url));
  await cdp.send('Debugger.enable');
  return { cdp, forms: () => urls.filter((url) => url.endsWith(`/${AUTOFILL_FORMS_SCRIPT}`)) };
}
