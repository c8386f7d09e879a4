/**
 * The unlock answers once its storage.session writes (the key, the epoch, the first screen) are
 * issued, before they land (issue 18). What must still hold: a lock asked for after the reply
 * removes what those writes put there; a worker that stops before they land comes back locked, as
 * a stop during the unlock always did; a write that fails after the reply locks the vault.
 */

import { describe, expect, it, vi } from 'vitest';
import { Session } from '../../../src/session/session';
import { type KeyValueArea, memoryArea } from '../../../src/session/storage-area';
import { freshDb, login } from '../vault/helpers';
import { testDeps } from './deps';

const PW = 'unlock reply master password';
const KEY_SLOT = 'session.vaultKey';

/**
 * storage.session as the browser runs it: calls apply in the order they were issued. While
 * `hold()` is on, they wait in that order until `land()` (or fail there, with `fail()`).
 */
function gatedArea() {
  const area = memoryArea();
  let gate: Promise<void> = Promise.resolve();
  let open: () => void = () => undefined;
  let failing = false;
  let tail: Promise<unknown> = Promise.resolve();
  const inOrder = <T>(op: () => Promise<T>): Promise<T> => {
    const run = tail.then(async () => {
      await gate;
      if (failing) throw new Error('storage.session refused the write');
      return op();
    });
    tail = run.catch(() => undefined);
    return run;
  };
  const gated: KeyValueArea = {
    get: (key) => tail.then(() => area.get(key)),
    set: (items) => inOrder(() => area.set(items)),
    remove: (key) => inOrder(() => area.remove(key)),
  };
  return {
    area: gated,
    data: area.data,
    hold() {
      gate = new Promise((resolve) => {
        open = resolve;
      });
    },
    land() {
      open();
    },
    /** The held calls fail (a quota, say); later ones work again. */
    fail() {
      failing = true;
      open();
      void tail.then(() => {
        failing = false;
      });
    },
  };
}

async function setup() {
  const db = await freshDb();
  const storage = gatedArea();
  const deps = testDeps(db, storage.area);
  const session = new Session(deps);
  await session.create(PW);
  await session.withVault((vault) => vault.putMany([login(1), login(2), login(3)]));
  await session.lock('user');
  vi.mocked(deps.onLocked).mockClear();
  /** Another worker over the same storage.session and database (the first one stopped). */
  const restarted = (area: KeyValueArea = storage.area) => new Session({ ...deps, sessionArea: area });
  return { db, deps, session, storage, restarted };
}

/** True once `promise` has settled, after the pending jobs ran. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  promise.then(
    () => (done = true),
    () => (done = true),
  );
  await new Promise((resolve) => setTimeout(resolve, 20));
  return done;
}

describe('the unlock reply and its storage.session writes', () => {
  it('answers with the first screen before the writes land; they land with the key', async () => {
    const { session, storage, restarted, deps } = await setup();
    vi.mocked(deps.onActive).mockClear();
    storage.hold();
    const reply = await session.unlock(PW);
    expect(reply.state).toBe('unlocked');
    expect(reply.firstScreen?.total).toBe(3);
    expect(storage.data.has(KEY_SLOT)).toBe(false);
    // Auto-lock, toolbar and sync hear of the unlock once it is held, after the reply.
    expect(deps.onActive).not.toHaveBeenCalled();
    storage.land();
    await vi.waitFor(() => expect(deps.onActive).toHaveBeenCalledTimes(1));
    expect(storage.data.has(KEY_SLOT)).toBe(true);
    expect((await restarted().status()).state).toBe('unlocked');
  });

  it('a lock asked for right after the reply waits for the writes, then removes them', async () => {
    const { session, storage, deps } = await setup();
    storage.hold();
    await session.unlock(PW);
    const locked = session.lock('user');
    expect(await settled(locked)).toBe(false);
    storage.land();
    expect((await locked).state).toBe('locked');
    expect([...storage.data.keys()].filter((k) => k !== 'session.unlockFailures')).toEqual([]);
    expect(deps.onLocked).toHaveBeenCalledWith('user');
    await expect(session.vault()).rejects.toMatchObject({ code: 'locked' });
  });

  it('a worker stopped before the writes land comes back locked, as a stop during the unlock did', async () => {
    const { session, storage, restarted } = await setup();
    storage.hold();
    await session.unlock(PW);
    // What the browser holds at the stop: nothing of this unlock.
    const atStop = memoryArea();
    for (const [k, v] of storage.data) atStop.data.set(k, v);
    const next = restarted(atStop);
    expect((await next.status()).state).toBe('locked');
    await expect(next.vault()).rejects.toMatchObject({ code: 'locked' });
    storage.land();
  });

  it('a write that fails after the reply locks the vault and tells the pages', async () => {
    const { session, storage, deps } = await setup();
    storage.hold();
    const reply = await session.unlock(PW);
    expect(reply.state).toBe('unlocked');
    storage.fail();
    await vi.waitFor(() => expect(deps.onLocked).toHaveBeenCalledWith('not-held'));
    expect(session.isUnlockedInMemory()).toBe(false);
  });

  it('a wrong password is still refused, not answered', async () => {
    const { session, storage } = await setup();
    storage.hold();
    const attempt = session.unlock('not the password');
    storage.land();
    await expect(attempt).rejects.toMatchObject({ code: 'wrong-password' });
  });
});
