/**
 * The vault's index: overviews (no secrets) grouped in sealed chunks of CHUNK_CAPACITY, listed by
 * the manifest. Planning where items go, rebuilding overviews from item records, and the check
 * that the stored manifest is still the one a write was planned against. No key is kept here.
 */

import { equalBytes } from '@noble/ciphers/utils.js';
import { DecryptError } from '../crypto/aead';
import { VaultError } from './errors';
import { CHUNK_CAPACITY, chunkId, type SealedRecord } from './format';
import { newItemId, openJson } from './item-records';
import type { Item, ItemInput, ItemOverview } from './types';

export interface ChunkLayout {
  chunks: ReadonlyMap<string, ItemOverview[]>;
  chunkOf: ReadonlyMap<string, string>;
  chunkIds: readonly string[];
}

export const EMPTY_LAYOUT: ChunkLayout = { chunks: new Map(), chunkOf: new Map(), chunkIds: [] };

/**
 * Plans a batch of item writes over a chunk layout without touching it: which chunk each item
 * goes to (known ids stay in place, new ones fill the last chunk with room), the resulting
 * layout, and which chunks must be rewritten.
 */
export function planBatch(start: ChunkLayout, inputs: readonly ItemInput[]) {
  const now = Date.now();
  const chunks = new Map(start.chunks);
  const chunkOf = new Map(start.chunkOf);
  const chunkIds = [...start.chunkIds];
  const touched = new Set<string>();
  const items: Item[] = [];
  for (const input of inputs) {
    const id = input.id ?? newItemId();
    const item: Item = { ...input, id, createdAt: now, updatedAt: now };
    const overview = toOverview(item);
    let cid = chunkOf.get(id);
    if (cid) {
      chunks.set(
        cid,
        chunks.get(cid)!.map((o) => (o.id === id ? overview : o)),
      );
    } else {
      cid = chunkWithRoom(chunks, chunkIds);
      if (cid !== chunkIds[chunkIds.length - 1]) chunkIds.push(cid);
      chunks.set(cid, [...(chunks.get(cid) ?? []), overview]);
      chunkOf.set(id, cid);
    }
    touched.add(cid);
    items.push(item);
  }
  return { chunks, chunkOf, chunkIds, touched, items };
}

/** The last chunk if it has room, else the id of a new one. */
export function chunkWithRoom(chunks: ReadonlyMap<string, ItemOverview[]>, ids: readonly string[]): string {
  const last = ids[ids.length - 1];
  if (last && (chunks.get(last)?.length ?? 0) < CHUNK_CAPACITY) return last;
  return nextChunkId(ids);
}

export function nextChunkId(ids: readonly string[]): string {
  let max = -1;
  for (const id of ids) max = Math.max(max, Number.parseInt(id.slice(1), 10));
  return chunkId(max + 1);
}

export function listedIds(chunks: ReadonlyMap<string, ItemOverview[]>): Set<string> {
  const ids = new Set<string>();
  for (const overviews of chunks.values()) for (const o of overviews) ids.add(o.id);
  return ids;
}

export function toOverview(item: Item): ItemOverview {
  return {
    id: item.id,
    name: item.name,
    username: item.username,
    urls: item.urls,
    match: item.match,
    favorite: item.favorite,
    updatedAt: item.updatedAt,
  };
}

/**
 * Overviews rebuilt from item records already read (a damaged chunk, or items no chunk lists).
 * Records that do not open are named in `problems`. Synchronous: the key is used only here.
 */
export function overviewsFromRecords(
  key: Uint8Array,
  vaultId: string,
  ids: readonly string[],
  records: readonly (SealedRecord | undefined)[],
  problems: { recordId: string; message: string }[],
): ItemOverview[] {
  const rebuilt: ItemOverview[] = [];
  records.forEach((record, i) => {
    const id = ids[i]!;
    try {
      if (!record) throw new DecryptError('missing');
      rebuilt.push(toOverview(openJson<Item>(key, vaultId, 'item', id, record)));
    } catch {
      problems.push({ recordId: id, message: `Item ${id} is damaged and cannot be opened.` });
    }
  });
  return rebuilt;
}

/** A write proceeds only if the stored manifest is still the one this vault last read or wrote. */
export function manifestUnchanged(expected: SealedRecord) {
  return (stored: SealedRecord | undefined) => {
    // equalBytes from @noble/ciphers runs in constant time.
    if (!stored || !equalBytes(stored.sealed, expected.sealed)) {
      throw new VaultError(
        'conflict',
        'The vault was changed in another window. Nothing was saved; try again.',
      );
    }
  };
}
