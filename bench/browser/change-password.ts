// Page side of change_password_1k_ms / change_password_10k_ms: changePassword on vaults of 1,000
// and 10,000 items at the default Argon2id cost, in real IndexedDB. Only the key record is
// rewritten, so the two must cost the same (target: ratio < 1.2); the rounds alternate sizes so
// machine noise hits both alike.

import { destroyVaultDatabase, openVaultDatabase } from '../../src/vault/store';
import { UnlockedVault } from '../../src/vault/vault';
import type { ChangePasswordOptions, ChangePasswordResult } from './api';
import { generateItems } from './items';

export async function changePassword({
  sizes,
  runs,
  seed,
}: ChangePasswordOptions): Promise<ChangePasswordResult> {
  const vaults = await Promise.all(
    sizes.map(async (n) => {
      const db = await openVaultDatabase(`tessera-bench-cp-${n}-${crypto.randomUUID()}`);
      // Default KDF cost: the metric includes deriving from the current and the new password.
      const vault = await UnlockedVault.create(db, 'password-0');
      await vault.putMany(generateItems(n, seed));
      return { n, db, vault };
    }),
  );
  const ms: Record<number, number[]> = Object.fromEntries(sizes.map((n) => [n, []]));
  try {
    for (let round = 0; round <= runs; round++) {
      const order = round % 2 === 0 ? vaults : [...vaults].reverse();
      for (const { n, vault } of order) {
        const start = performance.now();
        await vault.changePassword(`password-${round}`, `password-${round + 1}`);
        const elapsed = performance.now() - start;
        if (round > 0) ms[n]!.push(elapsed);
      }
    }
  } finally {
    for (const { db, vault } of vaults) {
      vault.lock();
      await destroyVaultDatabase(db);
    }
  }
  return { ms };
}
