/**
 * Clears the clipboard after a copied secret's time is up, also when the popup that copied it has
 * closed (the usual case). The deadline is an alarm, so it survives the worker being stopped; a
 * timer gives second precision while the worker is alive (Chrome rounds alarms under 30 s up to
 * 30 s in packed extensions).
 *
 * Chrome's worker has no DOM, so the clearing runs in an offscreen document; Firefox's event page
 * has one and clears directly. Without the clipboardRead permission Tessera cannot check that the
 * clipboard still holds what it copied, so the clear is unconditional, as in other managers.
 */

import { browser } from 'wxt/browser';
import { emptyClipboard, writeClipboard } from '../../src/clipboard/clear';
import { OFFSCREEN_COPY } from '../../src/clipboard/offscreen';
import type { Settings } from '../../src/messages/protocol';

export const CLIPBOARD_ALARM = 'tessera.clipboard';

type OffscreenApi = {
  createDocument(o: { url: string; reasons: string[]; justification: string }): Promise<void>;
  closeDocument(): Promise<void>;
  hasDocument?(): Promise<boolean>;
};

let timer: ReturnType<typeof setTimeout> | undefined;

export async function scheduleClipboardClear(afterMs: number): Promise<void> {
  clearTimeout(timer);
  timer = setTimeout(() => void clearClipboardNow(), afterMs);
  await browser.alarms.create(CLIPBOARD_ALARM, { when: Date.now() + afterMs });
}

export async function clearClipboardNow(): Promise<void> {
  clearTimeout(timer);
  timer = undefined;
  await browser.alarms.clear(CLIPBOARD_ALARM);
  if (typeof document !== 'undefined') {
    emptyClipboard(document);
    return;
  }
  const offscreen = (globalThis as { chrome?: { offscreen?: OffscreenApi } }).chrome?.offscreen;
  if (!offscreen) return;
  // The document clears the clipboard as it loads: a leftover one is closed so a fresh one loads.
  if (await offscreen.hasDocument?.()) await offscreen.closeDocument().catch(() => undefined);
  await offscreen.createDocument({
    url: browser.runtime.getURL('/offscreen.html'),
    reasons: ['CLIPBOARD'],
    justification: 'Clear a copied password from the clipboard after the time the user chose.',
  });
  await offscreen.closeDocument().catch(() => undefined);
}

/**
 * Copies `text` from the background (a login's two-factor code after a fill, issue 15, item 4),
 * then clears it after the person's clipboard delay like any copy. Firefox's event page writes it
 * itself; Chrome's worker uses an offscreen document in its copy mode, which gets the text in one
 * message. Resolves true when the clipboard took it.
 */
export async function copyFromBackground(text: string, settings: Pick<Settings, 'clipboardClearSeconds'>) {
  let copied = false;
  if (typeof document !== 'undefined') {
    copied = writeClipboard(document, text);
  } else {
    const offscreen = (globalThis as { chrome?: { offscreen?: OffscreenApi } }).chrome?.offscreen;
    if (!offscreen) return false;
    if (await offscreen.hasDocument?.()) await offscreen.closeDocument().catch(() => undefined);
    await offscreen.createDocument({
      url: browser.runtime.getURL('/offscreen.html?copy'),
      reasons: ['CLIPBOARD'],
      justification: 'Copy a two-factor code after a fill, as the user chose in the settings.',
    });
    try {
      copied = (await browser.runtime.sendMessage({ type: OFFSCREEN_COPY, text })) === true;
    } finally {
      await offscreen.closeDocument().catch(() => undefined);
    }
  }
  if (copied && settings.clipboardClearSeconds > 0)
    await scheduleClipboardClear(settings.clipboardClearSeconds * 1000);
  return copied;
}
