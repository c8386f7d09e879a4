// Shared steps for the autofill e2e specs: find a web page's tab id, open the popup aimed at that
// tab (popup.html?tab=<id>, see entrypoints/popup/autofill.ts), and read field values.
// Safety fact: tab ids and URLs come from the extension's own worker (webNavigation), the same
// source the background trusts when it fills.
import type { Page } from '@playwright/test';
import type { Browser } from 'wxt/browser';
import type { ExtensionHarness } from './harness/extension-harness';
import { expect } from './harness/fixtures';
import { POPUP_VIEWPORT, waitForScreen } from './popup-support';

// Functions passed to evalInWorker are serialised and run in the worker, where `chrome` is global.
declare const chrome: typeof Browser;

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
