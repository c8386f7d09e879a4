/**
 * The vault's index: overviews (no secrets) grouped in sealed chunks of CHUNK_CAPACITY, listed by
 * the manifest. Planning where items go, rebuilding overviews from item records, and the check
 * that the stored manifest is still the one a write was planned against, and opening the index.
 * No key is kept here.
 */

import { equalBytes } from '@noble/ciphers/utils.js';
import { DecryptError } from '../crypto/aead';
import { VaultError } from './errors';
import {
  CHUNK_CAPACITY,
  chunkId,
  decodeChunk,
  encodeChunk,
  type Manifest,
  type SealedRecord,
} from './format';
import { newItemId, openJson, sealJson } from './item-records';
import { passwordChangedAt } from './password-age';
import { readItemIds, readItemRecords, type VaultDatabase } from './store';
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
    // A batch carries its own dates (import, restore); it has no stored item to compare with.
    const item: Item = {
      ...input,
      id,
      createdAt: now,
      updatedAt: now,
      passwordChangedAt: passwordChangedAt(input, undefined, now),
    };
    const overview = toOverview(item);
    const known = chunkOf.get(id);
    const cid = known ?? chunkWithRoom(chunks, chunkIds);
    if (!known) {
      if (cid !== chunkIds[chunkIds.length - 1]) chunkIds.push(cid);
      chunkOf.set(id, cid);
    }
    // A chunk is copied once, when the batch first touches it, and edited in place after: the
    // start layout's arrays stay as they were (the open vault still lists them until the write
    // is stored), and a 10,000-item import no longer copies a growing chunk for every item.
    let overviews = chunks.get(cid);
    if (!overviews || !touched.has(cid)) {
      overviews = overviews ? [...overviews] : [];
      chunks.set(cid, overviews);
      touched.add(cid);
    }
    const at = known ? overviews.findIndex((o) => o.id === id) : -1;
    if (at >= 0) overviews[at] = overview;
    else overviews.push(overview);
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
    ...(item.passkeys?.length ? { passkeyRpIds: [...new Set(item.passkeys.map((p) => p.rpId))] } : {}),
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

/** A chunk's overviews sealed in the form format 3 writes: text columns (format.ts, encodeChunk). */
export function sealChunk(
  key: Uint8Array,
  vaultId: string,
  cid: string,
  overviews: readonly ItemOverview[],
): SealedRecord {
  return sealJson(key, vaultId, 'chunk', cid, encodeChunk(overviews));
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

/**
 * The overviews of every chunk the manifest lists: one decryption per chunk. The stored chunks come
 * in batches (readHeadAndChunkBatches), each opened as it arrives while the next is still being
 * read. A damaged or missing chunk is named in `problems` and rebuilt from the item records it
 * indexed (slower, but nothing disappears from the list). The key is asked of `key` right before
 * each synchronous open, never held across an await: the rest of an index may open after the
 * unlock replied (issue 18), and a lock meanwhile makes `key` throw VaultError('locked').
 * Chunks still in the tuple form of formats 1 and 2 are named in `found.outdated`, for
 * UnlockedVault.rewriteOutdatedChunks.
 */
export async function openIndex(
  db: VaultDatabase,
  key: () => Uint8Array,
  vaultId: string,
  manifest: Manifest,
  storedBatches: readonly Promise<readonly SealedRecord[]>[],
  found: { problems: { recordId: string; message: string }[]; outdated: string[] },
): Promise<Map<string, ItemOverview[]>> {
  const { problems } = found;
  const listed = new Set(manifest.chunkIds);
  const opened = new Map<string, ItemOverview[] | 'damaged'>();
  for (const batch of storedBatches) {
    const records = await batch;
    const liveKey = key();
    for (const record of records) {
      if (!listed.has(record.id) || opened.has(record.id)) continue;
      try {
        const value = openJson<unknown>(liveKey, vaultId, 'chunk', record.id, record);
        opened.set(record.id, decodeChunk(value));
        if (Array.isArray(value)) found.outdated.push(record.id);
      } catch {
        opened.set(record.id, 'damaged');
      }
    }
  }
  // In the manifest's order, as before the reads were batched.
  const chunks = new Map<string, ItemOverview[]>();
  for (const cid of manifest.chunkIds) {
    const overviews = opened.get(cid);
    if (overviews === undefined) {
      problems.push({ recordId: cid, message: `Overview chunk ${cid} is missing; rebuilt from its items.` });
    } else if (overviews === 'damaged') {
      problems.push({ recordId: cid, message: `Overview chunk ${cid} is damaged; rebuilt from its items.` });
    } else {
      chunks.set(cid, overviews);
    }
  }

  // A broken chunk's items are found by listing the stored item ids that no good chunk indexes,
  // and rebuilt from their own records into the broken chunk's slot; the next write to that
  // chunk heals it. A healthy vault skips this: listing 10,000 keys costs more than the whole
  // open (verify() does the full cross-check after the list is shown).
  const brokenChunks = manifest.chunkIds.filter((cid) => !chunks.has(cid));
  if (brokenChunks.length > 0) {
    const indexed = listedIds(chunks);
    const unlisted = (await readItemIds(db)).filter((id) => !indexed.has(id));
    const records = await readItemRecords(db, unlisted);
    const rebuilt = overviewsFromRecords(key(), vaultId, unlisted, records, problems);
    for (const cid of brokenChunks) chunks.set(cid, []);
    rebuilt.forEach((o, i) => {
      chunks.get(brokenChunks[Math.floor(i / CHUNK_CAPACITY) % brokenChunks.length]!)!.push(o);
    });
  }
  return chunks;
}
