/**
 * The list snapshot: a copy of the item list (overviews, in list order, encoded as for vault.list)
 * that the background leaves in storage.session while the vault is unlocked, so that an extension
 * page can show the list as it opens without waking a stopped service worker (a cold worker reads
 * and decrypts the whole index from IndexedDB first: ~300 ms for 10,000 items).
 *
 * Safety facts: the snapshot holds overviews only (name, username, URLs, never a password, note or
 * custom field); storage.session keeps it in memory, for this extension's trusted pages only (the
 * access level the background sets; never content scripts), like the key slot beside it. Each
 * unlock has a random epoch, stored in EPOCH_SLOT next to the key and removed with it on lock; a
 * snapshot is used only when its epoch is the current one, so a write that lands after a lock is
 * never shown.
 */

import type { ListEntry } from '../vault/types';
import { decodeList } from './list-codec';

/** The current unlock's epoch (random, not secret); absent while locked. */
export const EPOCH_SLOT = 'session.epoch';
export const LIST_SLOT = 'session.list';

export interface ListSnapshot {
  epoch: string;
  /** The list encoded exactly as the vault.list reply carries it (list-codec.ts). */
  encoded: string;
}

export interface SnapshotSource {
  get(keys: string[]): Promise<Record<string, unknown>>;
}

/** The encoded list if a snapshot of the current unlock exists, else null (locked, or not yet written). */
export async function readListSnapshot(area: SnapshotSource): Promise<string | null> {
  const stored = await area.get([EPOCH_SLOT, LIST_SLOT]);
  const epoch = stored[EPOCH_SLOT];
  const snapshot = stored[LIST_SLOT] as Partial<ListSnapshot> | undefined;
  if (typeof epoch !== 'string' || epoch.length === 0) return null;
  if (typeof snapshot !== 'object' || snapshot === null || snapshot.epoch !== epoch) return null;
  return typeof snapshot.encoded === 'string' ? snapshot.encoded : null;
}

/**
 * The snapshot's entries, or null when the page must ask the background instead: no snapshot of
 * the current unlock, or one that does not decode (a missed shortcut, never an error to show).
 */
export async function readSnapshotList(area: SnapshotSource): Promise<ListEntry[] | null> {
  try {
    const encoded = await readListSnapshot(area);
    return encoded === null ? null : decodeList(encoded);
  } catch {
    return null;
  }
}
