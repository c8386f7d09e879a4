/**
 * Chrome's offscreen document (reason CLIPBOARD): it exists only to empty the clipboard after a
 * copied secret's time is up, when the popup that copied it has already closed. It answers one
 * message from this extension, and the background closes it again.
 */

import { browser } from 'wxt/browser';
import { CLEAR_CLIPBOARD_MESSAGE, emptyClipboard } from '../../src/clipboard/clear';

browser.runtime.onMessage.addListener((message: unknown, sender) => {
  const type = (message as { type?: unknown } | null)?.type;
  if (sender.id !== browser.runtime.id || type !== CLEAR_CLIPBOARD_MESSAGE) return undefined;
  return Promise.resolve({ cleared: emptyClipboard(document) });
});
