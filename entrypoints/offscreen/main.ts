/**
 * Chrome's offscreen document (reason CLIPBOARD), in one of two modes chosen by its URL:
 *
 * - `offscreen.html`: empty the clipboard after a copied secret's time is up, when the popup that
 *   copied it has already closed. It does that as it loads; offscreen.createDocument resolves once
 *   the document has loaded (module scripts included), and the background then closes it. No
 *   message is needed, so none can be lost in a race with the document's listeners.
 * - `offscreen.html?copy`: put one text on the clipboard (a login's two-factor code after a fill,
 *   when the person turned that on). The text comes in one runtime message from the background,
 *   the only sender this page accepts (no tab: not a content script); the page answers and the
 *   background closes it.
 */

import { emptyClipboard, writeClipboard } from '../../src/clipboard/clear';
import { OFFSCREEN_COPY } from '../../src/clipboard/offscreen';
import type { RuntimeOnMessage } from '../../src/messages/runtime-on-message';

declare const chrome: { runtime: { id: string; onMessage: RuntimeOnMessage } };

if (new URLSearchParams(location.search).has('copy')) {
  chrome.runtime.onMessage.addListener((message, sender, reply) => {
    if (sender.id !== chrome.runtime.id || sender.tab !== undefined) return undefined;
    const m = message as { type?: unknown; text?: unknown } | null;
    if (m?.type !== OFFSCREEN_COPY || typeof m.text !== 'string') return undefined;
    reply(writeClipboard(document, m.text));
    return undefined;
  });
} else {
  emptyClipboard(document);
}
