/**
 * Wiring of sync (src/sync/service.ts) to the browser's messages. Until the service lands on this
 * branch, sync is reported off and every other request is refused as not connected.
 */

import type { Handlers } from '../../src/messages/router';
import { Refusal } from '../../src/messages/router';
import type { SyncStatus } from '../../src/sync/status';

export type SyncRequest =
  | 'sync.status'
  | 'sync.now'
  | 'sync.inspect'
  | 'sync.connect'
  | 'sync.joinNew'
  | 'sync.disconnect';

const OFF: SyncStatus = { connected: false, state: 'off', warnings: [] };

export function createSyncHandlers(): Pick<Handlers, SyncRequest> {
  const notYet = () => {
    throw new Refusal('not-connected', 'Sync is not available in this build yet.');
  };
  return {
    'sync.status': () => OFF,
    'sync.now': notYet,
    'sync.inspect': notYet,
    'sync.connect': notYet,
    'sync.joinNew': notYet,
    'sync.disconnect': () => OFF,
  };
}
