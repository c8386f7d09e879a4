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
 * The rest of the content script (detection, menu, fills: entrypoints/autofill-forms.ts) is an ES
 * module that this one imports from the extension's own URL at the first login-like field or
 * command. A content script may import a module only when it is web-accessible, so
 * `autofill-forms.js` is (wxt.config.ts; Chrome serves it only at the per-session URL that
 * runtime.getURL gives, Firefox at the per-install one); the module is evaluated in this
 * script's isolated world, not the page's.
 *
 * It does not time itself: the first read of `performance` in the isolated world builds its
 * wrapper, ~0.15 ms of every frame's load (issue 18). The bench measures the script from outside
 * (bench/metrics/autofill.ts; TESSERA_BENCH_PROFILE=1 for where its time goes).
 */

import type { AutofillForms } from '../src/autofill/content/autofill-forms';
import { type ContentRuntime, runAutofillContent } from '../src/autofill/content/main';
import { AUTOFILL_FORMS_SCRIPT } from '../src/messages/audience';

declare const chrome: { runtime: ContentRuntime; i18n: { getMessage(name: string): string } };

type FormsModule = typeof import('../src/autofill/content/autofill-forms');

export default defineUnlistedScript(() => {
  const runtime = chrome.runtime;
  runAutofillContent(window, runtime, async (): Promise<AutofillForms> => {
    const url = runtime.getURL(`/${AUTOFILL_FORMS_SCRIPT}`);
    const module = (await import(/* @vite-ignore */ url)) as Partial<FormsModule>;
    if (typeof module.startAutofillForms !== 'function') throw new Error(`${url} is not the forms module`);
    // The title is read when a menu first opens: the first i18n call loads the message catalogue.
    return module.startAutofillForms(document, runtime, () => chrome.i18n.getMessage('inlineMenu_title'));
  });
});
