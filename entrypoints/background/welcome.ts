/**
 * The welcome page (entrypoints/welcome/) opens in a new tab once, when Tessera is installed: it
 * creates the vault and shows where the toolbar button is. Never on an update (a new version, or
 * a reload of an unpacked build), a browser update or a browser start: the person already knows
 * Tessera then, and a tab opening by itself would only be in the way.
 *
 * tabs.create needs no permission; the page is an ordinary extension page (audience 'page').
 */

import { browser } from 'wxt/browser';

/** Whether an onInstalled event is a first install (the only time the welcome page opens). */
export function isFirstInstall(details: { reason: string }): boolean {
  return details.reason === 'install';
}

/** Registers the listener; call synchronously at the worker's start (an install wakes it). */
export function openWelcomeOnInstall(): void {
  browser.runtime.onInstalled.addListener((details) => {
    if (!isFirstInstall(details)) return;
    browser.tabs.create({ url: browser.runtime.getURL('/welcome.html') }).catch(() => undefined);
  });
}
