// Devices for sync tests: a vault (random key, password record at the test cost) uploaded to a
// folder, and more devices joining it with the password, each an in-memory replica with an engine.

import { randomBytes } from '../../../src/crypto/random';
import { openRemoteKeys, SyncEngine, type SyncEngineOptions } from '../../../src/sync/engine';
import type { RemoteStore } from '../../../src/sync/remote-store';
import { emptyItem } from '../../../src/vault/item-schema';
import type { Item } from '../../../src/vault/types';
import { makePasswordWrapper } from '../../../src/vault/wrappers';
import { TEST_COST } from '../vault/helpers';
import { MemoryReplica } from './memory';

export interface Device {
  replica: MemoryReplica;
  engine: SyncEngine;
  /** Adds or replaces an item here and records it for sync, as the vault's write path will. */
  put(item: Item): Promise<void>;
  remove(id: string): Promise<void>;
}

export function device(remote: RemoteStore, replica: MemoryReplica, options: SyncEngineOptions = {}): Device {
  const engine = new SyncEngine(remote, replica, options);
  return {
    replica,
    engine,
    async put(item) {
      replica.items.set(item.id, structuredClone(item));
      await engine.noteLocalChange([item.id]);
    },
    async remove(id) {
      replica.items.delete(id);
      await engine.noteLocalChange([id]);
    },
  };
}

export async function newVault(password: string) {
  const key = randomBytes(32);
  const vaultId = crypto.randomUUID();
  const record = await makePasswordWrapper(vaultId, key, password, TEST_COST);
  return { key, vaultId, createdAt: Date.now(), records: [record] };
}

/** A first device that uploads a new vault (with `items`) to the folder. */
export async function firstDevice(
  remote: RemoteStore,
  password: string,
  items: Item[] = [],
  options: SyncEngineOptions = {},
) {
  const vault = await newVault(password);
  const replica = new MemoryReplica(vault.key, vault.records);
  for (const item of items) replica.items.set(item.id, item);
  const d = device(remote, replica, options);
  await d.engine.upload(vault);
  return { ...d, vault };
}

/** A device with no vault that joins the folder with the password. */
export async function joiningDevice(remote: RemoteStore, password: string, options: SyncEngineOptions = {}) {
  const keys = await openRemoteKeys(remote, { kind: 'password', password });
  const d = device(remote, new MemoryReplica(keys.key, keys.ring.records), options);
  await d.engine.join(keys.vaultId, keys.epoch);
  return d;
}

let n = 0;
export function item(name: string, extra: Partial<Item> = {}): Item {
  n += 1;
  return {
    ...emptyItem(),
    id: `item-${n}-${Math.random().toString(36).slice(2, 8)}`,
    name,
    username: `${name}@example.com`,
    password: `pw-${name}`,
    createdAt: 1_700_000_000_000,
    updatedAt: 1_700_000_000_000,
    ...extra,
  };
}

export function edited(it: Item, changes: Partial<Item>, at = Date.now()): Item {
  return { ...it, ...changes, updatedAt: at };
}

export function names(d: Device): string[] {
  return [...d.replica.items.values()].map((i) => i.name).sort();
}
