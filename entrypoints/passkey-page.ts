/**
 * The passkey provider's page-world script (src/passkeys/flow/page-world.ts): declared in
 * wxt.config.ts with world MAIN at document_start in every frame, so it wraps
 * navigator.credentials before any of the page's scripts run. It has no extension API; it talks
 * only to the isolated relay (entrypoints/passkey-relay.ts) through DOM events.
 */

import { installPasskeyWrapper } from '../src/passkeys/flow/page-world';

export default defineUnlistedScript(() => {
  installPasskeyWrapper(window);
});
