// Devices for the sync service tests: each a real Session over its own fake-indexeddb vault and a
// real SyncService, sharing one folder (a MemoryStore, or a real WebDAV server in the Apache test).
import { vi } from 'vitest';
import { Session } from '../../../src/session/session';
import { memoryArea } from '../../../src/session/storage-area';
import type { RemoteStore } from '../../../src/sync/remote-store';
import { type ServerAccess, SyncService } from '../../../src/sync/service';
import { openVaultDatabase, type VaultDatabase } from '../../../src/vault/store';
import { TEST_COST } from '../vault/helpers';

let count = 0;

export const SERVER = {
  url: 'https://dav.example.test/tessera/',
  username: 'alice',
  password: 'app password',
};

export interface Device {
  session: Session;
  sync: SyncService;
  /** Grants or withdraws the host permission of the folder. */
  permission: { granted: boolean };
  /** Every server access the service asked for (what it would fetch with). */
  accesses: ServerAccess[];
  periodic: ReturnType<typeof vi.fn>;
}

/** A device whose service reaches the folder `folder` makes for the stored server and credential. */
export async function device(
  folder: (access: ServerAccess, signal: AbortSignal) => RemoteStore,
): Promise<Device> {
  // Opened again after a reset deletes it, as the background does.
  const name = `sync-device-${Date.now()}-${++count}`;
  const permission = { granted: true };
  const accesses: ServerAccess[] = [];
  const periodic = vi.fn();
  let sync: SyncService | undefined;
  const session: Session = new Session({
    openDb: () => openVaultDatabase(name),
    sessionArea: memoryArea(),
    now: () => Date.now(),
    onLocked: () => sync?.locked(),
    onActive: () => undefined,
    kdfCost: TEST_COST,
    keysElsewhere: (d, proof) => sync!.keysElsewhere(d, proof),
  });
  sync = new SyncService({
    session,
    remote: (access, signal) => {
      accesses.push(access);
      return folder(access, signal);
    },
    hasPermission: async () => permission.granted,
    periodic,
    debounceMs: 10,
  });
  return { session, sync, permission, accesses, periodic };
}

/** The names of the items a device holds, sorted. */
export async function names(d: Device): Promise<string[]> {
  return (await d.session.vault())
    .list()
    .map((o) => o.name)
    .sort();
}

/**
 * A new worker of a device: a new Session and SyncService over the same database, with a fresh
 * storage.session (so it starts locked) and the folder `folder`.
 */
export function restartedWorker(
  db: VaultDatabase,
  folder: RemoteStore,
): { session: Session; sync: SyncService } {
  const session = new Session({
    openDb: async () => db,
    sessionArea: memoryArea(),
    now: Date.now,
    onLocked: () => undefined,
    onActive: () => undefined,
    kdfCost: TEST_COST,
  });
  const sync = new SyncService({
    session,
    remote: () => folder,
    hasPermission: async () => true,
    periodic: () => undefined,
  });
  return { session, sync };
}
