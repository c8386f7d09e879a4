// Item.passwordChangedAt (src/vault/password-age.ts): the date of the password, which the health
// report's "unchanged for a year" counts from. An edit that keeps the password keeps its date; a
// page cannot backdate a new password; imports and restores bring their own dates.
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Item, ItemInput } from '../../../src/vault/types';
import { UnlockedVault } from '../../../src/vault/vault';
import { frozenVaults, loadFrozen } from './fixtures-frozen';
import { freshDb, login, TEST_COST } from './helpers';

const DAY = 86_400_000;
const T0 = Date.UTC(2024, 0, 1);

/** What an editor sends back: the item without the dates the vault sets (id kept: a replacement). */
function inputOf({ createdAt: _c, updatedAt: _u, ...input }: Item): ItemInput {
  return input;
}

async function newVault() {
  return UnlockedVault.create(await freshDb(), 'correct horse battery staple', TEST_COST);
}

describe('passwordChangedAt', () => {
  afterEach(() => vi.useRealTimers());

  it('is kept by edits that keep the password and set by a new password; a page cannot set it', async () => {
    vi.useFakeTimers({ now: T0, toFake: ['Date'] });
    const vault = await newVault();
    const created = await vault.put(login(1));
    expect(created.passwordChangedAt).toBe(T0);

    vi.setSystemTime(T0 + 400 * DAY);
    const renamed = await vault.put({ ...inputOf(created), name: 'Renamed' });
    expect(renamed.updatedAt).toBe(T0 + 400 * DAY);
    expect(renamed.passwordChangedAt).toBe(T0);

    // The editor sends back the date it was given with a new password: the new password is dated now.
    vi.setSystemTime(T0 + 500 * DAY);
    const changed = await vault.put({ ...inputOf(renamed), password: 'a new password' });
    expect(changed.passwordChangedAt).toBe(T0 + 500 * DAY);

    // Nor can a page make a kept password look older than it is.
    const backdated = await vault.put({ ...inputOf(changed), passwordChangedAt: 0 });
    expect(backdated.passwordChangedAt).toBe(T0 + 500 * DAY);
    expect((await vault.get(created.id)).passwordChangedAt).toBe(T0 + 500 * DAY);
  });

  it('an item stored before the field existed counts from its last change until its password changes', async () => {
    const fixture = frozenVaults().find((f) => f.folder === 'format-1')!;
    const vault = await UnlockedVault.unlockWithPassword(await loadFrozen(fixture), fixture.proofs.password);
    const [first, second] = fixture.items;
    expect(first!.passwordChangedAt).toBeUndefined();
    const edited = await vault.put({ ...inputOf(first!), notes: 'edited' });
    expect(edited.passwordChangedAt).toBe(first!.updatedAt);
    const changed = await vault.put({ ...inputOf(second!), password: 'another new one' });
    expect(changed.passwordChangedAt).toBe(changed.updatedAt);
  });

  it('imports and restores keep their dates; a date in the future is read as now', async () => {
    vi.useFakeTimers({ now: T0, toFake: ['Date'] });
    const vault = await newVault();
    const [imported, future, undated] = await vault.putMany([
      login(3, { passwordChangedAt: T0 - 800 * DAY }),
      login(4, { passwordChangedAt: T0 + 5 * DAY }),
      login(5),
    ]);
    expect(imported!.passwordChangedAt).toBe(T0 - 800 * DAY);
    expect(future!.passwordChangedAt).toBe(T0);
    expect(undated!.passwordChangedAt).toBe(T0);
    // A new item from a page may bring a date too (a login saved from another device's backup).
    const added = await vault.put(login(6, { passwordChangedAt: T0 - DAY }));
    expect(added.passwordChangedAt).toBe(T0 - DAY);
  });
});
