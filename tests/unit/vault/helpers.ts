import 'fake-indexeddb/auto';
import { emptyItem } from '../../../src/vault/item-schema';
import { openVaultDatabase, type VaultDatabase } from '../../../src/vault/store';
import type { ItemInput } from '../../../src/vault/types';
import type { KdfCost } from '../../../src/vault/vault';

/** The lowest cost the floor allows, so the suite stays quick; production uses DEFAULT_KDF. */
export const TEST_COST: KdfCost = { memoryKiB: 19456, iterations: 2, parallelism: 1 };

let counter = 0;
export async function freshDb(): Promise<VaultDatabase> {
  counter += 1;
  return openVaultDatabase(`test-vault-${Date.now()}-${counter}`);
}

export function login(n: number, extra: Partial<ItemInput> = {}): ItemInput {
  return {
    ...emptyItem(),
    name: `Site ${n}`,
    username: `user${n}@example.com`,
    password: `pw-${n}-secret`,
    urls: [`https://site${n}.example.com/login`],
    notes: `note ${n}`,
    ...extra,
  };
}

/** A snapshot of every stored record, to prove a failed write changed nothing. */
export async function snapshot(db: VaultDatabase): Promise<string> {
  const dump: Record<string, unknown> = {};
  for (const store of ['meta', 'wrappers', 'chunks', 'items'] as const) {
    const keys = await db.getAllKeys(store);
    const values = await db.getAll(store);
    dump[store] = keys.map((k, i) => [k, values[i]]);
  }
  return JSON.stringify(dump, (_k, v) => (v instanceof Uint8Array ? Array.from(v) : v));
}
