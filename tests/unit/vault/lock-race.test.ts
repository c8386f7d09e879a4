/**
 * A lock (UnlockedVault.lock) that lands while an operation is awaiting must cancel it at its next
 * use of the key, never let it seal or wrap under the wiped key. After each race the vault still
 * opens with its password and every acknowledged item is intact.
 */

import { describe, expect, it, vi } from 'vitest';
import { type Proof, UnlockedVault } from '../../../src/vault/vault';
import { addBiometricAndRecovery, freshDb, login, TEST_COST } from './helpers';
import { kdfPause, pausedDb } from './pause';

vi.mock('../../../src/crypto/kdf', async (importOriginal) =>
  (await import('./pause')).kdfThroughPause(importOriginal),
);

const PW = 'lock race master password';

async function setup() {
  const raw = await freshDb();
  const pause = kdfPause;
  const db = pausedDb(raw, pause);
  const vault = await UnlockedVault.create(db, PW, TEST_COST);
  const [first, second] = await vault.putMany([login(1), login(2)]);
  const { prf, recovery } = await addBiometricAndRecovery(vault, 'L');
  return { db, vault, pause, items: [first!, second!], prf, recovery };
}

/** The vault opens with `password` and holds exactly `expected` (whole items, by id). */
async function expectIntact(
  db: Parameters<typeof UnlockedVault.unlockWithPassword>[0],
  password: string,
  expected: object[],
) {
  const reopened = await UnlockedVault.unlockWithPassword(db, password);
  const { items, damaged } = await reopened.allItems();
  expect(damaged).toEqual([]);
  expect(await reopened.verify()).toEqual([]);
  expect(items.sort((a, b) => a.id.localeCompare(b.id))).toEqual(
    [...expected].sort((a, b) => (a as { id: string }).id.localeCompare((b as { id: string }).id)),
  );
  reopened.lock();
}

describe('UnlockedVault.lock() during an operation', () => {
  it('an edit waiting on the previous item is cancelled ("locked"), nothing sealed under the wiped key', async () => {
    const { db, vault, pause, items } = await setup();
    const held = pause.next(([op, store, id]) => op === 'get' && store === 'items' && id === items[0]!.id);
    const { createdAt: _c, updatedAt: _u, ...input } = items[0]!;
    const edit = vault.put({ ...input, name: 'Edited' });
    await held.reached;
    vault.lock();
    held.release();
    await expect(edit).rejects.toMatchObject({ code: 'locked' });
    await expectIntact(db, PW, items);
  });

  it('a read waiting on its record refuses with "locked", not "damaged"', async () => {
    const { vault, pause, items } = await setup();
    const held = pause.next(([op, store]) => op === 'get' && store === 'items');
    const read = vault.get(items[1]!.id);
    await held.reached;
    vault.lock();
    held.release();
    await expect(read).rejects.toMatchObject({ code: 'locked' });
  });

  it('a backup read (allItems) waiting on its records refuses with "locked"', async () => {
    const { vault } = await setup();
    const all = vault.allItems();
    vault.lock(); // while its read of the records is awaited
    await expect(all).rejects.toMatchObject({ code: 'locked' });
  });

  for (const kind of ['prf', 'recovery', 'password'] as const) {
    it(`a password change proven by ${kind} is cancelled during Argon2id; no record wraps a zero key`, async () => {
      const { db, vault, pause, items, prf, recovery } = await setup();
      const proofs: Record<typeof kind, Proof> = {
        prf: { kind: 'prf', credentialId: prf.credentialId, prfOutput: prf.prfOutput },
        recovery: { kind: 'recovery', secret: recovery },
        password: { kind: 'password', password: PW },
      };
      // The new password's Argon2id (the proof's own, for a password proof, runs first).
      const held = pause.next(([password]) => password === 'the next password');
      const change = vault.setPassword(proofs[kind], 'the next password', TEST_COST);
      await held.reached;
      vault.lock();
      held.release();
      await expect(change).rejects.toMatchObject({ code: 'locked' });
      await expectIntact(db, PW, items);
    });
  }
});
