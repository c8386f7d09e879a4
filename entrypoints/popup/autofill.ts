/**
 * The popup's side of autofill: which tab it fills, the logins matching that tab, and Fill (with
 * the confirmations the background may ask for).
 *
 * Which tab: the active tab of the window the popup belongs to. A popup opened as a tab (the e2e
 * tests open popup.html in a tab, where `tabs.query({ active: true })` would find the popup
 * itself) names the tab in its URL: `popup.html?tab=<id>`. That parameter only picks which tab to
 * ask about; the background still matches the item against that tab's real frames and URL.
 *
 * Safety fact: the URL the popup was shown goes back with each Fill, and the background refuses
 * if the tab has moved to another site since, so a navigation between opening the popup and
 * clicking Fill never fills the new site.
 */

import { signal } from '@preact/signals';
import { browser } from 'wxt/browser';
import type { TabMatch } from '../../src/messages/protocol';
import { describeError, errorCode } from '../../src/ui/errors';
import { t } from '../../src/ui/i18n';
import { call } from '../../src/ui/state';
import { flash } from './route';

export interface TabMatches {
  tabId: number;
  url: string;
  matches: TabMatch[];
}

/** A fill the background wants confirmed: a cross-origin frame, or a form posting elsewhere. */
export interface PendingConfirm {
  itemId: string;
  code: 'confirm-frame' | 'confirm-action';
  origin: string;
  confirmFrameOrigin?: string;
}

export const tabMatches = signal<TabMatches | null>(null);
export const pendingConfirm = signal<PendingConfirm | null>(null);
export const filling = signal(false);
/** The last fill's outcome as a sentence (also put in the list's flash line), for the item view. */
export const fillMessage = signal('');

function tell(message: string): void {
  fillMessage.value = message;
  flash.value = message;
}

/** The tab the popup acts on: named in its URL (opened as a tab), else its window's active tab. */
export async function targetTabId(): Promise<number | null> {
  const named = Number.parseInt(new URLSearchParams(location.search).get('tab') ?? '', 10);
  if (Number.isInteger(named) && named >= 0) return named;
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab?.id ?? null;
}

/** Loads the matches for the target tab; a tab without a web page simply has none. */
export async function loadTabMatches(): Promise<void> {
  const tabId = await targetTabId().catch(() => null);
  if (tabId === null) return;
  try {
    const result = await call({ type: 'autofill.matchesForTab', tabId });
    // Only web pages are filled (never the popup itself, another extension page or chrome://).
    tabMatches.value = /^https?:\/\//i.test(result.url) ? { tabId, ...result } : null;
  } catch {
    tabMatches.value = null;
  }
}

/** The popup as a toolbar popup closes after a fill; opened as a tab, it stays. */
async function closeIfPopup(): Promise<void> {
  const own = await browser.tabs.getCurrent().catch(() => undefined);
  if (!own) window.close();
}

export async function fillItem(
  itemId: string,
  confirm: { confirmFrameOrigin?: string; confirmActionOrigin?: string } = {},
): Promise<void> {
  const target = tabMatches.value;
  if (!target || filling.value) return;
  filling.value = true;
  pendingConfirm.value = null;
  fillMessage.value = '';
  try {
    const outcome = await call({
      type: 'autofill.fill',
      tabId: target.tabId,
      itemId,
      pageUrl: target.url,
      ...confirm,
    });
    const code =
      outcome.code === 'filled'
        ? ` ${t('popup_fill_code_filled')}`
        : outcome.code === 'copied'
          ? ` ${t('popup_fill_code_copied')}`
          : '';
    tell(`${t('autofill_filled')}${code}`);
    await closeIfPopup();
  } catch (err) {
    const code = errorCode(err);
    const origin = (err as { body?: { origin?: string } }).body?.origin;
    if ((code === 'confirm-frame' || code === 'confirm-action') && origin) {
      pendingConfirm.value = {
        itemId,
        code,
        origin,
        ...(confirm.confirmFrameOrigin ? { confirmFrameOrigin: confirm.confirmFrameOrigin } : {}),
      };
    } else {
      tell(describeError(err));
    }
  } finally {
    filling.value = false;
  }
}

/** "Fill anyway" on a pending confirmation: the same fill, with that origin confirmed. */
export function confirmPending(): Promise<void> {
  const pending = pendingConfirm.value;
  if (!pending) return Promise.resolve();
  return fillItem(pending.itemId, {
    ...(pending.confirmFrameOrigin ? { confirmFrameOrigin: pending.confirmFrameOrigin } : {}),
    ...(pending.code === 'confirm-frame'
      ? { confirmFrameOrigin: pending.origin }
      : { confirmActionOrigin: pending.origin }),
  });
}
