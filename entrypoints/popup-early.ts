/**
 * The popup's early script: a classic script at the top of popup.html that starts reading the
 * list's first screen from storage.session while the popup's modules are still loading
 * (src/ui/early-read.ts says why and what keeps it safe). Uses the `chrome` global (Firefox:
 * `browser`), not webextension-polyfill: it must stay a few hundred bytes, it blocks parsing.
 */

import type { SnapshotSource } from '../src/messages/list-snapshot';
import { earlyExtensionApi } from '../src/ui/early-extension-api';
import { startEarlyRead } from '../src/ui/early-read';
import type { LockRuntime } from '../src/ui/lock-broadcast';

interface ExtensionApi {
  storage: { session: SnapshotSource };
  runtime: LockRuntime;
}

export default defineUnlistedScript(() => {
  const api = earlyExtensionApi<ExtensionApi>();
  if (api?.storage?.session) startEarlyRead(api.storage.session, api.runtime);
});
