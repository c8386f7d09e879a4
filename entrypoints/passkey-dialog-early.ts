/**
 * The passkey dialog's early script: a classic script at the top of passkey-dialog.html that asks
 * for the dialog's view while the dialog's modules are still loading (src/ui/early-view.ts says
 * why and what keeps it safe). Uses the `chrome` global (Firefox: `browser`), not
 * webextension-polyfill: it must stay a few hundred bytes, it blocks parsing.
 */

import { type EarlyViewRuntime, startEarlyView } from '../src/ui/early-view';

/** Read off globalThis: WXT would auto-import the polyfill for a bare `browser`. */
const extensionGlobals = globalThis as {
  browser?: { runtime: EarlyViewRuntime };
  chrome?: { runtime: EarlyViewRuntime };
};

export default defineUnlistedScript(() => {
  const runtime = (extensionGlobals.browser ?? extensionGlobals.chrome)?.runtime;
  const token = location.hash.slice(1);
  if (runtime && token) startEarlyView(runtime, token);
});
