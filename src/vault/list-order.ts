/**
 * The sealed list order (issue 18): where each overview of the index stands in list order
 * (overview-order.ts), stored beside the manifest (meta 'listOrder') so that opening a vault does
 * not sort it. Sorting was the one part of opening that grew faster than the item count: at 50,000
 * items it cost as much as reading and decrypting every chunk (bench/README.md, "The list order").
 *
 * What it holds: for each row of the list, in order, the position of that overview in the index
 * read the way opening reads it (the chunks in the manifest's order, each chunk's overviews in
 * their stored order, concatenated): 4 bytes per item, little-endian, 200 KB at 50,000 items.
 *
 * Never a lost or a wrong row:
 * - sealed under the vault key, with associated data naming it AND the nonce of the manifest record
 *   it was written with, like the first screen (first-screen.ts): every write that changes the index
 *   seals a new manifest and stores this record or deletes it in the same transaction (store.ts,
 *   putIndexRecords), so a record left behind by anything else (an older release that does not know
 *   it, an edit of the stored data, a record from another vault) does not open;
 * - read as a permutation of exactly the overviews opened: a position out of range, repeated, or a
 *   length that is not the item count, and it is ignored. So it can only place rows, never drop,
 *   repeat or invent one;
 * - ignored when a chunk was rebuilt from item records (the positions no longer name the same rows);
 * - bound to the order it was written in (LIST_ORDER_VERSION), so a release that sorts another way
 *   never takes an old record for its own.
 * What it cannot tell: a stored chunk replaced by an authentic older copy of itself with as many
 * rows (chunks are bound to their id, not to the manifest), or a browser whose Unicode tables fold
 * a name differently than the one that wrote it. Then rows are misplaced, never lost or repeated,
 * until the next batch write sorts again.
 * Ignored means the list is sorted, as before this record existed
 * (tests/unit/vault/list-order.test.ts; every byte altered: tests/unit/vault/tamper-walk.test.ts).
 *
 * An additive record: releases before it never read it, and a vault without it opens and sorts.
 * The stored format (FORMAT_VERSION) is unchanged, so no new fixture is needed. A migration step
 * that changed what a chunk holds would have to delete it (migrate.ts).
 *
 * Safety fact: positions only; names and everything else stay in the chunks.
 */

import { DecryptError, open, seal } from '../crypto/aead';
import { manifestBinding, recordAad, type SealedRecord } from './format';
import type { ItemOverview } from './types';

export const LIST_ORDER_RECORD_ID = 'list-order';

/**
 * Which order the positions are in: overview-order.ts's (folded name, folded username, id). Part
 * of the associated data, so a record written for another order (a release that changes the
 * order bumps this) does not open and the list is sorted the new way.
 */
export const LIST_ORDER_VERSION = 'name-username-id.1';

const BYTES_PER_ROW = 4;

/**
 * `sorted` (the list: the same overview objects as `indexed`, in list order) as positions in
 * `indexed` (the index in manifest order), sealed for the manifest record `manifest`. Null when
 * the two do not hold the same objects: the write then stores no order (the next open sorts),
 * rather than fail or store a wrong one.
 */
export function sealListOrder(
  key: Uint8Array,
  vaultId: string,
  manifest: SealedRecord,
  indexed: readonly ItemOverview[],
  sorted: readonly ItemOverview[],
): SealedRecord | null {
  if (sorted.length !== indexed.length) return null;
  // Keyed by the overview object itself: the list holds the very objects the chunks do.
  const positions = new Map<ItemOverview, number>();
  for (let i = 0; i < indexed.length; i++) positions.set(indexed[i]!, i);
  const bytes = new Uint8Array(sorted.length * BYTES_PER_ROW);
  const view = new DataView(bytes.buffer);
  for (let row = 0; row < sorted.length; row++) {
    const position = positions.get(sorted[row]!);
    if (position === undefined) return null;
    view.setUint32(row * BYTES_PER_ROW, position, true);
  }
  return { id: LIST_ORDER_RECORD_ID, sealed: seal(key, bytes, aadFor(vaultId, manifest)) };
}

/**
 * The overviews of `indexed` in list order, as the record says, or null when there is no record,
 * it does not belong to the stored manifest (stale, damaged, moved) or is not a permutation of
 * `indexed`: the caller then sorts. Never throws for a bad record.
 */
export function openListOrder(
  key: Uint8Array,
  vaultId: string,
  manifest: SealedRecord,
  record: SealedRecord | undefined,
  indexed: readonly ItemOverview[],
): ItemOverview[] | null {
  if (!record || record.id !== LIST_ORDER_RECORD_ID || !(record.sealed instanceof Uint8Array)) return null;
  let bytes: Uint8Array;
  try {
    bytes = open(key, record.sealed, aadFor(vaultId, manifest));
  } catch (err) {
    if (err instanceof DecryptError) return null;
    throw err;
  }
  const count = indexed.length;
  if (bytes.length !== count * BYTES_PER_ROW) return null;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const taken = new Uint8Array(count);
  const list = new Array<ItemOverview>(count);
  for (let row = 0; row < count; row++) {
    const position = view.getUint32(row * BYTES_PER_ROW, true);
    if (position >= count || taken[position] === 1) return null;
    taken[position] = 1;
    list[row] = indexed[position]!;
  }
  return list;
}

/** Bound to the manifest record by its nonce: random for every seal, so for every stored revision. */
function aadFor(vaultId: string, manifest: SealedRecord): Uint8Array {
  return recordAad(
    vaultId,
    'list-order',
    LIST_ORDER_RECORD_ID,
    `${LIST_ORDER_VERSION}:${manifestBinding(manifest)}`,
  );
}
