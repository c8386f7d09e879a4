/**
 * The autofill content script, injected into every frame of every page: wiring only (see
 * src/autofill/content/main.ts). It uses the `chrome` global rather than importing 'wxt/browser'
 * so that its own code adds nothing of webextension-polyfill to a script every page pays for
 * (Firefox provides `chrome.runtime.onMessage` too, with the same sendResponse callback).
 *
 * Its own start-up time is kept in a global of the content script's isolated world, which page
 * scripts cannot see (unlike a performance mark, which would tell every page Tessera is here);
 * the bench reads it over CDP (bench/metrics/autofill.ts).
 */

import { type ContentRuntime, runAutofillContent } from '../src/autofill/content/main';

declare const chrome: { runtime: ContentRuntime; i18n: { getMessage(name: string): string } };

export default defineContentScript({
  matches: ['<all_urls>'],
  allFrames: true,
  runAt: 'document_idle',
  main() {
    const start = performance.now();
    runAutofillContent(document, chrome.runtime, chrome.i18n.getMessage('inlineMenu_title'));
    (globalThis as { __tesseraContentMs?: number }).__tesseraContentMs = performance.now() - start;
  },
});
