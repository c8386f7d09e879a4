/**
 * The frozen vaults in tests/fixtures/vaults/format-<N>/ (scripts/freeze-vault-fixture.ts), read
 * and loaded into fake-indexeddb for the fixture and migration tests.
 */
import 'fake-indexeddb/auto';
import { expect } from 'vitest';
import { fromBase64 } from '../../../src/crypto/encoding';
import { parseRecoveryKey } from '../../../src/vault/recovery-key';
import { openVaultDatabase, type VaultDatabase } from '../../../src/vault/store';
import type { Item } from '../../../src/vault/types';
import type { Proof, UnlockedVault } from '../../../src/vault/vault';
import { type FrozenVault, loadDump } from './fixtures-dump';

export { type FrozenVault, frozenVaults } from './fixtures-dump';

let loaded = 0;
/** Writes the frozen records into a fresh fake-indexeddb database; returns its name. */
export async function loadFrozenRecords(fixture: FrozenVault): Promise<string> {
  loaded += 1;
  const name = `fixture-${fixture.folder}-${loaded}`;
  await loadDump({ name, dump: fixture.dump });
  return name;
}

/** A fresh database holding the frozen records, opened the way the extension opens it. */
export async function loadFrozen(fixture: FrozenVault): Promise<VaultDatabase> {
  return openVaultDatabase(await loadFrozenRecords(fixture));
}

export function proofsOf(fixture: FrozenVault): [string, Proof][] {
  const { proofs } = fixture;
  return [
    ['the master password', { kind: 'password', password: proofs.password }],
    [
      'the biometric (PRF) output',
      {
        kind: 'prf',
        credentialId: fromBase64(proofs.prf.credentialId),
        prfOutput: fromBase64(proofs.prf.prfOutput),
      },
    ],
    ['the recovery key', { kind: 'recovery', secret: parseRecoveryKey(proofs.recoveryKey) }],
  ];
}

/** Every item comes back exactly as frozen: the list (overviews) and each whole item. */
export async function expectEveryItem(vault: UnlockedVault, expected: readonly Item[]): Promise<void> {
  const overview = ({ id, name, username, urls, match, favorite, updatedAt, passkeys }: Item) => ({
    id,
    name,
    username,
    urls,
    match,
    favorite,
    updatedAt,
    ...(passkeys?.length ? { passkeyRpIds: [...new Set(passkeys.map((p) => p.rpId))] } : {}),
  });
  const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
  expect([...vault.list()].sort(byId)).toEqual(expected.map(overview).sort(byId));
  for (const item of expected) expect(await vault.get(item.id)).toEqual(item);
  expect(vault.problems).toEqual([]);
  expect(await vault.verify()).toEqual([]);
}
