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
 *
 * The first screen (issue 18): beside the whole list, a second, small slot holds its first
 * FIRST_SCREEN_ROWS entries and the total count, written and removed together with the list (and
 * at unlock, before the unlock is answered). A page shows that at once and reads the whole list
 * after its first paint, so opening the popup does not wait for a megabyte of text to be copied
 * and parsed (10,000 items: ~0.9 MB; 50,000: ~4.5 MB). Same safety facts: overviews only, same
 * epoch rule.
 */

import type { ListEntry } from '../vault/types';
import { decodeList, encodeList } from './list-codec';

/** The current unlock's epoch (random, not secret); absent while locked. */
export const EPOCH_SLOT = 'session.epoch';
export const LIST_SLOT = 'session.list';
export const FIRST_SCREEN_SLOT = 'session.listFirstScreen';

/**
 * Rows in the first-screen slot: more than the tallest popup shows (Chrome's 600 px at 52 px a row
 * is 12, plus the list's overscan), few enough that reading them costs nothing measurable.
 */
export const FIRST_SCREEN_ROWS = 30;

export interface ListSnapshot {
  epoch: string;
  /** The list encoded exactly as the vault.list reply carries it (list-codec.ts). */
  encoded: string;
}

export interface SnapshotSource {
  get(keys: string[]): Promise<Record<string, unknown>>;
}

/** The first-screen slot: the list's first rows, encoded like the list, and how many items it has. */
export interface FirstScreenSnapshot {
  epoch: string;
  total: number;
  encoded: string;
}

/**
 * The first screen as the unlock reply carries it to the page that unlocked (issue 18): no epoch,
 * the reply is of this unlock. Saves that page reading the slot back before it can show the list.
 */
export type EncodedFirstScreen = Omit<FirstScreenSnapshot, 'epoch'>;

/** The first rows of a list (already in list order) and its size, under `epoch`. */
export function firstScreenOf(list: readonly ListEntry[], epoch: string): FirstScreenSnapshot {
  return { epoch, total: list.length, encoded: encodeList(list.slice(0, FIRST_SCREEN_ROWS)) };
}

export interface FirstScreen {
  /** The list's first entries, in list order (all of it when `entries.length === total`). */
  entries: ListEntry[];
  total: number;
}

/**
 * The first screen of the current unlock, or null when the page must read the whole list instead:
 * none stored, another unlock's, or one that does not decode (a missed shortcut, never an error).
 */
export async function readFirstScreen(area: SnapshotSource): Promise<FirstScreen | null> {
  try {
    const stored = await area.get([EPOCH_SLOT, FIRST_SCREEN_SLOT]);
    const epoch = stored[EPOCH_SLOT];
    const slot = stored[FIRST_SCREEN_SLOT] as Partial<FirstScreenSnapshot> | undefined;
    if (typeof epoch !== 'string' || epoch.length === 0) return null;
    if (typeof slot !== 'object' || slot === null || slot.epoch !== epoch) return null;
    return decodeFirstScreen(slot);
  } catch {
    return null;
  }
}

/**
 * A stored or replied first screen decoded, or null when it is not one: a missed shortcut (the
 * page then reads the whole list), never an error to show.
 */
export function decodeFirstScreen(slot: unknown): FirstScreen | null {
  try {
    if (typeof slot !== 'object' || slot === null) return null;
    const { encoded, total } = slot as Partial<EncodedFirstScreen>;
    if (typeof encoded !== 'string') return null;
    const entries = decodeList(encoded);
    if (typeof total !== 'number' || !Number.isSafeInteger(total)) return null;
    // A short slot is the whole list; a full one must belong to a list at least as long.
    const whole = entries.length < FIRST_SCREEN_ROWS;
    if (whole ? total !== entries.length : total < entries.length) return null;
    return { entries, total };
  } catch {
    return null;
  }
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
