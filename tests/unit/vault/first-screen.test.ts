// The sealed first-screen record (issue 18, src/vault/first-screen.ts): an unlock asked to defer
// the index answers the first screen from it, and the rest opens after. It must always be the first
// rows of what the whole index lists: after every kind of write, for random vaults, and never when
// it is missing, stale, moved or tampered with (then the unlock opens everything, as before).

import { describe, expect, it } from 'vitest';
import { KEY_BYTES } from '../../../src/crypto/aead';
import { randomBytes } from '../../../src/crypto/random';
import { VaultError } from '../../../src/vault/errors';
import {
  FIRST_SCREEN_RECORD_ROWS,
  type FirstScreen,
  openFirstScreen,
  sealScreen,
} from '../../../src/vault/first-screen';
import type { SealedRecord } from '../../../src/vault/format';
import { readHead, type VaultDatabase } from '../../../src/vault/store';
import { UnlockedVault } from '../../../src/vault/vault';
import { freshDb, login, TEST_COST } from './helpers';
import { edited, newVault, randomItems } from './random-vault';

const PW = 'first screen master password';
const ROWS = FIRST_SCREEN_RECORD_ROWS;

/** What the stored record opens to for the stored manifest, or null when it does not. */
async function storedScreen(db: VaultDatabase, vault: UnlockedVault): Promise<FirstScreen | null> {
  const head = await readHead(db);
  return openFirstScreen(vault.liveKey(), vault.vaultId, head.manifest!, head.firstScreen);
}

/** The first rows and count of a full open (no record involved), the reference. */
async function fullOpen(db: VaultDatabase, key: Uint8Array): Promise<FirstScreen> {
  const vault = await UnlockedVault.unlockWithKey(db, key);
  try {
    return { entries: vault.list().slice(0, ROWS), total: vault.list().length };
  } finally {
    vault.lock();
  }
}

/** The first screen of a deferred unlock, then the whole list once the rest opened. */
async function deferredOpen(db: VaultDatabase, key: Uint8Array) {
  const vault = await UnlockedVault.unlockWithKey(db, key, { deferIndex: true });
  const first = await vault.firstScreen(ROWS);
  await vault.ready();
  const after = { entries: vault.list().slice(0, ROWS), total: vault.list().length };
  vault.lock();
  return { first, after };
}

/** The stored record is current and equals the full open's first rows, and so does a deferred unlock. */
async function expectFirstScreenCurrent(db: VaultDatabase, vault: UnlockedVault, label: string) {
  const key = vault.exportKey();
  try {
    const reference = await fullOpen(db, key);
    expect(await storedScreen(db, vault), `${label}: stored record`).toEqual(reference);
    const { first, after } = await deferredOpen(db, key);
    expect(first, `${label}: deferred unlock`).toEqual(reference);
    expect(after, `${label}: after the rest opened`).toEqual(reference);
  } finally {
    key.fill(0);
  }
}

describe('first screen: equal to a full open', () => {
  it.each([0, 1, ROWS - 1, ROWS, ROWS + 1, 300, 700])('random vault of %i items', async (count) => {
    const { db, vault } = await newVault(randomItems(count, count + 7));
    await expectFirstScreenCurrent(db, vault, `${count} items`);
    vault.lock();
  });

  it('after every kind of write', async () => {
    const { db, vault } = await newVault(randomItems(300, 42));
    await expectFirstScreenCurrent(db, vault, 'putMany');
    // A put that becomes the first row, an edit that moves a first row away, a delete of a first
    // row (the list in memory moves one row: withChange); at the end, the same without a list.
    const top = await vault.put(login(9001, { name: '   0 first of all' }));
    await expectFirstScreenCurrent(db, vault, 'put new');
    vault.list();
    await vault.put(await edited(vault, top.id, 'zzz last now'));
    await expectFirstScreenCurrent(db, vault, 'rename away');
    const first = vault.list()[0]!;
    await vault.delete(first.id);
    await expectFirstScreenCurrent(db, vault, 'delete a first row');
    await vault.put(login(9002, { name: 'AAA' }));
    await expectFirstScreenCurrent(db, vault, 'put new first');
    const second = vault.list()[1]!;
    await vault.delete(second.id);
    vault.list();
    await vault.put(await edited(vault, vault.list()[3]!.id, 'a'));
    await expectFirstScreenCurrent(db, vault, 'rename within');
    await vault.putMany(randomItems(20, 5));
    await expectFirstScreenCurrent(db, vault, 'putMany add');
    await vault.putMany(randomItems(80, 6), { replace: true });
    await expectFirstScreenCurrent(db, vault, 'putMany replace');
    // Sync's merge: puts and deletes as given.
    const [a, b] = vault.list();
    const merged = { ...(await vault.get(a!.id)), name: '!!! synced', updatedAt: Date.now() };
    await vault.applySynced([merged], [b!.id], async () => undefined);
    await expectFirstScreenCurrent(db, vault, 'applySynced');
    // A new vault key: the record is sealed again under it.
    await vault.rekey(randomBytes(KEY_BYTES), [...(await readHead(db)).wrappers]);
    await expectFirstScreenCurrent(db, vault, 'rekey');
    // A vault opened without a list order and never listed: the write sorts the index itself.
    const key = vault.exportKey();
    vault.lock();
    await db.delete('meta', 'listOrder');
    const unlisted = await UnlockedVault.unlockWithKey(db, key);
    key.fill(0);
    await unlisted.put(login(9003, { name: '  0 new first' }));
    await expectFirstScreenCurrent(db, unlisted, 'put, the list never shown');
    // Every item deleted, one by one: the last leaves an empty first screen.
    for (const o of [...unlisted.list()]) await unlisted.delete(o.id);
    await expectFirstScreenCurrent(db, unlisted, 'all deleted');
    unlisted.lock();
  });

  it('a vault created with items (restore) and an empty synced vault start with theirs', async () => {
    const db = await freshDb();
    const restored = await UnlockedVault.create(db, PW, TEST_COST, randomItems(60, 3));
    await expectFirstScreenCurrent(db, restored, 'create with items');
    const joinedDb = await freshDb();
    const joined = await UnlockedVault.createSynced(
      joinedDb,
      { vaultId: crypto.randomUUID(), createdAt: Date.now() },
      randomBytes(KEY_BYTES),
      [],
    );
    expect(await storedScreen(joinedDb, joined)).toEqual({ entries: [], total: 0 });
    restored.lock();
    joined.lock();
  });
});

describe('first screen: never wrong rows', () => {
  it('the deferred unlock really answers from the record (a planted one shows)', async () => {
    const { db, vault } = await newVault(randomItems(30, 1));
    const head = await readHead(db);
    const planted = { ...vault.list()[0]!, name: 'planted by the test' };
    await db.put(
      'meta',
      sealScreen(vault.liveKey(), vault.vaultId, head.manifest!, { entries: [planted], total: 1 }),
      'firstScreen',
    );
    const key = vault.exportKey();
    vault.lock();
    const reopened = await UnlockedVault.unlockWithKey(db, key, { deferIndex: true });
    expect(await reopened.firstScreen(ROWS)).toEqual({ entries: [planted], total: 1 });
    reopened.lock();
    key.fill(0);
  });

  it('missing (an older release wrote the vault): the unlock opens everything', async () => {
    const { db, vault } = await newVault(randomItems(120, 2));
    const key = vault.exportKey();
    const reference = await fullOpen(db, key);
    await db.delete('meta', 'firstScreen');
    const reopened = await UnlockedVault.unlockWithKey(db, key, { deferIndex: true });
    expect(reopened.indexOpen).toBe(true);
    expect(await reopened.firstScreen(ROWS)).toEqual(reference);
    // The next write stores one again.
    await reopened.put(login(5000));
    expect(await storedScreen(db, reopened)).toEqual(await fullOpen(db, key));
    reopened.lock();
    vault.lock();
    key.fill(0);
  });

  it('stale (the manifest was written again without it, as an older release writes): not used', async () => {
    const { db, vault } = await newVault(randomItems(120, 3));
    const old = (await db.get('meta', 'firstScreen')) as SealedRecord;
    await vault.put(login(7000, { name: '0 new first row' }));
    await db.put('meta', old, 'firstScreen');
    expect(await storedScreen(db, vault)).toBeNull();
    const key = vault.exportKey();
    const reopened = await UnlockedVault.unlockWithKey(db, key, { deferIndex: true });
    expect(reopened.indexOpen).toBe(true);
    const first = await reopened.firstScreen(ROWS);
    expect(first.entries.map((o) => o.name)).toContain('0 new first row');
    expect(first).toEqual(await fullOpen(db, key));
    reopened.lock();
    vault.lock();
    key.fill(0);
  });

  it("tampered, or another vault's: not used", async () => {
    const one = await newVault(randomItems(40, 4));
    const other = await newVault(randomItems(40, 5));
    const key = one.vault.exportKey();
    const reference = await fullOpen(one.db, key);
    const own = (await one.db.get('meta', 'firstScreen')) as SealedRecord;
    const flipped = { ...own, sealed: own.sealed.slice() };
    flipped.sealed[30]! ^= 1;
    const foreign = (await other.db.get('meta', 'firstScreen')) as SealedRecord;
    const manifestAsScreen = {
      id: 'first-screen',
      sealed: ((await one.db.get('meta', 'manifest')) as SealedRecord).sealed,
    };
    for (const record of [flipped, foreign, manifestAsScreen, { ...own, id: 'manifest' }]) {
      await one.db.put('meta', record, 'firstScreen');
      const reopened = await UnlockedVault.unlockWithKey(one.db, key, { deferIndex: true });
      expect(reopened.indexOpen).toBe(true);
      expect(await reopened.firstScreen(ROWS)).toEqual(reference);
      reopened.lock();
    }
    one.vault.lock();
    other.vault.lock();
    key.fill(0);
  });
});

describe('first screen: the rest of the index opens after the reply', () => {
  /** A vault of 700 items (three chunks) unlocked as the Session does: the chunks not open yet. */
  async function reopenedWhileOpening(seed: number) {
    const { db, vault } = await newVault(randomItems(700, seed));
    const key = vault.exportKey();
    vault.lock();
    const reopened = await UnlockedVault.unlockWithKey(db, key, { deferIndex: true });
    key.fill(0);
    expect(reopened.indexOpen).toBe(false);
    return { db, reopened };
  }

  it('a lock while the rest opens stops it: nothing installed, every use says locked', async () => {
    const { reopened } = await reopenedWhileOpening(8);
    reopened.lock();
    await expect(reopened.ready()).rejects.toMatchObject({ code: 'locked' });
    expect(reopened.indexOpen).toBe(false);
    expect(() => reopened.list()).toThrow(VaultError);
    await expect(reopened.get('anything')).rejects.toMatchObject({ code: 'locked' });
    await expect(reopened.put(login(1))).rejects.toMatchObject({ code: 'locked' });
    await expect(reopened.firstScreen(ROWS)).rejects.toMatchObject({ code: 'locked' });
  });

  it('a write arriving while the rest opens waits for it, and the list and record include it', async () => {
    const { db, reopened } = await reopenedWhileOpening(9);
    const added = await reopened.put(login(8000, { name: '' }));
    expect(reopened.list()).toHaveLength(701);
    expect(reopened.list().map((o) => o.id)).toContain(added.id);
    await expectFirstScreenCurrent(db, reopened, 'write during the rest-open');
    reopened.lock();
  });

  /**
   * `db` whose first `failures` reads of the chunks store fail as a storage error does (after the
   * request was issued), and whose other requests pass through.
   */
  function failingChunkReads(db: VaultDatabase, failures: number): VaultDatabase {
    let left = failures;
    const passThrough = <T extends object>(target: T, get: (prop: PropertyKey) => unknown) =>
      new Proxy(target, {
        get(inner, prop) {
          const own = get(prop);
          if (own !== undefined) return own;
          const value = Reflect.get(inner, prop);
          return typeof value === 'function' ? value.bind(inner) : value;
        },
      });
    return passThrough(db, (prop) =>
      prop !== 'transaction'
        ? undefined
        : (...args: Parameters<VaultDatabase['transaction']>) => {
            const tx = db.transaction(...args);
            return passThrough(tx, (txProp) =>
              txProp !== 'objectStore'
                ? undefined
                : (name: 'chunks') => {
                    const store = tx.objectStore(name);
                    if (name !== 'chunks') return store;
                    return passThrough(store, (storeProp) => {
                      if (storeProp !== 'getAll' || left === 0) return undefined;
                      left--;
                      // Fails later, as a request does: whoever awaits the open meanwhile sees it.
                      return () =>
                        new Promise((_, reject) =>
                          setTimeout(() => reject(new DOMException('The disk went away', 'UnknownError')), 5),
                        );
                    });
                  },
            );
          },
    );
  }

  it('a failed read while the rest opens is read again at the next use, not a vault broken until lock', async () => {
    const { db, vault } = await newVault(randomItems(700, 11));
    const expected = vault.list().map((o) => o.id);
    const key = vault.exportKey();
    vault.lock();
    const reopened = await UnlockedVault.unlockWithKey(failingChunkReads(db, 1), key, { deferIndex: true });
    key.fill(0);
    await expect(reopened.ready()).rejects.toMatchObject({ code: 'storage-failed' });
    expect(reopened.indexOpen).toBe(false);
    // The next use reads the chunks again: the whole index, with no problem counted twice.
    const first = expected[0]!;
    await expect(reopened.get(first)).resolves.toMatchObject({ id: first });
    expect(reopened.indexOpen).toBe(true);
    expect(reopened.list().map((o) => o.id)).toEqual(expected);
    expect(reopened.problems).toEqual([]);
    reopened.lock();
  });

  it('a read again after a failed one refuses a vault another writer changed meanwhile', async () => {
    const { db, vault } = await newVault(randomItems(700, 12));
    const key = vault.exportKey();
    vault.lock();
    const reopened = await UnlockedVault.unlockWithKey(failingChunkReads(db, 1), key, { deferIndex: true });
    await expect(reopened.ready()).rejects.toMatchObject({ code: 'storage-failed' });
    const other = await UnlockedVault.unlockWithKey(db, key);
    key.fill(0);
    await other.put(login(9000));
    other.lock();
    await expect(reopened.ready()).rejects.toMatchObject({ code: 'conflict', message: /unlock again/ });
    expect(() => reopened.list()).toThrow(/still opening/);
    reopened.lock();
    await expect(reopened.ready()).rejects.toMatchObject({ code: 'locked' });
  });

  it('list() before the rest opened is a programming error, not a short list', async () => {
    const { reopened } = await reopenedWhileOpening(10);
    expect(() => reopened.list()).toThrow(/still opening/);
    await reopened.ready();
    expect(reopened.list()).toHaveLength(700);
    reopened.lock();
  });
});
