// Random vaults for the index tests (first-screen.test.ts, list-order.test.ts): names that tie or
// differ only in case or accents, seeded so a failure replays from its seed.

import type { ItemInput } from '../../../src/vault/types';
import { UnlockedVault } from '../../../src/vault/vault';
import { seededRandom } from '../seeded-random';
import { freshDb, login, TEST_COST } from './helpers';

export const RANDOM_VAULT_PASSWORD = 'random vault master password';

/** Names that tie, differ only in case or accents, and are empty: what the order must handle. */
export function randomItems(count: number, seed: number): ItemInput[] {
  const next = seededRandom(seed);
  const stems = ['Bank', 'bank', 'Bänk', 'Émile', 'emile', 'Zed', 'a', '', 'Mail', 'mail', '9lives'];
  return Array.from({ length: count }, (_, i) =>
    login(i, {
      name: `${stems[Math.floor(next() * stems.length)]}${next() < 0.5 ? '' : ` ${Math.floor(next() * 20)}`}`,
      username: next() < 0.3 ? 'same@example.com' : `u${Math.floor(next() * 1000)}@example.com`,
      favorite: next() < 0.1,
    }),
  );
}

/** An existing item renamed, as the edit form sends it (no stored dates). */
export async function edited(vault: UnlockedVault, id: string, name: string) {
  const { createdAt: _c, updatedAt: _u, passwordChangedAt: _p, ...input } = await vault.get(id);
  return { ...input, name };
}

export async function newVault(items: readonly ItemInput[] = []) {
  const db = await freshDb();
  const vault = await UnlockedVault.create(db, RANDOM_VAULT_PASSWORD, TEST_COST);
  if (items.length > 0) await vault.putMany(items);
  return { db, vault };
}
