// Shared steps for the Firefox e2e specs: the same flows and test data as the Chromium specs
// (tests/e2e/popup-support.ts, helpers/options.ts), driven through puppeteer-core.
// Safety fact: every request goes through browser.runtime.sendMessage from an extension page,
// exactly as Tessera's own pages send it; the tests never reach around the background into storage.
import type { Frame, Page } from 'puppeteer-core';
import { MASTER_PASSWORD, type Reply, replyValue } from '../e2e/helpers/options';
import { login } from '../e2e/popup-support';
import { click, fill, waitForReady } from './harness/dom';
import type { FirefoxExtension } from './harness/firefox-extension';

export { MASTER_PASSWORD, NEW_PASSWORD, type Reply } from '../e2e/helpers/options';

/** Sends one protocol request from an extension page; returns the raw reply. */
export async function sendRaw<T = unknown>(
  page: Page,
  message: { type: string } & Record<string, unknown>,
): Promise<Reply<T>> {
  return page.evaluate(async (msg) => {
    const api = (
      globalThis as unknown as { browser: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }
    ).browser;
    return (await api.runtime.sendMessage(msg)) as Reply<T>;
  }, message);
}

export async function send<T = unknown>(
  page: Page,
  message: { type: string } & Record<string, unknown>,
): Promise<T> {
  return replyValue(message.type, await sendRaw<T>(page, message));
}

export async function openPopup(firefox: FirefoxExtension, query = ''): Promise<Page> {
  const page = await firefox.openExtensionPage(`popup.html${query}`);
  await page.setViewport({ width: 360, height: 560 });
  return page;
}

/** The popup's first run: create a vault with the master password (one real Argon2id run). */
export async function createVaultInPopup(popup: Page, password: string): Promise<void> {
  await waitForReady(popup, 'create');
  await fill(popup, 'Master password', password);
  await fill(popup, 'Repeat master password', password);
  await click(popup, 'Create vault');
  await waitForReady(popup, 'list');
}

export async function unlockPopup(popup: Page, password: string): Promise<void> {
  await waitForReady(popup, 'unlock');
  await fill(popup, 'Master password', password);
  await click(popup, 'Unlock');
}

/** The login the autofill specs fill, for http://127.0.0.1:<port>/. */
export const USER = 'alice@example.com';
export const PASS = 'pw-Local-Secret!';

/**
 * A vault with that login, and one for http://localhost:<port>/, which is another site on the same
 * port and must never be offered or filled on 127.0.0.1.
 */
export async function createVaultWithLogins(firefox: FirefoxExtension, port: number): Promise<void> {
  const options = await firefox.openExtensionPage('options.html');
  await waitForReady(options, 'options-empty');
  await send(options, { type: 'vault.create', password: MASTER_PASSWORD });
  await send(options, {
    type: 'vault.putMany',
    replace: false,
    items: [
      login('Local', { username: USER, password: PASS, urls: [`http://127.0.0.1:${port}/`] }),
      login('Other', {
        username: 'o@example.com',
        password: 'pw-Other',
        urls: [`http://localhost:${port}/`],
      }),
    ],
  });
  await options.close();
}

/**
 * An extension page the content script framed into `page` (the inline menu, the save prompt), once
 * `ready` matches in it. Found by its document's own address: puppeteer's BiDi frame list keeps
 * reporting about:blank for a moz-extension: frame inside a web page.
 */
export async function extensionFrame(page: Page, path: string, ready: string): Promise<Frame> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    for (const frame of page.frames()) {
      const found = await frame
        .evaluate((p, r) => location.pathname === p && document.querySelector(r) !== null, path, ready)
        .catch(() => false);
      if (found) return frame;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no ${path} frame showing ${ready} appeared`);
}

/**
 * The two-site vault, then the fixture login page with the inline menu opened by a person's click in
 * its username field; returns the page and the menu frame (listing its login).
 */
export async function openMenuOnLoginPage(
  firefox: FirefoxExtension,
  fixtureServer: { port: number; url(path: string): string },
): Promise<{ page: Page; menu: Frame }> {
  await createVaultWithLogins(firefox, fixtureServer.port);
  const page = await firefox.browser.newPage();
  await page.goto(fixtureServer.url('autofill-e2e/login.html'));
  await page.click('#username');
  return { page, menu: await extensionFrame(page, '/inline-menu.html', '[role="option"]') };
}

/**
 * A person's click at the centre of the first element in `frame` that matches `selector` and, when
 * given, has the text `name`, in page coordinates: its place in the frame plus the frame host's place
 * in the page (puppeteer cannot add the frame's offset itself: the frame element is inside a closed
 * shadow root).
 */
export async function clickInFrame(page: Page, frame: Frame, selector: string, name?: string): Promise<void> {
  const host = await page.evaluate(() => {
    const rect = document.querySelector('tessera-frame')?.getBoundingClientRect();
    return rect ? { x: rect.x, y: rect.y } : null;
  });
  const target = await frame.evaluate(
    (s, n) => {
      const el = [...document.querySelectorAll(s)].find(
        (e) => n === undefined || e.textContent?.trim() === n,
      );
      const rect = el?.getBoundingClientRect();
      return rect ? { x: rect.x + rect.width / 2, y: rect.y + rect.height / 2 } : null;
    },
    selector,
    name,
  );
  if (!host || !target) throw new Error(`${name ?? selector} is not on screen`);
  await page.mouse.click(host.x + target.x, host.y + target.y);
}

/** The id of the tab whose top frame shows `url`, as the extension sees it. */
export async function tabIdOf(extensionPage: Page, url: string): Promise<number> {
  const handle = await extensionPage.waitForFunction(
    async (wanted) => {
      const api = (
        globalThis as unknown as {
          browser: {
            tabs: { query(q: object): Promise<{ id?: number }[]> };
            webNavigation: { getFrame(d: object): Promise<{ url: string } | null> };
          };
        }
      ).browser;
      for (const tab of await api.tabs.query({})) {
        if (tab.id === undefined) continue;
        const top = await api.webNavigation.getFrame({ tabId: tab.id, frameId: 0 }).catch(() => null);
        if (top?.url === wanted) return tab.id;
      }
      return false;
    },
    { timeout: 10_000 },
    url,
  );
  return (await handle.jsonValue()) as number;
}
