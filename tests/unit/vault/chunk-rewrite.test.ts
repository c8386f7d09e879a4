/**
 * A vault from before format 3 keeps its overview chunks in the tuple form until they are written
 * again; UnlockedVault.rewriteOutdatedChunks stores them as text columns after an unlock (the
 * Session runs it after the integrity check). On every frozen vault: the same items after it, the
 * manifest, first screen and list order untouched, and nothing left to do the second time. And the
 * interleavings: another window's write, a lock, an edit before it.
 */
import { describe, expect, it, vi } from 'vitest';
import { Session } from '../../../src/session/session';
import { memoryArea } from '../../../src/session/storage-area';
import {
  decodeChunk,
  encodeOverviews,
  type HeaderRecord,
  type Manifest,
  type SealedRecord,
} from '../../../src/vault/format';
import { openJson, sealJson } from '../../../src/vault/item-records';
import * as order from '../../../src/vault/overview-order';
import type { VaultDatabase } from '../../../src/vault/store';
import type { Item } from '../../../src/vault/types';
import { UnlockedVault } from '../../../src/vault/vault';
import { expectEveryItem, type FrozenVault, frozenVaults, loadFrozen } from './fixtures-frozen';
import { freshDb, login, snapshot, TEST_COST } from './helpers';

// Counts sorts: an open that used the stored list order does not sort.
vi.mock('../../../src/vault/overview-order', async (original) => {
  const real = await original<typeof import('../../../src/vault/overview-order')>();
  return { ...real, sortByName: vi.fn(real.sortByName) };
});
const sorts = () => vi.mocked(order.sortByName).mock.calls.length;

const fixtures = frozenVaults();
const formatOf = (fixture: FrozenVault) => Number(fixture.folder.slice('format-'.length));
/** The last frozen vault written before format 3: its chunks are tuples. */
const older = fixtures.filter((f) => formatOf(f) < 3).at(-1)!;

/** Which stored chunks are in which form, read with the vault key. */
async function chunkForms(db: VaultDatabase, vault: UnlockedVault) {
  const key = vault.exportKey();
  const forms = { tuples: [] as string[], columns: [] as string[] };
  for (const record of (await db.getAll('chunks')) as SealedRecord[]) {
    const value = openJson<unknown>(key, vault.vaultId, 'chunk', record.id, record);
    (Array.isArray(value) ? forms.tuples : forms.columns).push(record.id);
  }
  key.fill(0);
  return forms;
}

/** An item as put() takes it back: without the dates the vault sets. */
function asInput(item: Item) {
  const { createdAt: _c, updatedAt: _u, ...input } = item;
  return input;
}

/** The records bound to one index revision: a rewrite of the chunks' encoding must not touch them. */
async function indexRecords(db: VaultDatabase) {
  return Promise.all((['manifest', 'firstScreen', 'listOrder'] as const).map((key) => db.get('meta', key)));
}

describe.each(fixtures.map((f) => [f.folder, f] as const))('frozen vault %s', (_folder, fixture) => {
  it('has its old chunks stored as text columns after an unlock, every item intact', async () => {
    const db = await loadFrozen(fixture);
    const vault = await UnlockedVault.unlockWithPassword(db, fixture.proofs.password);
    const before = await chunkForms(db, vault);
    const manifest = openJson<Manifest>(
      vault.exportKey(),
      vault.vaultId,
      'manifest',
      'manifest',
      (await db.get('meta', 'manifest')) as SealedRecord,
    );
    // Written before format 3: every chunk is a tuple list; written since: none is.
    expect(before.tuples.sort()).toEqual(formatOf(fixture) < 3 ? manifest.chunkIds : []);
    const index = await indexRecords(db);

    expect(await vault.rewriteOutdatedChunks()).toBe(before.tuples.length);
    expect(await chunkForms(db, vault)).toEqual({ tuples: [], columns: manifest.chunkIds });
    expect(await indexRecords(db)).toEqual(index);
    expect(await vault.rewriteOutdatedChunks()).toBe(0);

    await expectEveryItem(vault, fixture.items);
    const key = vault.exportKey();
    vault.lock();
    const again = await UnlockedVault.unlockWithKey(db, key);
    key.fill(0);
    await expectEveryItem(again, fixture.items);
    expect(await again.rewriteOutdatedChunks()).toBe(0);
  });
});

describe(`rewriting the old chunks of ${older.folder}, interleaved`, () => {
  it('refuses, writing nothing, when another window wrote since the unlock', async () => {
    const db = await loadFrozen(older);
    const vault = await UnlockedVault.unlockWithPassword(db, older.proofs.password);
    const other = await UnlockedVault.unlockWithPassword(db, older.proofs.password);
    await other.put({ ...asInput(older.items[0]!), notes: 'from the other window' });
    const stored = await snapshot(db);
    await expect(vault.rewriteOutdatedChunks()).rejects.toMatchObject({ code: 'conflict' });
    expect(await snapshot(db)).toBe(stored);
  });

  it('refuses after a lock, without the key, writing nothing', async () => {
    const db = await loadFrozen(older);
    const vault = await UnlockedVault.unlockWithPassword(db, older.proofs.password);
    const stored = await snapshot(db);
    vault.lock();
    await expect(vault.rewriteOutdatedChunks()).rejects.toMatchObject({ code: 'locked' });
    expect(await snapshot(db)).toBe(stored);
  });

  it('a lock during its write: the chunks it sealed before the lock are stored whole, and open', async () => {
    const db = await loadFrozen(older);
    const vault = await UnlockedVault.unlockWithPassword(db, older.proofs.password);
    const key = vault.exportKey();
    const reader = await UnlockedVault.unlockWithKey(db, key);
    const { tuples } = await chunkForms(db, reader);
    // The lock lands between the first and the second put of the one transaction.
    const rewritten = await vault.rewriteOutdatedChunks({ afterFirstWrite: () => vault.lock() });
    expect(vault.isLocked).toBe(true);
    expect(rewritten).toBe(tuples.length);
    expect((await chunkForms(db, reader)).tuples).toEqual([]);
    reader.lock();
    const again = await UnlockedVault.unlockWithKey(db, key);
    key.fill(0);
    await expectEveryItem(again, older.items);
  });

  it('stores nothing when interrupted mid-write; the next one stores every chunk', async () => {
    const db = await loadFrozen(older);
    const vault = await UnlockedVault.unlockWithPassword(db, older.proofs.password);
    const stored = await snapshot(db);
    const interrupted = vault.rewriteOutdatedChunks({ afterFirstWrite: (tx) => tx.abort() });
    await expect(interrupted).rejects.toMatchObject({ code: 'storage-failed' });
    expect(await snapshot(db)).toBe(stored);
    const { tuples } = await chunkForms(db, vault);
    expect(tuples.length).toBeGreaterThan(1);
    expect(await vault.rewriteOutdatedChunks()).toBe(tuples.length);
    expect((await chunkForms(db, vault)).tuples).toEqual([]);
  });

  it('keeps an edit made before it, and does not store again the chunk the edit stored', async () => {
    const db = await loadFrozen(older);
    const vault = await UnlockedVault.unlockWithPassword(db, older.proofs.password);
    const { tuples } = await chunkForms(db, vault);
    const edited = await vault.put({ ...asInput(older.items[1]!), name: 'Edited before the rewrite' });
    // The edit stored its chunk as columns already: one fewer to store.
    expect((await chunkForms(db, vault)).tuples).toHaveLength(tuples.length - 1);
    expect(await vault.rewriteOutdatedChunks()).toBe(tuples.length - 1);
    const key = vault.exportKey();
    vault.lock();
    const again = await UnlockedVault.unlockWithKey(db, key);
    key.fill(0);
    expect(again.list().find((o) => o.id === edited.id)?.name).toBe('Edited before the rewrite');
    expect(again.size).toBe(older.items.length);
  });

  it('is done by the Session after the unlock, in the background', async () => {
    const db = await loadFrozen(older);
    const session = new Session({
      openDb: () => Promise.resolve(db),
      sessionArea: memoryArea(),
      now: () => 1_000_000,
      onLocked: () => undefined,
      onActive: () => undefined,
      kdfCost: TEST_COST,
    });
    expect((await session.unlock(older.proofs.password)).state).toBe('unlocked');
    // A second reader of the same database, to look at what is stored.
    const reader = await UnlockedVault.unlockWithPassword(db, older.proofs.password);
    // After the integrity check (VERIFY_DELAY_MS, 1.5 s), in the Session's write queue.
    await vi.waitFor(async () => expect((await chunkForms(db, reader)).tuples).toEqual([]), {
      timeout: 5_000,
    });
    reader.lock();
    await expectEveryItem(await UnlockedVault.unlockWithPassword(db, older.proofs.password), older.items);
    expect((await session.vault()).size).toBe(older.items.length);
  });
});

describe('a late format 2 vault (with a first-screen record and a list order)', () => {
  /** Written by today's code, then its chunks sealed again as tuples and its header set to 2. */
  async function lateFormatTwo() {
    const db = await freshDb();
    const created = await UnlockedVault.create(db, 'late format two', TEST_COST);
    await created.putMany(Array.from({ length: 600 }, (_, i) => login(i)));
    const key = created.exportKey();
    const { vaultId } = created;
    created.lock();
    for (const record of (await db.getAll('chunks')) as SealedRecord[]) {
      const overviews = decodeChunk(openJson<unknown>(key, vaultId, 'chunk', record.id, record));
      await db.put('chunks', sealJson(key, vaultId, 'chunk', record.id, encodeOverviews(overviews)));
    }
    const header = (await db.get('meta', 'header')) as HeaderRecord;
    await db.put('meta', { ...header, formatVersion: 2 }, 'header');
    return { db, key };
  }

  it('keeps both through the rewrite: the next unlock answers from the record and does not sort', async () => {
    const { db, key } = await lateFormatTwo();
    const index = await indexRecords(db);
    expect(index.every((record) => record !== undefined)).toBe(true);

    const vault = await UnlockedVault.unlockWithKey(db, key, { deferIndex: true });
    expect(vault.indexOpen).toBe(false);
    await vault.ready();
    expect((await chunkForms(db, vault)).tuples).toHaveLength(3);
    expect(await vault.rewriteOutdatedChunks()).toBe(3);
    expect(await indexRecords(db)).toEqual(index);
    const listed = vault.list().map((o) => o.id);
    vault.lock();

    const sortsBefore = sorts();
    const again = await UnlockedVault.unlockWithKey(db, key, { deferIndex: true });
    // The first screen came from its record: the index was not open yet.
    expect(again.indexOpen).toBe(false);
    const first = await again.firstScreen(30);
    await again.ready();
    expect(first).toEqual({ entries: again.list().slice(0, 30), total: 600 });
    expect(again.list().map((o) => o.id)).toEqual(listed);
    expect(sorts()).toBe(sortsBefore);
    expect((await chunkForms(db, again)).tuples).toEqual([]);
    again.lock();
    key.fill(0);
  });
});
