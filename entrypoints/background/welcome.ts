/**
 * The welcome page (entrypoints/welcome/) opens in a new tab once, when Tessera is installed: it
 * creates the vault and shows where the toolbar button is. Never on an update (a new version, or
 * a reload of an unpacked build), a browser update or a browser start: the person already knows
 * Tessera then, and a tab opening by itself would only be in the way.
 *
 * The reason alone is not enough: Chromium reports 'install' again at every browser start that
 * loads the unpacked build from its command line (--load-extension, as `npm start` and the e2e
 * harness do; tests/e2e/welcome.spec.ts saw it). So a flag in storage.local says the page was
 * opened once for this profile; a reset (which clears storage.local) forgets it with the vault.
 *
 * tabs.create needs no permission; the page is an ordinary extension page (audience 'page').
 */

import { browser } from 'wxt/browser';

/** storage.local key: true once the welcome page was opened for this profile. Not secret. */
export const WELCOME_OPENED_KEY = 'welcome.opened';

interface FlagArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, unknown>): Promise<void>;
}

/**
 * The onInstalled handler: opens the page (`openPage`) at a first install, once per profile.
 * Resolves once it has decided (and the tab was asked for).
 */
export function createWelcomeOpener(local: FlagArea, openPage: () => Promise<unknown>) {
  return async (details: { reason: string }): Promise<void> => {
    if (details.reason !== 'install') return;
    if ((await local.get(WELCOME_OPENED_KEY))[WELCOME_OPENED_KEY] === true) return;
    // Flag first: if opening the tab fails, later starts must not keep trying to open it.
    await local.set({ [WELCOME_OPENED_KEY]: true });
    await openPage();
  };
}

/** Registers the listener; call synchronously at the worker's start (an install wakes it). */
export function openWelcomeOnInstall(): void {
  const onInstalled = createWelcomeOpener(browser.storage.local, () =>
    browser.tabs.create({ url: browser.runtime.getURL('/welcome.html') }),
  );
  browser.runtime.onInstalled.addListener((details) => {
    onInstalled(details).catch(() => undefined);
  });
}
