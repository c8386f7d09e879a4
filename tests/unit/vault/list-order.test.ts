// The sealed list order (issue 18, src/vault/list-order.ts): every write stores where each overview
// stands in list order, so that opening does not sort. The list an open returns must be exactly
// the sorted index: after every kind of write, for random vaults (names that tie, differ only in
// case or accents), and sorted as before when the record is missing, stale, moved or not a
// permutation of the index. Tampering with its bytes: tests/unit/vault/tamper-walk.test.ts.

import { describe, expect, it, vi } from 'vitest';
import { KEY_BYTES } from '../../../src/crypto/aead';
import { randomBytes } from '../../../src/crypto/random';
import type { SealedRecord } from '../../../src/vault/format';
import { openListOrder, sealListOrder } from '../../../src/vault/list-order';
import * as order from '../../../src/vault/overview-order';
import { readHead, type VaultDatabase } from '../../../src/vault/store';
import type { ItemOverview } from '../../../src/vault/types';
import { UnlockedVault } from '../../../src/vault/vault';
import { login } from './helpers';
import { edited, newVault, RANDOM_VAULT_PASSWORD, randomItems } from './random-vault';

// Counted, not replaced: an open that used the stored order sorts nothing.
vi.mock('../../../src/vault/overview-order', async (original) => {
  const real = await original<typeof import('../../../src/vault/overview-order')>();
  return { ...real, sortByName: vi.fn(real.sortByName) };
});
const sortCalls = () => vi.mocked(order.sortByName).mock.calls.length;

const ids = (list: readonly ItemOverview[]) => list.map((o) => o.id);

/**
 * Opens the stored vault with `key` and returns its list and how many sorts the open and list()
 * took: zero when the stored order was current.
 */
async function reopen(db: VaultDatabase, key: Uint8Array) {
  const before = sortCalls();
  const vault = await UnlockedVault.unlockWithKey(db, key);
  try {
    const list = [...vault.list()];
    return { list, sorts: sortCalls() - before };
  } finally {
    vault.lock();
  }
}

/** The stored order is current (the open sorted nothing) and lists exactly the sorted index. */
async function expectStoredOrder(db: VaultDatabase, vault: UnlockedVault, label: string) {
  const key = vault.exportKey();
  try {
    const { list, sorts } = await reopen(db, key);
    expect(sorts, `${label}: the open sorted`).toBe(0);
    // The reference: the same overviews sorted from scratch.
    expect(ids(list), `${label}: reopened list`).toEqual(ids(order.sortByName(list)));
    expect(ids(vault.list()), `${label}: list in memory`).toEqual(ids(list));
    expect(list.map((o) => o.name)).toEqual(vault.list().map((o) => o.name));
  } finally {
    key.fill(0);
  }
}

describe('list order: an open lists the sorted index without sorting', () => {
  it.each([0, 1, 2, 257, 700])('random vault of %i items', async (count) => {
    const { db, vault } = await newVault(randomItems(count, count + 11));
    await expectStoredOrder(db, vault, `${count} items`);
    vault.lock();
  });

  it('after every kind of write, with the list in memory sorted and not', async () => {
    const { db, vault } = await newVault(randomItems(300, 43));
    const top = await vault.put(login(9001, { name: '   0 first of all' }));
    await expectStoredOrder(db, vault, 'put new');
    await vault.put(await edited(vault, top.id, 'zzz last now'));
    await expectStoredOrder(db, vault, 'rename to the end');
    await vault.put(await edited(vault, vault.list()[150]!.id, 'Émile'));
    await expectStoredOrder(db, vault, 'rename among ties');
    await vault.delete(vault.list()[0]!.id);
    await expectStoredOrder(db, vault, 'delete the first row');
    // A chunk emptied by deletes leaves the manifest: positions of the chunks after it shift.
    for (const o of vault.list().slice(0, 40)) await vault.delete(o.id);
    await expectStoredOrder(db, vault, 'deletes');
    await vault.putMany(randomItems(20, 5));
    await expectStoredOrder(db, vault, 'putMany add');
    await vault.putMany(randomItems(80, 6), { replace: true });
    await expectStoredOrder(db, vault, 'putMany replace');
    const [a, b] = vault.list();
    const merged = { ...(await vault.get(a!.id)), name: 'zz synced', updatedAt: Date.now() };
    await vault.applySynced([merged], [b!.id], async () => undefined);
    await expectStoredOrder(db, vault, 'applySynced');
    await vault.rekey(randomBytes(KEY_BYTES), [...(await readHead(db)).wrappers]);
    await expectStoredOrder(db, vault, 'rekey');

    // A vault opened without a current order (a release before the record wrote last): the open
    // sorts, and the next edit stores the order again.
    const key = vault.exportKey();
    await db.delete('meta', 'listOrder');
    vault.lock();
    const reopened = await UnlockedVault.unlockWithKey(db, key);
    const before = sortCalls();
    reopened.list();
    expect(sortCalls() - before).toBe(1);
    await reopened.put(login(9002, { name: 'M middle' }));
    await expectStoredOrder(db, reopened, 'first edit after a vault without the record');
    reopened.lock();
    // The same, with the list never asked for before the edit: the write sorts, once.
    await db.delete('meta', 'listOrder');
    const unsorted = await UnlockedVault.unlockWithKey(db, key);
    await unsorted.put(login(9003, { name: 'N next' }));
    await expectStoredOrder(db, unsorted, 'first edit, the list never shown');
    for (const o of [...unsorted.list()]) await unsorted.delete(o.id);
    await expectStoredOrder(db, unsorted, 'all deleted');
    unsorted.lock();
    key.fill(0);
  });

  it('a password unlock opens with the stored order too', async () => {
    const { db, vault } = await newVault(randomItems(300, 12));
    vault.lock();
    const before = sortCalls();
    const opened = await UnlockedVault.unlockWithPassword(db, RANDOM_VAULT_PASSWORD);
    const list = [...opened.list()];
    expect(sortCalls() - before).toBe(0);
    expect(ids(list)).toEqual(ids(order.sortByName(list)));
    opened.lock();
  });

  it('an edit with the list in memory moves one row: it sorts nothing', async () => {
    const { vault } = await newVault(randomItems(500, 9));
    vault.list();
    const before = sortCalls();
    await vault.put(await edited(vault, vault.list()[10]!.id, 'bank 3'));
    await vault.put(login(77, { name: 'Bänk' }));
    await vault.delete(vault.list()[20]!.id);
    expect(sortCalls() - before).toBe(0);
    expect(ids(vault.list())).toEqual(ids(order.sortByName(vault.list())));
    vault.lock();
  });
});

describe('list order: a record that does not fit is ignored, and the open sorts', () => {
  async function withStored(count: number) {
    const { db, vault } = await newVault(randomItems(count, 2));
    const key = vault.exportKey();
    const head = await readHead(db);
    const record = (await db.get('meta', 'listOrder')) as SealedRecord;
    return { db, vault, key, head, record };
  }

  it('stale: the record of an earlier manifest', async () => {
    const { db, vault, key, record } = await withStored(30);
    // A rename in place: the same count, so only the binding to the manifest can tell.
    await vault.put(await edited(vault, vault.list()[0]!.id, 'zzz renamed'));
    await db.put('meta', record, 'listOrder');
    const { list, sorts } = await reopen(db, key);
    expect(sorts).toBe(1);
    expect(ids(list)).toEqual(ids(order.sortByName(list)));
    vault.lock();
  });

  it("another vault's record, or one moved to another slot", async () => {
    const one = await withStored(30);
    const other = await withStored(30);
    await one.db.put('meta', other.record, 'listOrder');
    expect((await reopen(one.db, one.key)).sorts).toBe(1);
    // Another record's sealed bytes under this record's name: its associated data differs.
    const firstScreen = (await one.db.get('meta', 'firstScreen')) as SealedRecord;
    await one.db.put('meta', { ...one.record, sealed: firstScreen.sealed }, 'listOrder');
    expect((await reopen(one.db, one.key)).sorts).toBe(1);
    one.vault.lock();
    other.vault.lock();
  });

  it('not used when a chunk was rebuilt from its items: the positions name other rows', async () => {
    // 300 items: a full chunk and one of 44. The second is damaged and rebuilt from the item
    // records in id order, not in the order it was stored in.
    const { db, vault, key } = await withStored(300);
    const chunks = (await db.getAll('chunks')) as SealedRecord[];
    expect(chunks).toHaveLength(2);
    const damaged = chunks[1]!;
    const sealed = damaged.sealed.slice();
    sealed[30]! ^= 1;
    await db.put('chunks', { ...damaged, sealed });
    const before = sortCalls();
    const opened = await UnlockedVault.unlockWithKey(db, key);
    expect(opened.problems.map((p) => p.recordId)).toEqual([damaged.id]);
    const list = [...opened.list()];
    expect(sortCalls() - before).toBe(1);
    expect(list).toHaveLength(300);
    expect(ids(list)).toEqual(ids(order.sortByName(list)));
    opened.lock();
    vault.lock();
  });

  it('not a permutation of the index, or of another length: null, never a list with a row twice', () => {
    const key = randomBytes(KEY_BYTES);
    const manifest = { id: 'manifest', sealed: randomBytes(64) };
    const [a, b, c] = [1, 2, 3].map((n) => ({ ...login(n), id: `id${n}`, updatedAt: 0 }) as ItemOverview);
    const indexed = [a!, b!, c!];
    const twice = sealListOrder(key, 'v', manifest, indexed, [a!, a!, c!])!;
    expect(openListOrder(key, 'v', manifest, twice, indexed)).toBeNull();
    const fits = sealListOrder(key, 'v', manifest, indexed, [c!, a!, b!])!;
    expect(openListOrder(key, 'v', manifest, fits, indexed)).toEqual([c, a, b]);
    expect(openListOrder(key, 'v', manifest, fits, [a!, b!])).toBeNull();
    expect(openListOrder(key, 'v', manifest, fits, [...indexed, { ...a!, id: 'id4' }])).toBeNull();
    expect(openListOrder(key, 'other vault', manifest, fits, indexed)).toBeNull();
    // A list that is not made of the index's own overviews is never sealed.
    expect(sealListOrder(key, 'v', manifest, indexed, [a!, b!, { ...c! }])).toBeNull();
    expect(sealListOrder(key, 'v', manifest, indexed, [a!, b!])).toBeNull();
  });
});
