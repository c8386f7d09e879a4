/**
 * The passkey provider's isolated-world relay (src/passkeys/flow/relay.ts): declared in
 * wxt.config.ts at document_start in every frame, beside the page-world script. Like the autofill
 * content script it uses the `chrome` global, not webextension-polyfill, to stay small.
 */

import { type RelayRuntime, runPasskeyRelay } from '../src/passkeys/flow/relay';

declare const chrome: { runtime: RelayRuntime };

export default defineUnlistedScript(() => {
  // A getter: reading chrome.runtime builds the API bindings, which waits for the first request.
  runPasskeyRelay(window, () => chrome.runtime);
});
