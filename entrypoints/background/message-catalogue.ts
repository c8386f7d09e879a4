/**
 * Reads one message at the worker's start, before any extension page of this process asks.
 *
 * Why: Chromium loads an extension's messages (public/_locales) once per renderer process, through
 * the first context that asks, and keeps what it got. When that context is a page closed while it
 * loads (the welcome tab shut at once, a popup dismissed as it opens), it keeps an EMPTY catalogue,
 * and every later page in that process (popup, options) shows message keys instead of text until
 * the process ends. Seen 3 times in 6 fresh installs whose welcome tab was closed at once; none
 * with this read. The worker runs in the extension's process and outlives its pages, so asking
 * here first fills the catalogue with the real one (tests/e2e/welcome.spec.ts, "closed at once").
 */

import { browser } from 'wxt/browser';

export function loadMessageCatalogue(): void {
  browser.i18n.getMessage('extName');
}
