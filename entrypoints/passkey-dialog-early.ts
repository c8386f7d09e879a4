/**
 * The passkey dialog's early script: a classic script at the top of passkey-dialog.html that asks
 * for the dialog's view while the dialog's own script is still loading (src/ui/early-view.ts says
 * why and what keeps it safe). Uses the `chrome` global (Firefox: `browser`), not
 * webextension-polyfill: it must stay a few hundred bytes, it blocks parsing.
 */

import { earlyExtensionApi } from '../src/ui/early-extension-api';
import { type EarlyViewRuntime, startEarlyView } from '../src/ui/early-view';

export default defineUnlistedScript(() => {
  const runtime = earlyExtensionApi<{ runtime: EarlyViewRuntime }>()?.runtime;
  const token = location.hash.slice(1);
  if (runtime && token) startEarlyView(runtime, token);
});
