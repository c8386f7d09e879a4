/**
 * Every frozen vault (tests/fixtures/vaults/format-<N>/, written by the release that introduced
 * format N) opens with today's code: with each proof it was frozen with, with every item intact,
 * and its backup file restores. New format folders are picked up without touching this file.
 */
import { describe, expect, it } from 'vitest';
import { decryptBackup } from '../../../src/vault/backup';
import { VaultError } from '../../../src/vault/errors';
import { FORMAT_VERSION, type HeaderRecord } from '../../../src/vault/format';
import { emptyItem } from '../../../src/vault/item-schema';
import { readHead } from '../../../src/vault/store';
import type { Item } from '../../../src/vault/types';
import { UnlockedVault } from '../../../src/vault/vault';
import { expectEveryItem, frozenVaults, loadFrozen, proofsOf } from './fixtures-frozen';

const fixtures = frozenVaults();

it('there is a frozen vault for every format up to the current one', () => {
  const versions = fixtures.map((f) => Number(f.folder.slice('format-'.length))).sort((a, b) => a - b);
  expect(versions).toEqual(Array.from({ length: FORMAT_VERSION }, (_, i) => i + 1));
});

describe.each(fixtures.map((f) => [f.folder, f] as const))('frozen vault %s', (_folder, fixture) => {
  it.each(proofsOf(fixture))('opens with %s, every item intact', async (_what, proof) => {
    const db = await loadFrozen(fixture);
    const vault = await UnlockedVault.unlockWith(db, proof);
    await expectEveryItem(vault, fixture.items);
    // Opening brought it to today's format; it opens again after that.
    const header = (await readHead(db)).header as HeaderRecord;
    expect(header.formatVersion).toBe(FORMAT_VERSION);
    vault.lock();
    await expectEveryItem(await UnlockedVault.unlockWith(db, proof), fixture.items);
  });

  it('opens as the Session unlocks (from its first-screen record if it has one, else everything), and has one after its first write', async () => {
    const db = await loadFrozen(fixture);
    // Formats 1 and 2 were frozen before the first-screen record existed.
    const hasRecord = (await db.get('meta', 'firstScreen')) !== undefined;
    expect(hasRecord).toBe(fixture.folder !== 'format-1' && fixture.folder !== 'format-2');
    const vault = await UnlockedVault.unlockWithPassword(db, fixture.proofs.password, { deferIndex: true });
    expect(vault.indexOpen).toBe(!hasRecord);
    const first = await vault.firstScreen(30);
    await vault.ready();
    expect(first).toEqual({ entries: vault.list().slice(0, 30), total: fixture.items.length });
    await vault.put({ ...emptyItem(), name: 'after the update' });
    const key = vault.exportKey();
    vault.lock();
    const again = await UnlockedVault.unlockWithKey(db, key, { deferIndex: true });
    key.fill(0);
    expect(again.indexOpen).toBe(false);
    const fromRecord = await again.firstScreen(30);
    await again.ready();
    expect(fromRecord).toEqual({ entries: again.list().slice(0, 30), total: fixture.items.length + 1 });
    again.lock();
  });

  it('lists its three key records while locked, and still refuses a wrong password', async () => {
    const db = await loadFrozen(fixture);
    const kinds = (await UnlockedVault.keyRecords(db)).map((r) => r.kind).sort();
    expect(kinds).toEqual(['password', 'prf', 'recovery']);
    const err = await UnlockedVault.unlockWithPassword(db, `${fixture.proofs.password}!`).catch((e) => e);
    expect(err).toBeInstanceOf(VaultError);
    expect((err as VaultError).code).toBe('wrong-password');
  });

  it('takes new writes after opening (add, edit, delete), and they survive a lock', async () => {
    const db = await loadFrozen(fixture);
    const vault = await UnlockedVault.unlockWithPassword(db, fixture.proofs.password);
    const [first, second] = fixture.items;
    const added = await vault.put({ ...stripDates(first!), id: undefined, name: 'Added after update' });
    const edited = await vault.put({ ...stripDates(first!), notes: 'edited after update' });
    await vault.delete(second!.id);
    vault.lock();
    const again = await UnlockedVault.unlockWithPassword(db, fixture.proofs.password);
    expect(await again.get(added.id)).toEqual(added);
    expect(await again.get(edited.id)).toEqual(edited);
    expect(again.list().some((o) => o.id === second!.id)).toBe(false);
    expect(again.size).toBe(fixture.items.length);
  });

  it('its backup file restores every item with its password', async () => {
    const { items } = await decryptBackup(fixture.backup, fixture.proofs.backupPassword);
    expect(items).toEqual(fixture.items.map(stripDates));
  });
});

function stripDates(item: Item) {
  const { createdAt: _c, updatedAt: _u, ...input } = item;
  return input;
}
