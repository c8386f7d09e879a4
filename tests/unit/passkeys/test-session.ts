// A Session over a test database for the passkey tests: in-memory session storage, no lock timers
// watched, the test KDF cost.
import { vi } from 'vitest';
import { Session } from '../../../src/session/session';
import { memoryArea } from '../../../src/session/storage-area';
import type { VaultDatabase } from '../../../src/vault/store';
import { TEST_COST } from '../vault/helpers';

export function testSession(openDb: () => Promise<VaultDatabase>): Session {
  return new Session({
    openDb,
    sessionArea: memoryArea(),
    now: () => Date.now(),
    onLocked: vi.fn(),
    onActive: vi.fn(),
    kdfCost: TEST_COST,
  });
}
