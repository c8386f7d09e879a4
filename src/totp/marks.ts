/**
 * Which items have a two-factor secret that gives codes, for the list's mark. The secret lives in each item's
 * details record (not in the overviews the list is built from, and the stored format stays as it
 * is), so the background reads the records once per unlock and then only those of items changed
 * since (their updatedAt moved). Only ids leave: never a secret.
 *
 * The answer is cached per open vault object: a lock drops the object, and with it the cache. And
 * per list: list() returns the same array until the list changes, so a popup opened again on an
 * unchanged vault is answered without a pass over it (two passes over 50,000 overviews and their
 * garbage cost the worker ~30 ms at every popup open, on the popup's renderer; issue 18).
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

interface VaultMarks {
  known: Map<string, Known>;
  /** The list the last answer was computed for, and that answer (shared: never mutated). */
  answered?: { list: readonly ItemOverview[]; ids: readonly string[] };
}

export function createOtpMarks(): (vault: MarksVault) => Promise<readonly string[]> {
  const caches = new WeakMap<MarksVault, VaultMarks>();
  return async (vault) => {
    let cache = caches.get(vault);
    if (!cache) {
      cache = { known: new Map() };
      caches.set(vault, cache);
    }
    const { known } = cache;
    const list = vault.list();
    if (cache.answered?.list === list) return cache.answered.ids;
    const stale = list.filter((o) => known.get(o.id)?.updatedAt !== o.updatedAt).map((o) => o.id);
    const read = await readItems(vault, stale);
    for (const item of read) {
      known.set(item.id, { updatedAt: item.updatedAt, hasCode: hasSecret(item) });
    }
    const ids = list.filter((o) => known.get(o.id)?.hasCode).map((o) => o.id);
    // Kept only when every record was read: one that could not be (damaged, or deleted meanwhile)
    // is looked for again at the next call. Computed for `list` even if the list changed while
    // the records were read: the next call sees a different array and computes again.
    if (read.length === stale.length) cache.answered = { list, ids };
    return ids;
  };
}

/** A secret that gives codes: an invalid one shows its problem in the item, not a mark in the list. */
function hasSecret(item: Item): boolean {
  return item.totp.trim() !== '' && !isOtpError(parseOtpSecret(item.totp));
}
