/**
 * Which items have a two-factor secret that gives codes, for the list's mark. The secret lives in each item's
 * details record (not in the overviews the list is built from, and the stored format stays as it
 * is), so the background reads the records once per unlock and then only those of items changed
 * since (their updatedAt moved). Only ids leave: never a secret.
 *
 * The answer is cached per open vault object: a lock drops the object, and with it the cache.
 */

import { type ItemReader, readItems } from '../vault/read-items';
import type { Item, ItemOverview } from '../vault/types';
import { parseOtpSecret } from './parse';
import { isOtpError } from './types';

export interface MarksVault extends ItemReader {
  list(): readonly ItemOverview[];
}

interface Known {
  updatedAt: number;
  hasCode: boolean;
}

export function createOtpMarks(): (vault: MarksVault) => Promise<string[]> {
  const caches = new WeakMap<MarksVault, Map<string, Known>>();
  return async (vault) => {
    let known = caches.get(vault);
    if (!known) {
      known = new Map();
      caches.set(vault, known);
    }
    const list = vault.list();
    const stale = list.filter((o) => known.get(o.id)?.updatedAt !== o.updatedAt).map((o) => o.id);
    for (const item of await readItems(vault, stale)) {
      known.set(item.id, { updatedAt: item.updatedAt, hasCode: hasSecret(item) });
    }
    return list.filter((o) => known.get(o.id)?.hasCode).map((o) => o.id);
  };
}

/** A secret that gives codes: an invalid one shows its problem in the item, not a mark in the list. */
function hasSecret(item: Item): boolean {
  return item.totp.trim() !== '' && !isOtpError(parseOtpSecret(item.totp));
}
