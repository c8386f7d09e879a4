/**
 * IndexedDB access for the vault (through idb). Knows nothing about cryptography: it moves stored
 * records in and out, and each function that must be atomic is exactly one transaction.
 *
 * Why one transaction matters: IndexedDB commits a transaction all-or-nothing. A write that spans
 * records (an item, its overview chunk and the manifest) is therefore either fully stored or not at
 * all, whether the worker is killed, the tab closes or the disk fills half-way.
 */

import { type DBSchema, deleteDB, type IDBPDatabase, openDB, unwrap } from 'idb';
import { storageError, VaultError } from './errors';
import { DB_NAME, type HeaderRecord, type SealedRecord, type WrapperRecord } from './format';

interface VaultDb extends DBSchema {
  meta:
    | { key: 'header'; value: HeaderRecord }
    | { key: 'manifest'; value: SealedRecord }
    /** The sealed first screen (first-screen.ts), written with every manifest that changes the index. */
    | { key: 'firstScreen'; value: SealedRecord }
    /** The sealed list order (list-order.ts), written or deleted with every manifest that changes the index. */
    | { key: 'listOrder'; value: SealedRecord };
  wrappers: { key: string; value: WrapperRecord };
  chunks: { key: string; value: SealedRecord };
  items: { key: string; value: SealedRecord };
  /** Sync's local state (src/sync/vault-replica.ts): 'state' and 'config' records, opaque here. */
  sync: { key: string; value: unknown };
  /** Sync's version of each item id (tombstones included), one record per item. */
  syncVersions: { key: string; value: unknown };
  /**
   * Ids of the items this device wrote (put or delete) since sync last took them: written in the
   * same transaction as the item, so no local edit can be missed by sync, even after a crash.
   */
  changes: { key: string; value: true };
}

/** The stores sync writes beside the vault's own (format 2). */
export const SYNC_STORES = ['sync', 'syncVersions', 'changes'] as const;

/**
 * Schema versions of the IndexedDB database itself (not the vault format, which lives in the header).
 * 1: meta, wrappers, chunks, items.
 * 2: sync, syncVersions, changes (vault format 2: src/vault/format.ts).
 */
const DB_VERSION = 2;

export type VaultDatabase = IDBPDatabase<VaultDb>;

export async function openVaultDatabase(name = DB_NAME): Promise<VaultDatabase> {
  try {
    return await openDB<VaultDb>(name, DB_VERSION, {
      upgrade(db, oldVersion) {
        // Version 1: the initial layout. Later versions add a `case` here, never rewrite this one.
        if (oldVersion < 1) {
          db.createObjectStore('meta');
          db.createObjectStore('wrappers', { keyPath: 'id' });
          db.createObjectStore('chunks', { keyPath: 'id' });
          db.createObjectStore('items', { keyPath: 'id' });
        }
        if (oldVersion < 2) {
          db.createObjectStore('sync');
          db.createObjectStore('syncVersions');
          db.createObjectStore('changes');
        }
      },
    });
  } catch (err) {
    throw storageError(err, 'open the vault database');
  }
}

/** Everything needed before any item can be decrypted, read in one snapshot. */
export interface StoredHead {
  header: HeaderRecord | undefined;
  manifest: SealedRecord | undefined;
  /** The sealed first screen; absent in vaults an older release wrote (first-screen.ts). */
  firstScreen?: SealedRecord | undefined;
  wrappers: WrapperRecord[];
}

export async function readHead(db: VaultDatabase): Promise<StoredHead> {
  try {
    const tx = db.transaction(['meta', 'wrappers'], 'readonly');
    const [head] = await Promise.all([headIn(tx), tx.done]);
    return head;
  } catch (err) {
    throw storageError(err, 'read the vault');
  }
}

/**
 * Overview chunks per request when opening: 16 (~4,000 items, ~430 KB) keep a read in flight while
 * the previous batch is opened, and 10,000 items take three requests.
 */
export const CHUNK_READ_BATCH = 16;

/**
 * The head and the overview chunks in one read-only transaction (a snapshot in which
 * the manifest and the chunks beside it were stored together), the chunks as batches of `batchSize` records. Every request is issued at
 * once, so IndexedDB reads the next batch while the caller opens the last: the head resolves
 * first, then each batch in order. Issue 18: in Chromium one getAll of 196 chunks (50,000 items,
 * ~5 MB) took 6x as long as one of 40 (10,000 items); the read was most of opening.
 * Each batch promise rejects with a storage error on a failed read (already marked handled).
 */
export async function readHeadAndChunkBatches(
  db: VaultDatabase,
  batchSize = CHUNK_READ_BATCH,
): Promise<{
  head: StoredHead;
  batches: Promise<SealedRecord[]>[];
  /** The sealed list order (list-order.ts), read last: it is needed only once every chunk is open. */
  listOrder: Promise<SealedRecord | undefined>;
}> {
  try {
    const tx = db.transaction(['meta', 'wrappers', 'chunks'], 'readonly');
    tx.done.catch(() => undefined);
    const chunks = tx.objectStore('chunks');
    // Keys first (a few bytes each), to cut the store into ranges; the requests below are issued
    // in the same turn, while the transaction is still active.
    const [head, ids] = await Promise.all([headIn(tx), chunks.getAllKeys()]);
    const batches: Promise<SealedRecord[]>[] = [];
    for (let i = 0; i < ids.length; i += batchSize) {
      const last = ids[Math.min(i + batchSize, ids.length) - 1]!;
      const batch = chunks.getAll(IDBKeyRange.bound(ids[i]!, last)).catch((err: unknown) => {
        throw storageError(err, 'read the vault');
      });
      batch.catch(() => undefined);
      batches.push(batch);
    }
    const listOrder = tx
      .objectStore('meta')
      .get('listOrder')
      .catch((err: unknown) => {
        throw storageError(err, 'read the vault');
      }) as Promise<SealedRecord | undefined>;
    listOrder.catch(() => undefined);
    return { head, batches, listOrder };
  } catch (err) {
    throw storageError(err, 'read the vault');
  }
}

async function headIn(tx: {
  objectStore(name: 'meta'): { get(key: 'header' | 'manifest' | 'firstScreen'): Promise<unknown> };
  objectStore(name: 'wrappers'): { getAll(): Promise<WrapperRecord[]> };
}): Promise<StoredHead> {
  const [header, manifest, firstScreen, wrappers] = await Promise.all([
    tx.objectStore('meta').get('header') as Promise<HeaderRecord | undefined>,
    tx.objectStore('meta').get('manifest') as Promise<SealedRecord | undefined>,
    tx.objectStore('meta').get('firstScreen') as Promise<SealedRecord | undefined>,
    tx.objectStore('wrappers').getAll(),
  ]);
  return { header, manifest, firstScreen, wrappers };
}

/** The sealed list order (list-order.ts), or undefined when there is none. */
export async function readListOrder(db: VaultDatabase): Promise<SealedRecord | undefined> {
  try {
    return (await db.get('meta', 'listOrder')) as SealedRecord | undefined;
  } catch (err) {
    throw storageError(err, 'read the vault');
  }
}

export async function readAllChunks(db: VaultDatabase): Promise<SealedRecord[]> {
  try {
    return await db.getAll('chunks');
  } catch (err) {
    throw storageError(err, 'read the vault');
  }
}

export async function readItemRecord(db: VaultDatabase, id: string): Promise<SealedRecord | undefined> {
  try {
    return await db.get('items', id);
  } catch (err) {
    throw storageError(err, 'read the item');
  }
}

export async function readItemRecords(
  db: VaultDatabase,
  ids: string[],
): Promise<(SealedRecord | undefined)[]> {
  try {
    const tx = db.transaction('items', 'readonly');
    const found = await Promise.all(ids.map((id) => tx.store.get(id)));
    await tx.done;
    return found;
  } catch (err) {
    throw storageError(err, 'read the vault');
  }
}

/**
 * Every stored item record in one request (a backup, the health report): one getAll instead of one
 * get per id, each with its own request and events (10,000 items in Node over fake-indexeddb, read
 * and decrypt, same run: 1270 -> 790 ms).
 * Records the index does not list come too; the caller picks by id.
 */
export async function readAllItemRecords(db: VaultDatabase): Promise<SealedRecord[]> {
  try {
    return await db.getAll('items');
  } catch (err) {
    throw storageError(err, 'read the vault');
  }
}

export async function readItemIds(db: VaultDatabase): Promise<string[]> {
  try {
    return await db.getAllKeys('items');
  } catch (err) {
    throw storageError(err, 'read the vault');
  }
}

/** Writes a brand-new vault. Refuses (and writes nothing) if a header already exists. */
export async function writeNewVault(
  db: VaultDatabase,
  header: HeaderRecord,
  index: IndexRecords,
  wrapper: WrapperRecord | readonly WrapperRecord[],
  initial: { items: SealedRecord[]; chunks: SealedRecord[] } = { items: [], chunks: [] },
): Promise<void> {
  await runWrite(db, 'create the vault', async (tx) => {
    const meta = tx.objectStore('meta');
    if (await meta.get('header')) {
      throw new VaultError('vault-exists', 'A vault already exists in this browser profile.');
    }
    await meta.put(header, 'header');
    await putIndexRecords(tx, index);
    for (const w of Array.isArray(wrapper) ? wrapper : [wrapper]) await tx.objectStore('wrappers').put(w);
    putAll(tx.objectStore('items'), initial.items);
    putAll(tx.objectStore('chunks'), initial.chunks);
  });
}

/**
 * One item change: the item record (or its removal), the overview chunk it lives in and the
 * manifest, in one transaction. `expectRevision` guards against a writer in another context:
 * the stored manifest must still be the one this vault last read or wrote.
 */
export interface ItemWrite {
  item: SealedRecord | { deleteId: string };
  chunk: SealedRecord | { deleteId: string };
  index: IndexRecords;
}

/**
 * The manifest, and the first screen (first-screen.ts) and list order (list-order.ts) sealed for
 * it: every write that changes the index stores them in its one transaction, so neither is ever
 * older than the stored manifest it names. A write that has no list order deletes the stored one.
 */
export interface IndexRecords {
  manifest: SealedRecord;
  firstScreen: SealedRecord;
  listOrder: SealedRecord | null;
}

async function putIndexRecords(
  tx: {
    objectStore(name: 'meta'): {
      put(value: SealedRecord, key: 'manifest' | 'firstScreen' | 'listOrder'): Promise<unknown>;
      delete(key: 'listOrder'): Promise<unknown>;
    };
  },
  index: IndexRecords,
): Promise<void> {
  const meta = tx.objectStore('meta');
  await Promise.all([
    meta.put(index.manifest, 'manifest'),
    meta.put(index.firstScreen, 'firstScreen'),
    index.listOrder ? meta.put(index.listOrder, 'listOrder') : meta.delete('listOrder'),
  ]);
}

export type ManifestCheck = (stored: SealedRecord | undefined) => void;

/** Runs `check` on the manifest stored now, inside the write: one planned against another stops here. */
async function checkStoredManifest(tx: ReturnType<typeof allStoresTx>, check: ManifestCheck): Promise<void> {
  check((await tx.objectStore('meta').get('manifest')) as SealedRecord | undefined);
}

export async function writeItemChange(
  db: VaultDatabase,
  change: ItemWrite,
  checkManifest: ManifestCheck,
  hooks: WriteHooks = {},
): Promise<void> {
  await runWrite(db, 'save the change', async (tx) => {
    await checkStoredManifest(tx, checkManifest);
    const items = tx.objectStore('items');
    if ('deleteId' in change.item) await items.delete(change.item.deleteId);
    else await items.put(change.item);
    hooks.afterFirstWrite?.(tx);
    await tx
      .objectStore('changes')
      .put(true, 'deleteId' in change.item ? change.item.deleteId : change.item.id);
    const chunks = tx.objectStore('chunks');
    if ('deleteId' in change.chunk) await chunks.delete(change.chunk.deleteId);
    else await chunks.put(change.chunk);
    await putIndexRecords(tx, change.index);
  });
}

/**
 * Stores chunk records whose overviews are unchanged (only their encoding is), after checking the
 * manifest is still the one they were read with. One transaction: all of them or none.
 */
export async function writeChunks(
  db: VaultDatabase,
  chunks: readonly SealedRecord[],
  checkManifest: ManifestCheck,
  hooks: WriteHooks = {},
): Promise<void> {
  await runWrite(db, 'update the overview chunks', async (tx) => {
    await checkStoredManifest(tx, checkManifest);
    const store = tx.objectStore('chunks');
    for (const [i, chunk] of chunks.entries()) {
      await store.put(chunk);
      if (i === 0) hooks.afterFirstWrite?.(tx);
    }
  });
}

/**
 * Replaces (or adds) one key wrapper, after checking that the one it replaces is still the one the
 * caller verified. A single put: IndexedDB makes it all-or-nothing, so the vault always opens with
 * exactly one of the old and new secrets.
 */
export async function replaceWrapper(
  db: VaultDatabase,
  next: WrapperRecord,
  expectedCurrent: WrapperRecord | undefined,
  hooks: WriteHooks = {},
): Promise<void> {
  await runWrite(db, 'save the new key', async (tx) => {
    const store = tx.objectStore('wrappers');
    const current = await store.get(next.id);
    if (!sameWrapper(current, expectedCurrent)) {
      throw new VaultError(
        'conflict',
        'The vault was changed in another window. Nothing was saved; try again.',
      );
    }
    await store.put(next);
    hooks.afterFirstWrite?.(tx);
  });
}

/** Adds or replaces some key records and removes others, in one transaction. */
export async function writeWrappers(
  db: VaultDatabase,
  put: WrapperRecord[],
  remove: string[],
): Promise<void> {
  await runWrite(db, 'save the key', async (tx) => {
    const store = tx.objectStore('wrappers');
    for (const id of remove) await store.delete(id);
    for (const w of put) await store.put(w);
  });
}

/**
 * Many item and chunk records at once (import, backup restore), with the manifest, in one
 * transaction: all or nothing. With `replace`, every existing item and chunk is removed first.
 *
 * `items` is iterated once, inside the transaction, right after the manifest check: the vault
 * passes a lazy sequence that seals each item as it is stored, so the browser's storage process
 * works through the first puts while the later items are still being sealed here (import of
 * 10,000 items, bench/README.md). Anything it throws aborts the transaction.
 *
 * The change log (`changes`) is written only while sync is set up on this device (its `sync`
 * store holds a record: 'config' from connect until disconnect clears the store). While sync is
 * off nothing reads the log: connecting versions every item in the vault anyway (the sync engine's
 * first state) and drops what the log held. Skipping it halves the requests of a first import.
 * Checked in the same transaction, so a connect is ordered wholly before or after this write.
 */
export async function writeItemBatch(
  db: VaultDatabase,
  batch: { replace: boolean; items: Iterable<SealedRecord>; chunks: SealedRecord[]; index: IndexRecords },
  checkManifest: ManifestCheck,
  hooks: WriteHooks = {},
): Promise<void> {
  await runWrite(db, 'save the items', async (tx) => {
    await checkStoredManifest(tx, checkManifest);
    const logChanges = (await tx.objectStore('sync').count()) > 0;
    const chunkStore = tx.objectStore('chunks');
    const itemStore = tx.objectStore('items');
    const changes = unwrap(tx.objectStore('changes')) as unknown as IDBObjectStore;
    if (batch.replace) {
      // Every item removed is a change too (a delete, unless the batch puts it back).
      if (logChanges) for (const id of await itemStore.getAllKeys()) changes.put(true, id);
      await chunkStore.clear();
      await itemStore.clear();
    }
    const rawItems = unwrap(itemStore) as unknown as IDBObjectStore;
    let first = true;
    for (const record of batch.items) {
      rawItems.put(record);
      if (logChanges) changes.put(true, record.id);
      if (first) hooks.afterFirstWrite?.(tx);
      first = false;
    }
    putAll(chunkStore, batch.chunks);
    await putIndexRecords(tx, batch.index);
  });
}

/** Deletes the whole vault database (reset local data). */
export async function destroyVaultDatabase(
  db: VaultDatabase | undefined,
  name = db?.name ?? DB_NAME,
): Promise<void> {
  db?.close();
  try {
    await deleteDB(name, {
      blocked() {
        // Another extension page still holds a connection; deleteDB waits for it to close.
      },
    });
  } catch (err) {
    throw storageError(err, 'delete the vault');
  }
}

/**
 * Queues many puts in a transaction without a promise per request: idb wraps every request in a
 * promise, which costs ~20% of a 10,000-record import. The raw requests run in order inside the
 * transaction; the first failure aborts it, and runWrite's `await tx.done` reports that.
 */
function putAll(store: { put: unknown }, records: readonly SealedRecord[]): void {
  const raw = unwrap(store as never) as unknown as IDBObjectStore;
  for (const record of records) raw.put(record);
}

function sameWrapper(a: WrapperRecord | undefined, b: WrapperRecord | undefined): boolean {
  if (!a || !b) return a === b;
  return a.id === b.id && a.createdAt === b.createdAt && equalBytes(a.wrappedKey, b.wrappedKey);
}

function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** Test seam: lets a test abort a transaction after its first write, to prove atomicity. */
export interface WriteHooks {
  afterFirstWrite?: (tx: AnyWriteTx) => void;
}
export type AnyWriteTx = { abort(): void };

/**
 * Runs `body` in one readwrite transaction over every store and waits for it to commit. If the
 * body throws, the transaction is aborted, so nothing it wrote is kept.
 */
async function runWrite(
  db: VaultDatabase,
  what: string,
  body: (tx: ReturnType<typeof allStoresTx>) => Promise<void>,
): Promise<void> {
  const tx = allStoresTx(db);
  try {
    await body(tx);
    await tx.done;
  } catch (err) {
    await abortAndSettle(tx);
    throw storageError(err, what);
  }
}

/**
 * Aborts a transaction after a failure and waits for it to settle, so its rejection is not left
 * unhandled. An abort that throws means it was already aborted (a failed request aborts it) or
 * finished: nothing left to undo.
 */
export async function abortAndSettle(tx: { abort(): void; done: Promise<unknown> }): Promise<void> {
  try {
    tx.abort();
  } catch {
    // Already finished or aborted: nothing left to undo.
  }
  await tx.done.catch(() => undefined);
}

function allStoresTx(db: VaultDatabase) {
  return db.transaction(['meta', 'wrappers', 'chunks', 'items', ...SYNC_STORES], 'readwrite');
}

/** The transaction a synced change is written in: the vault's stores and sync's. */
export type SyncWriteTx = ReturnType<typeof allStoresTx>;

/**
 * A change that sync merged in (src/sync/vault-replica.ts): items stored as given, removed ones,
 * their overview chunks and the manifest, and sync's own records (`syncWrite`), all in one
 * transaction. Not logged in `changes`: these came from elsewhere, they are not this device's edits.
 */
export async function writeSyncedChange(
  db: VaultDatabase,
  change: {
    items: SealedRecord[];
    deleteIds: string[];
    chunks: SealedRecord[];
    deleteChunkIds: string[];
    index: IndexRecords | null;
  },
  checkManifest: ManifestCheck,
  /** Sync's records; may await requests of `tx` only (and throw to abort everything). */
  syncWrite: (tx: SyncWriteTx) => Promise<void>,
): Promise<void> {
  await runWrite(db, 'save the synced changes', async (tx) => {
    if (change.index) {
      await checkStoredManifest(tx, checkManifest);
    }
    const items = unwrap(tx.objectStore('items')) as unknown as IDBObjectStore;
    const chunks = unwrap(tx.objectStore('chunks')) as unknown as IDBObjectStore;
    for (const id of change.deleteIds) items.delete(id);
    putAll(tx.objectStore('items'), change.items);
    for (const id of change.deleteChunkIds) chunks.delete(id);
    putAll(tx.objectStore('chunks'), change.chunks);
    if (change.index) await putIndexRecords(tx, change.index);
    await syncWrite(tx);
  });
}

/**
 * Replaces the vault key (sync's key rotation): every item, chunk and the manifest re-sealed, and
 * the key records replaced, in one transaction: the vault opens with the old key and records or
 * with the new ones, never a mix. `syncWrite` records sync's state in the same transaction.
 */
export async function writeRekeyedVault(
  db: VaultDatabase,
  next: { items: SealedRecord[]; chunks: SealedRecord[]; index: IndexRecords; wrappers: WrapperRecord[] },
  checkManifest: ManifestCheck,
  /** Sync's records (its new key epoch); may await requests of `tx` only (and throw to abort). */
  syncWrite?: (tx: SyncWriteTx) => Promise<void>,
): Promise<void> {
  await runWrite(db, 'save the vault under its new key', async (tx) => {
    await checkStoredManifest(tx, checkManifest);
    await tx.objectStore('wrappers').clear();
    for (const w of next.wrappers) await tx.objectStore('wrappers').put(w);
    putAll(tx.objectStore('items'), next.items);
    putAll(tx.objectStore('chunks'), next.chunks);
    await putIndexRecords(tx, next.index);
    await syncWrite?.(tx);
  });
}
