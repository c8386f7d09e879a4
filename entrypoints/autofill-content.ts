/**
 * The autofill content script, injected into every frame of every page: wiring only (see
 * src/autofill/content/main.ts). It uses the `chrome` global rather than importing 'wxt/browser'
 * so that its own code adds nothing of webextension-polyfill to a script every page pays for
 * (Firefox provides `chrome.runtime` too, with the same callbacks).
 *
 * Why an unlisted script that wxt.config.ts declares in `content_scripts`, not WXT's
 * defineContentScript: WXT wraps a content script in its ContentScriptContext, which bundles
 * webextension-polyfill (~3 KB gzipped) and posts a 'wxt:content-script-started' message to the
 * page's window, telling every page that Tessera is installed. This script needs neither.
 *
 * Its own start-up time is kept in a global of the content script's isolated world, which page
 * scripts cannot see (unlike a performance mark, which would tell every page Tessera is here);
 * the bench reads it over CDP (bench/metrics/autofill.ts).
 */

import { type ContentRuntime, runAutofillContent } from '../src/autofill/content/main';

declare const chrome: { runtime: ContentRuntime; i18n: { getMessage(name: string): string } };

export default defineUnlistedScript(() => {
  const start = performance.now();
  runAutofillContent(document, chrome.runtime, chrome.i18n.getMessage('inlineMenu_title'));
  (globalThis as { __tesseraContentMs?: number }).__tesseraContentMs = performance.now() - start;
});
