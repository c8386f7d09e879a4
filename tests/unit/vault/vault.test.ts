import { describe, expect, it, vi } from 'vitest';
import { VaultError } from '../../../src/vault/errors';
import type { PasswordWrapper, SealedRecord } from '../../../src/vault/format';
import type { VaultDatabase } from '../../../src/vault/store';
import type { Item } from '../../../src/vault/types';
import { hasVault, UnlockedVault } from '../../../src/vault/vault';
import { freshDb, login, snapshot, TEST_COST } from './helpers';

const PW = 'correct horse battery staple';

async function rejectsWith(p: Promise<unknown>, code: VaultError['code']): Promise<VaultError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(VaultError);
  expect((err as VaultError).code).toBe(code);
  return err as VaultError;
}

async function vaultWith(n: number): Promise<{ db: VaultDatabase; vault: UnlockedVault; ids: string[] }> {
  const db = await freshDb();
  const vault = await UnlockedVault.create(db, PW, TEST_COST);
  const ids: string[] = [];
  for (let i = 0; i < n; i++) ids.push((await vault.put(login(i))).id);
  return { db, vault, ids };
}

describe('create and unlock', () => {
  it('reports no vault on an empty database', async () => {
    const db = await freshDb();
    expect(await hasVault(db)).toBe(false);
    await rejectsWith(UnlockedVault.unlockWithPassword(db, PW), 'no-vault');
  });

  it('stores items that come back after lock and unlock', async () => {
    const { db, vault, ids } = await vaultWith(3);
    expect(await hasVault(db)).toBe(true);
    vault.lock();
    expect(() => vault.list()).toThrow(VaultError);
    const again = await UnlockedVault.unlockWithPassword(db, PW);
    expect(again.problems).toEqual([]);
    expect(again.list().map((o) => o.name)).toEqual(['Site 0', 'Site 1', 'Site 2']);
    const item = await again.get(ids[1]!);
    expect(item).toMatchObject({ username: 'user1@example.com', password: 'pw-1-secret', notes: 'note 1' });
    // Overviews never carry secrets.
    expect(JSON.stringify(again.list())).not.toContain('pw-1-secret');
  });

  it('firstScreen: the first rows of list() and its length, before and after the list is sorted', async () => {
    const db = await freshDb();
    const created = await UnlockedVault.create(db, PW, TEST_COST);
    // Stored out of name order, across two chunks (CHUNK_CAPACITY is 256).
    await created.putMany(Array.from({ length: 300 }, (_, i) => login((i * 7) % 300)));
    const key = created.exportKey();
    created.lock();
    const fresh = await UnlockedVault.unlockWithKey(db, key);
    const first = await fresh.firstScreen(30);
    const sorted = await UnlockedVault.unlockWithKey(db, key);
    expect(first.total).toBe(300);
    expect(first.entries).toEqual(sorted.list().slice(0, 30));
    expect(fresh.list().slice(0, 30)).toEqual(first.entries);
    expect(await fresh.firstScreen(5)).toEqual({ entries: fresh.list().slice(0, 5), total: 300 });
    fresh.lock();
    await expect(fresh.firstScreen(30)).rejects.toThrow(VaultError);
  });

  it('refuses a second create and leaves the first vault alone', async () => {
    const { db } = await vaultWith(1);
    const before = await snapshot(db);
    await rejectsWith(UnlockedVault.create(db, 'another', TEST_COST), 'vault-exists');
    expect(await snapshot(db)).toBe(before);
  });

  it('says "wrong password" and changes nothing', async () => {
    const { db } = await vaultWith(2);
    const before = await snapshot(db);
    const err = await rejectsWith(UnlockedVault.unlockWithPassword(db, 'nope'), 'wrong-password');
    expect(err.message).toMatch(/master password is not correct/);
    expect(await snapshot(db)).toBe(before);
  });

  it('reopens with the exported key (worker restart) and refuses a wrong key', async () => {
    const { db, vault } = await vaultWith(2);
    const key = vault.exportKey();
    const reopened = await UnlockedVault.unlockWithKey(db, key);
    expect(reopened.list()).toHaveLength(2);
    const wrong = key.slice();
    wrong[0]! ^= 1;
    await rejectsWith(UnlockedVault.unlockWithKey(db, wrong), 'wrong-key');
  });

  it('makes the vault key from 32 bytes of crypto.getRandomValues', async () => {
    const db = await freshDb();
    const calls: Uint8Array[] = [];
    const real = crypto.getRandomValues.bind(crypto);
    const spy = vi.spyOn(crypto, 'getRandomValues').mockImplementation((array: ArrayBufferView) => {
      const filled = real(array as Uint8Array);
      if (array instanceof Uint8Array && array.length === 32) calls.push(array.slice());
      return filled;
    });
    let vault: UnlockedVault;
    try {
      vault = await UnlockedVault.create(db, PW, TEST_COST);
    } finally {
      spy.mockRestore();
    }
    const key = vault.exportKey();
    expect(key).toHaveLength(32);
    expect(calls.some((bytes) => bytes.every((b, i) => b === key[i]))).toBe(true);
  });

  it('wipes the key on lock', async () => {
    const { vault } = await vaultWith(0);
    vault.lock();
    expect(vault.isLocked).toBe(true);
    expect(() => vault.exportKey()).toThrow(VaultError);
  });
});

describe('items', () => {
  it('edits keep createdAt, deletes remove the item', async () => {
    const { db, vault, ids } = await vaultWith(2);
    const first = await vault.get(ids[0]!);
    const edited = await vault.put({ ...login(0), id: ids[0], password: 'changed' });
    expect(edited.createdAt).toBe(first.createdAt);
    await vault.delete(ids[1]!);
    const again = await UnlockedVault.unlockWithPassword(db, PW);
    expect(again.list().map((o) => o.id)).toEqual([ids[0]]);
    expect((await again.get(ids[0]!)).password).toBe('changed');
    await rejectsWith(again.get(ids[1]!), 'not-found');
  });

  it('rejects malformed items with a message naming the field', async () => {
    const { vault } = await vaultWith(0);
    const err = await rejectsWith(vault.put({ ...login(1), name: 'x'.repeat(501) }), 'invalid-item');
    expect(err.message).toMatch(/name/);
    await rejectsWith(vault.put({ ...login(1), urls: 'https://a.com' }), 'invalid-item');
    await rejectsWith(vault.put({ ...login(1), id: 'not-there' }), 'not-found');
  });

  it('spreads many items over chunks and drops an emptied chunk', async () => {
    const { db, vault, ids } = await vaultWith(0);
    for (let i = 0; i < 300; i++) ids.push((await vault.put(login(i))).id);
    expect(await db.count('chunks')).toBe(2);
    for (const id of ids.slice(256)) await vault.delete(id);
    expect(await db.count('chunks')).toBe(1);
    const again = await UnlockedVault.unlockWithPassword(db, PW);
    expect(again.size).toBe(256);
    expect(again.problems).toEqual([]);
  });
});

describe('change password', () => {
  it('rewraps only the key: old fails, new works, items untouched', async () => {
    const { db, vault, ids } = await vaultWith(3);
    const itemsBefore = JSON.stringify(await db.getAll('items'), (_k, v) =>
      v instanceof Uint8Array ? [...v] : v,
    );
    await vault.changePassword(PW, 'new password', TEST_COST);
    const itemsAfter = JSON.stringify(await db.getAll('items'), (_k, v) =>
      v instanceof Uint8Array ? [...v] : v,
    );
    expect(itemsAfter).toBe(itemsBefore);
    await rejectsWith(UnlockedVault.unlockWithPassword(db, PW), 'wrong-password');
    const again = await UnlockedVault.unlockWithPassword(db, 'new password');
    expect((await again.get(ids[2]!)).password).toBe('pw-2-secret');
  });

  it('refuses a wrong current password and changes nothing', async () => {
    const { db, vault } = await vaultWith(1);
    const before = await snapshot(db);
    await rejectsWith(vault.changePassword('wrong', 'new password', TEST_COST), 'wrong-password');
    expect(await snapshot(db)).toBe(before);
  });

  it('interrupted, the vault still opens with the old password', async () => {
    const { db, vault } = await vaultWith(2);
    const before = await snapshot(db);
    await rejectsWith(
      vault.changePassword(PW, 'new password', TEST_COST, { afterFirstWrite: (tx) => tx.abort() }),
      'storage-failed',
    );
    expect(await snapshot(db)).toBe(before);
    expect((await UnlockedVault.unlockWithPassword(db, PW)).size).toBe(2);
  });
});

describe('atomic writes', () => {
  it('an item write aborted after its first put leaves nothing half-written', async () => {
    const { db, vault, ids } = await vaultWith(2);
    const before = await snapshot(db);
    await rejectsWith(vault.put(login(9), { afterFirstWrite: (tx) => tx.abort() }), 'storage-failed');
    await rejectsWith(
      vault.put({ ...login(0), id: ids[0], password: 'x' }, { afterFirstWrite: (tx) => tx.abort() }),
      'storage-failed',
    );
    await rejectsWith(vault.delete(ids[1]!, { afterFirstWrite: (tx) => tx.abort() }), 'storage-failed');
    expect(await snapshot(db)).toBe(before);
    // The open vault also kept its state and can go on writing.
    expect(vault.size).toBe(2);
    await vault.put(login(3));
    const again = await UnlockedVault.unlockWithPassword(db, PW);
    expect(again.size).toBe(3);
    expect(again.problems).toEqual([]);
    expect((await again.get(ids[0]!)).password).toBe('pw-0-secret');
  });

  it('reports a full disk as quota-exceeded and keeps the stored data', async () => {
    const { db, vault } = await vaultWith(1);
    const before = await snapshot(db);
    const proto = IDBObjectStore.prototype;
    const put = proto.put;
    proto.put = function quotaFull(): IDBRequest {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    try {
      const err = await rejectsWith(vault.put(login(2)), 'quota-exceeded');
      expect(err.message).toMatch(/storage space/);
    } finally {
      proto.put = put;
    }
    expect(await snapshot(db)).toBe(before);
  });

  it('refuses to write over a change made elsewhere', async () => {
    const { db, vault } = await vaultWith(1);
    const other = await UnlockedVault.unlockWithPassword(db, PW);
    await other.put(login(5));
    await rejectsWith(vault.put(login(6)), 'conflict');
    expect((await UnlockedVault.unlockWithPassword(db, PW)).size).toBe(2);
  });
});

describe('tampering and damage', () => {
  async function editWrapper(db: VaultDatabase, edit: (w: PasswordWrapper) => void): Promise<void> {
    const w = (await db.get('wrappers', 'password')) as PasswordWrapper;
    edit(w);
    await db.put('wrappers', w);
  }

  it('refuses an unknown format version', async () => {
    const { db } = await vaultWith(1);
    const header = (await db.get('meta', 'header'))!;
    await db.put('meta', { ...header, formatVersion: 99 } as never, 'header');
    const err = await rejectsWith(UnlockedVault.unlockWithPassword(db, PW), 'unsupported-version');
    expect(err.message).toMatch(/newer version/);
  });

  it('refuses a KDF downgrade below the floor', async () => {
    const { db } = await vaultWith(1);
    await editWrapper(db, (w) => {
      w.kdf.memoryKiB = 1024;
    });
    await rejectsWith(UnlockedVault.unlockWithPassword(db, PW), 'kdf-too-weak');
    await editWrapper(db, (w) => {
      w.kdf.memoryKiB = 19456;
      w.kdf.salt = w.kdf.salt.slice(0, 8);
    });
    await rejectsWith(UnlockedVault.unlockWithPassword(db, PW), 'kdf-too-weak');
  });

  it('a KDF parameter edited within bounds breaks the key record instead of weakening it', async () => {
    const { db } = await vaultWith(1);
    await editWrapper(db, (w) => {
      w.kdf.iterations = 3;
    });
    await rejectsWith(UnlockedVault.unlockWithPassword(db, PW), 'wrong-password');
  });

  it('a missing header with data present is corruption, not "no vault"', async () => {
    const { db } = await vaultWith(1);
    await db.delete('meta', 'header');
    await rejectsWith(UnlockedVault.unlockWithPassword(db, PW), 'corrupt-header');
  });

  it('a damaged manifest says so', async () => {
    const { db } = await vaultWith(1);
    const m = (await db.get('meta', 'manifest')) as SealedRecord;
    m.sealed[30]! ^= 1;
    await db.put('meta', m, 'manifest');
    const err = await rejectsWith(UnlockedVault.unlockWithPassword(db, PW), 'corrupt-header');
    expect(err.recordId).toBe('manifest');
  });

  it('one damaged item names itself and the others still open', async () => {
    const { db, ids } = await vaultWith(3);
    const rec = (await db.get('items', ids[1]!))!;
    rec.sealed[rec.sealed.length - 1]! ^= 0x80;
    await db.put('items', rec);
    const vault = await UnlockedVault.unlockWithPassword(db, PW);
    expect(vault.size).toBe(3);
    const err = await rejectsWith(vault.get(ids[1]!), 'corrupt-item');
    expect(err.recordId).toBe(ids[1]);
    expect((await vault.get(ids[0]!)).password).toBe('pw-0-secret');
    expect((await vault.get(ids[2]!)).password).toBe('pw-2-secret');
  });

  it('swapped item records are both refused', async () => {
    const { db, ids } = await vaultWith(2);
    const a = (await db.get('items', ids[0]!))!;
    const b = (await db.get('items', ids[1]!))!;
    await db.put('items', { id: ids[0]!, sealed: b.sealed });
    await db.put('items', { id: ids[1]!, sealed: a.sealed });
    const vault = await UnlockedVault.unlockWithPassword(db, PW);
    await rejectsWith(vault.get(ids[0]!), 'corrupt-item');
    await rejectsWith(vault.get(ids[1]!), 'corrupt-item');
  });

  it('a deleted item record is reported by the integrity check', async () => {
    const { db, ids } = await vaultWith(2);
    await db.delete('items', ids[0]!);
    const vault = await UnlockedVault.unlockWithPassword(db, PW);
    expect(await vault.verify()).toHaveLength(1);
    expect(vault.problems.map((p) => p.recordId)).toEqual([ids[0]]);
    await rejectsWith(vault.get(ids[0]!), 'corrupt-item');
  });

  it('a damaged overview chunk is rebuilt from its items, and healed by the next write', async () => {
    const { db, ids } = await vaultWith(3);
    const chunk = (await db.getAll('chunks'))[0]!;
    chunk.sealed[40]! ^= 1;
    await db.put('chunks', chunk);
    const vault = await UnlockedVault.unlockWithPassword(db, PW);
    expect(vault.problems).toHaveLength(1);
    expect(vault.problems[0]!.recordId).toBe(chunk.id);
    expect(
      vault
        .list()
        .map((o) => o.id)
        .sort(),
    ).toEqual([...ids].sort());
    await vault.put(login(4));
    const healed = await UnlockedVault.unlockWithPassword(db, PW);
    expect(healed.problems).toEqual([]);
    expect(healed.size).toBe(4);
  });

  it('a chunk moved into another slot is refused', async () => {
    const { db, vault } = await vaultWith(0);
    for (let i = 0; i < 260; i++) await vault.put(login(i));
    const [c0, c1] = await db.getAll('chunks');
    await db.put('chunks', { id: c1!.id, sealed: c0!.sealed });
    const again = await UnlockedVault.unlockWithPassword(db, PW);
    expect(again.problems.map((p) => p.recordId)).toEqual([c1!.id]);
    expect(again.size).toBe(260);
  });
});

describe('allItems (backup, export, health: one read of every record)', () => {
  const passwords = (items: readonly Item[]) => items.map((i) => i.password).sort();

  it('a tampered record and a missing one are named damaged; the others open', async () => {
    const { db, ids } = await vaultWith(4);
    const rec = (await db.get('items', ids[1]!))!;
    rec.sealed[rec.sealed.length - 1]! ^= 0x80;
    await db.put('items', rec);
    await db.delete('items', ids[2]!);
    const vault = await UnlockedVault.unlockWithPassword(db, PW);
    const { items, damaged } = await vault.allItems();
    expect(damaged.sort()).toEqual([ids[1]!, ids[2]!].sort());
    expect(passwords(items)).toEqual(['pw-0-secret', 'pw-3-secret']);
  });

  it('swapped records are both damaged, not read as each other', async () => {
    const { db, ids } = await vaultWith(3);
    const a = (await db.get('items', ids[0]!))!;
    const b = (await db.get('items', ids[1]!))!;
    await db.put('items', { id: ids[0]!, sealed: b.sealed });
    await db.put('items', { id: ids[1]!, sealed: a.sealed });
    const { items, damaged } = await (await UnlockedVault.unlockWithPassword(db, PW)).allItems();
    expect(damaged.sort()).toEqual([ids[0]!, ids[1]!].sort());
    expect(passwords(items)).toEqual(['pw-2-secret']);
  });

  it('a stored record the index does not list is not returned (verify() restores it first)', async () => {
    const { db, vault, ids } = await vaultWith(2);
    const foreign = (await db.get('items', ids[0]!))!;
    await db.put('items', { id: 'not-listed', sealed: foreign.sealed });
    const { items, damaged } = await vault.allItems();
    expect(damaged).toEqual([]);
    expect(items.map((i) => i.id).sort()).toEqual([...ids].sort());
  });
});

describe('integrity check', () => {
  it('finds nothing in a healthy vault', async () => {
    const { vault } = await vaultWith(3);
    expect(await vault.verify()).toEqual([]);
  });

  it('brings back an item record that no chunk indexes', async () => {
    const { db, vault, ids } = await vaultWith(2);
    // Drop the item from its chunk only: write the chunk without it, behind the vault's back.
    const other = await UnlockedVault.unlockWithPassword(db, PW);
    const record = (await db.get('items', ids[0]!))!;
    await other.delete(ids[0]!);
    await db.put('items', record);
    vault.lock();
    const again = await UnlockedVault.unlockWithPassword(db, PW);
    expect(again.size).toBe(1);
    const found = await again.verify();
    expect(found[0]!.message).toMatch(/1 item\(s\) were missing from the index/);
    expect(again.size).toBe(2);
    expect((await again.get(ids[0]!)).password).toBe('pw-0-secret');
    await again.put(login(7));
    const healed = await UnlockedVault.unlockWithPassword(db, PW);
    expect(await healed.verify()).toEqual([]);
    expect(healed.size).toBe(3);
  });
});

describe('bulk writes', () => {
  it('adds many items in one transaction across chunks', async () => {
    const { db, vault } = await vaultWith(1);
    const added = await vault.putMany(Array.from({ length: 600 }, (_, i) => login(i + 10)));
    expect(added).toHaveLength(600);
    expect(vault.size).toBe(601);
    expect(await db.count('chunks')).toBe(3);
    const again = await UnlockedVault.unlockWithPassword(db, PW);
    expect(again.size).toBe(601);
    expect(again.problems).toEqual([]);
    expect((await again.get(added[599]!.id)).password).toBe('pw-609-secret');
  });

  it('is all or nothing: one invalid item or an abort writes nothing', async () => {
    const { db, vault } = await vaultWith(2);
    const before = await snapshot(db);
    const err = await rejectsWith(
      vault.putMany([login(3), { ...login(4), match: 'sometimes' }]),
      'invalid-item',
    );
    expect(err.message).toMatch(/^Item 2:/);
    await rejectsWith(
      vault.putMany([login(5), login(6)], { hooks: { afterFirstWrite: (tx) => tx.abort() } }),
      'storage-failed',
    );
    expect(await snapshot(db)).toBe(before);
    expect(vault.size).toBe(2);
  });

  it('a lock during the batch stops it at the next seal: "locked", nothing stored', async () => {
    // Items are sealed as the transaction stores them (writeItemBatch), each with the key taken
    // right then: the lock lands after the first put, the second seal finds the key gone.
    const { db, vault } = await vaultWith(1);
    const before = await snapshot(db);
    await rejectsWith(
      vault.putMany([login(5), login(6)], { hooks: { afterFirstWrite: () => vault.lock() } }),
      'locked',
    );
    expect(await snapshot(db)).toBe(before);
    const again = await UnlockedVault.unlockWithPassword(db, PW);
    expect(again.list().map((o) => o.name)).toEqual(['Site 0']);
  });

  it('edits known ids in their chunk, once per id, and leaves the open list as it was until stored', async () => {
    const { db, vault, ids } = await vaultWith(2);
    const edit = { ...login(0), id: ids[0], name: 'Edited' };
    await rejectsWith(
      vault.putMany([edit], { hooks: { afterFirstWrite: (tx) => tx.abort() } }),
      'storage-failed',
    );
    expect(vault.list().map((o) => o.name)).toEqual(['Site 0', 'Site 1']);
    // The same new id twice in one batch is one item, the later one.
    await vault.putMany([edit, { ...login(7), id: 'same-id' }, { ...login(8), id: 'same-id' }]);
    expect(vault.list().map((o) => o.name)).toEqual(['Edited', 'Site 1', 'Site 8']);
    const again = await UnlockedVault.unlockWithPassword(db, PW);
    expect(again.list().map((o) => o.name)).toEqual(['Edited', 'Site 1', 'Site 8']);
    expect(await again.verify()).toEqual([]);
  });

  it('logs every id for sync only while sync is set up (its store holds a record); a replace logs the removed ones', async () => {
    const { db, vault } = await vaultWith(1);
    await db.clear('changes');
    // Sync off: nothing reads the log (connecting versions every item), so a batch skips it.
    await vault.putMany([login(3), login(4)]);
    expect(await db.getAllKeys('changes')).toEqual([]);
    await db.put('sync', { url: 'https://dav.example/vault/' }, 'config');
    const [added] = await vault.putMany([login(5)]);
    expect(await db.getAllKeys('changes')).toEqual([added!.id]);
    await db.clear('changes');
    const removed = vault.list().map((o) => o.id);
    const [replacement] = await vault.putMany([login(6)], { replace: true });
    expect((await db.getAllKeys('changes')).sort()).toEqual([...removed, replacement!.id].sort());
  });

  it('replace swaps the whole vault content', async () => {
    const { db, vault } = await vaultWith(300);
    await vault.putMany([login(1000), login(1001)], { replace: true });
    const again = await UnlockedVault.unlockWithPassword(db, PW);
    expect(again.list().map((o) => o.name)).toEqual(['Site 1000', 'Site 1001']);
    expect(await db.count('items')).toBe(2);
    expect(again.problems).toEqual([]);
  });
});
