/**
 * Lock, auto-lock and a worker stop interleaved with every write and reopen path the background
 * serves (through the real handlers, as the router calls them). After each race: the vault opens
 * with its password, every acknowledged write is intact, nothing is sealed or wrapped under a wiped
 * key, and a lock is never undone.
 */

import { describe, expect, it, vi } from 'vitest';
import { toBase64Url } from '../../../src/crypto/encoding';
import { randomBytes } from '../../../src/crypto/random';
import type { Handlers } from '../../../src/messages/router';
import { type LockReason, Session } from '../../../src/session/session';
import { memoryArea } from '../../../src/session/storage-area';
import { encryptBackup } from '../../../src/vault/backup';
import type { VaultDatabase } from '../../../src/vault/store';
import type { Item } from '../../../src/vault/types';
import { UnlockedVault } from '../../../src/vault/vault';
import { freshDb, login, TEST_COST } from '../vault/helpers';
import { kdfPause as pause, pausedArea, pausedDb } from '../vault/pause';
import { testDeps } from './deps';
import { handlersFor, PAGE } from './handlers-for';

vi.mock('wxt/browser', () => ({ browser: {} }));
vi.mock('../../../src/crypto/kdf', async (importOriginal) =>
  (await import('../vault/pause')).kdfThroughPause(importOriginal),
);

const PW = 'session race master password';

async function setup() {
  const db = pausedDb(await freshDb(), pause);
  const sessionArea = pausedArea(memoryArea(), pause);
  const deps = testDeps(db, sessionArea);
  const session = new Session(deps);
  await session.create(PW);
  const h = handlersFor(session);
  await h['vault.putMany']({ type: 'vault.putMany', items: [login(1), login(2)], replace: false }, PAGE);
  const prf = { credentialId: randomBytes(16), prfSalt: randomBytes(32), prfOutput: randomBytes(32) };
  await h['biometric.enrol'](
    {
      type: 'biometric.enrol',
      current: PW,
      credentialId: toBase64Url(prf.credentialId),
      prfSalt: toBase64Url(prf.prfSalt),
      prfOutput: toBase64Url(prf.prfOutput),
      label: 'Laptop',
      replaceIds: [],
    },
    PAGE,
  );
  const { items } = await session.withVault((vault) => vault.allItems());
  return { db, deps, session, h, items, prf };
}

/** The vault opens with `password` and holds exactly `expected`; every record opens. */
async function expectIntact(db: VaultDatabase, password: string, expected: Item[]) {
  const reopened = await UnlockedVault.unlockWithPassword(db, password);
  const { items, damaged } = await reopened.allItems();
  expect(damaged).toEqual([]);
  expect(await reopened.verify()).toEqual([]);
  const byId = (a: Item, b: Item) => a.id.localeCompare(b.id);
  expect(items.sort(byId)).toEqual([...expected].sort(byId));
  reopened.lock();
}

/** Runs `write`, locks for `reason` when `held` is reached, and returns the write's outcome. */
async function raceLock<T>(
  session: Session,
  reason: LockReason,
  held: { reached: Promise<void>; release(): void },
  write: () => Promise<T>,
) {
  const outcome = write().then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  await held.reached;
  const locked = session.lock(reason);
  held.release();
  const [result] = await Promise.all([outcome, locked]);
  expect((await session.status()).state).toBe('locked');
  return result;
}

/** Acknowledged means done; refused means "locked" and nothing changed. */
function expectDoneOrLocked(result: { ok: boolean; error?: unknown }) {
  if (!result.ok) expect(result.error).toMatchObject({ code: 'locked' });
}

describe.each(['user', 'idle'] as const)('a lock (%s) during a write', (reason) => {
  it('vault.put (an edit, while the previous item is read)', async () => {
    const { db, session, h, items } = await setup();
    const target = items[0]!;
    const { createdAt: _c, updatedAt: _u, ...input } = target;
    const held = pause.next(([op, store, id]) => op === 'get' && store === 'items' && id === target.id);
    const result = await raceLock(session, reason, held, async () =>
      h['vault.put']({ type: 'vault.put', item: { ...input, name: 'Edited' } }, PAGE),
    );
    expectDoneOrLocked(result);
    const expected = result.ok ? items.map((i) => (i.id === target.id ? (result.value as Item) : i)) : items;
    await expectIntact(db, PW, expected);
  });

  it('vault.delete and vault.putMany (lock sent right behind them)', async () => {
    const { db, session, h, items } = await setup();
    const del = h['vault.delete']({ type: 'vault.delete', id: items[0]!.id }, PAGE);
    const many = h['vault.putMany']({ type: 'vault.putMany', items: [login(3)], replace: false }, PAGE);
    const locked = session.lock(reason);
    const [d, m] = await Promise.allSettled([del, many, locked]);
    let expected = items;
    if (d.status === 'fulfilled') expected = expected.filter((i) => i.id !== items[0]!.id);
    else expect(d.reason).toMatchObject({ code: 'locked' });
    const reopened = await UnlockedVault.unlockWithPassword(db, PW);
    const added = reopened.list().filter((o) => o.name === 'Site 3');
    expect(added.length).toBe(m.status === 'fulfilled' ? 1 : 0);
    reopened.lock();
    if (added.length === 0) await expectIntact(db, PW, expected);
  });

  it("biometric.setPassword (during the new password's Argon2id)", async () => {
    const { db, session, h, items, prf } = await setup();
    const held = pause.next(([password]) => password === 'next password');
    const result = await raceLock(session, reason, held, async () =>
      h['biometric.setPassword'](
        {
          type: 'biometric.setPassword',
          credentialId: toBase64Url(prf.credentialId),
          prfOutput: toBase64Url(prf.prfOutput),
          next: 'next password',
        },
        PAGE,
      ),
    );
    expectDoneOrLocked(result);
    await expectIntact(db, result.ok ? 'next password' : PW, items);
  });

  it("backup.import (during the backup's Argon2id)", async () => {
    const { db, session, h, items } = await setup();
    const text = await encryptBackup(
      [{ ...items[0]!, id: 'imported-item-01', name: 'From backup' }],
      'backup pw',
      TEST_COST,
    );
    const held = pause.next(([password]) => password === 'backup pw');
    const result = await raceLock(session, reason, held, async () =>
      h['backup.import']({ type: 'backup.import', text, password: 'backup pw', mode: 'merge' }, PAGE),
    );
    expectDoneOrLocked(result);
    const reopened = await UnlockedVault.unlockWithPassword(db, PW);
    expect(reopened.size).toBe(items.length + (result.ok ? 1 : 0));
    reopened.lock();
  });

  for (const [type, request] of [
    [
      'biometric.enrol',
      (prfOutput: string) => ({
        type: 'biometric.enrol',
        current: PW,
        credentialId: prfOutput,
        prfSalt: prfOutput,
        prfOutput,
        label: 'Phone',
        replaceIds: [],
      }),
    ],
    ['recovery.create', () => ({ type: 'recovery.create', current: PW })],
  ] as const) {
    it(`${type} (during the confirming password's Argon2id)`, async () => {
      const { db, session, h, items } = await setup();
      const held = pause.next(([password]) => password === PW);
      const result = await raceLock(session, reason, held, async () =>
        (h[type] as (r: unknown, s: never) => Promise<unknown>)(request(toBase64Url(randomBytes(32))), PAGE),
      );
      expectDoneOrLocked(result);
      await expectIntact(db, PW, items);
    });
  }

  it('keys.remove (while the key records are read)', async () => {
    const { db, session, h, items } = await setup();
    const id = (await session.keyRecords()).find((r) => r.kind === 'prf')!.id;
    const result = await raceLock(session, reason, { reached: Promise.resolve(), release() {} }, async () =>
      h['keys.remove']({ type: 'keys.remove', id }, PAGE),
    );
    expectDoneOrLocked(result);
    await expectIntact(db, PW, items);
  });
});

describe('a stopped worker woken by a request, racing a lock', () => {
  for (const [what, request] of [
    ['vault.status', async (h: Required<Handlers>) => h['vault.status']({ type: 'vault.status' }, PAGE)],
    ['vault.list', async (h: Required<Handlers>) => h['vault.list']({ type: 'vault.list' }, PAGE)],
  ] as const) {
    for (const reason of ['user', 'idle'] as const) {
      it(`${what}: a reopen from the session key in flight while a lock (${reason}) runs is not installed`, async () => {
        const { deps, items, db } = await setup();
        // The worker stops: a new Session over the same storage, nothing in memory.
        const woken = new Session(deps);
        const h = handlersFor(woken);
        const held = pause.next(
          ([op, key]) => op === 'get' && Array.isArray(key) && key.includes('session.vaultKey'),
        );
        const reopen = request(h).catch(() => undefined);
        await held.reached;
        const locked = woken.lock(reason);
        held.release();
        await Promise.all([reopen, locked]);
        expect(woken.isUnlockedInMemory()).toBe(false);
        expect((await woken.status()).state).toBe('locked');
        await expect(h['vault.get']({ type: 'vault.get', id: items[0]!.id }, PAGE)).rejects.toMatchObject({
          code: 'locked',
        });
        await expectIntact(db, PW, items);
      });
    }
  }
});
