// Page side of the vault_open metrics: builds a vault of N generated items in this page's real
// IndexedDB, then times what the popup waits for after the KDF: UnlockedVault.unlockWithKey (read
// the head, decrypt the manifest and every overview chunk, cross-check the item ids) and list().
//
// Safety fact: each call works in its own uniquely named database and deletes it afterwards, so
// runs never see each other's data; every timed open is checked to list all N items with no problems.

import { KDF_FLOOR } from '../../src/crypto/kdf';
import { destroyVaultDatabase, openVaultDatabase } from '../../src/vault/store';
import { UnlockedVault } from '../../src/vault/vault';
import { sample } from '../lib/sampling';
import type { VaultOpenOptions, VaultOpenResult } from './api';
import { generateItems } from './items';

/** The KDF only guards creation here and is not timed, so the cheapest accepted cost keeps setup short. */
const SETUP_COST = {
  memoryKiB: KDF_FLOOR.memoryKiB,
  iterations: KDF_FLOOR.iterations,
  parallelism: KDF_FLOOR.parallelism,
};

export async function vaultOpen({ items, seed, runs, warmup }: VaultOpenOptions): Promise<VaultOpenResult> {
  const db = await openVaultDatabase(`tessera-bench-${items}-${crypto.randomUUID()}`);
  try {
    const setupStart = performance.now();
    const created = await UnlockedVault.create(db, 'bench master password 1', SETUP_COST);
    await created.putMany(generateItems(items, seed));
    const key = created.exportKey();
    created.lock();
    const setupMs = performance.now() - setupStart;

    let opened: UnlockedVault | undefined;
    let listed = 0;
    const openMs = await sample(
      async () => {
        opened = await UnlockedVault.unlockWithKey(db, key);
        listed = opened.list().length;
      },
      { runs, warmup },
      () => {
        const problems = opened?.problems.length ?? -1;
        opened?.lock();
        if (listed !== items || problems !== 0) {
          throw new Error(`opened vault listed ${listed} of ${items} items with ${problems} problem(s)`);
        }
      },
    );
    key.fill(0);
    return { openMs, setupMs };
  } finally {
    await destroyVaultDatabase(db);
  }
}
