/**
 * Which items have a two-factor secret, for the list's mark. The secret lives in each item's
 * details record (not in the overviews the list is built from, and the stored format stays as it
 * is), so the background reads the records once per unlock and then only those of items changed
 * since (their updatedAt moved). Only ids leave: never a secret.
 *
 * The answer is cached per open vault object: a lock drops the object, and with it the cache.
 */

import type { Item, ItemOverview } from '../vault/types';

export interface MarksVault {
  list(): readonly ItemOverview[];
  get(id: string): Promise<Item>;
  allItems(): Promise<{ items: Item[]; damaged: string[] }>;
}

interface Known {
  updatedAt: number;
  hasCode: boolean;
}

/** Above this many changed items one pass over every record is cheaper than one read each. */
const READ_ALL_ABOVE = 32;

export function createOtpMarks(): (vault: MarksVault) => Promise<string[]> {
  const caches = new WeakMap<MarksVault, Map<string, Known>>();
  return async (vault) => {
    let known = caches.get(vault);
    if (!known) {
      known = new Map();
      caches.set(vault, known);
    }
    const list = vault.list();
    const stale = list.filter((o) => known.get(o.id)?.updatedAt !== o.updatedAt);
    if (stale.length > READ_ALL_ABOVE) {
      const { items } = await vault.allItems();
      for (const item of items) known.set(item.id, { updatedAt: item.updatedAt, hasCode: hasSecret(item) });
    } else {
      for (const overview of stale) {
        const item = await vault.get(overview.id).catch(() => null);
        if (item) known.set(item.id, { updatedAt: item.updatedAt, hasCode: hasSecret(item) });
      }
    }
    return list.filter((o) => known.get(o.id)?.hasCode).map((o) => o.id);
  };
}

function hasSecret(item: Item): boolean {
  return item.totp.trim() !== '';
}
