import 'fake-indexeddb/auto';
import { randomBytes } from '../../../src/crypto/random';
import { emptyItem } from '../../../src/vault/item-schema';
import { parseRecoveryKey } from '../../../src/vault/recovery-key';
import { openVaultDatabase, type VaultDatabase } from '../../../src/vault/store';
import type { ItemInput } from '../../../src/vault/types';
import type { KdfCost, UnlockedVault } from '../../../src/vault/vault';

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

/**
 * Enrols a biometric (PRF) record with random credential id, salt and output, then creates a
 * recovery key: returns the enrolment and the parsed recovery secret, to unlock with each.
 */
export async function addBiometricAndRecovery(vault: UnlockedVault, label: string) {
  const prf = {
    credentialId: randomBytes(16),
    prfSalt: randomBytes(32),
    prfOutput: randomBytes(32),
    label,
  };
  await vault.enrolBiometric(prf);
  const recovery = parseRecoveryKey(await vault.createRecoveryKey());
  return { prf, recovery };
}
