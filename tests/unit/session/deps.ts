// A Session's dependencies as the session tests build them: the given database and storage.session,
// the real clock, spies for the lock and activity callbacks, the cheap test Argon2id cost.
import { vi } from 'vitest';
import type { SessionDeps } from '../../../src/session/session';
import type { KeyValueArea } from '../../../src/session/storage-area';
import type { VaultDatabase } from '../../../src/vault/store';
import { TEST_COST } from '../vault/helpers';

export function testDeps(db: VaultDatabase, sessionArea: KeyValueArea): SessionDeps {
  return {
    openDb: async () => db,
    sessionArea,
    now: () => Date.now(),
    onLocked: vi.fn(),
    onActive: vi.fn(),
    kdfCost: TEST_COST,
  };
}
