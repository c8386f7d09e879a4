import { describe, expect, it, vi } from 'vitest';
import { Session, type SessionDeps } from '../../../src/session/session';
import { memoryArea } from '../../../src/session/storage-area';
import { VaultError } from '../../../src/vault/errors';
import { openVaultDatabase } from '../../../src/vault/store';
import { hasVault } from '../../../src/vault/vault';
import { freshDb, login, TEST_COST } from '../vault/helpers';

function setup(overrides: Partial<SessionDeps> = {}) {
  const dbPromise = freshDb();
  const sessionArea = memoryArea();
  let now = 1_000_000;
  const deps: SessionDeps = {
    openDb: () => dbPromise,
    sessionArea,
    now: () => now,
    onLocked: vi.fn(),
    onActive: vi.fn(),
    onProblems: vi.fn(),
    kdfCost: TEST_COST,
    ...overrides,
  };
  return { session: new Session(deps), deps, sessionArea, dbPromise, advance: (ms: number) => (now += ms) };
}

describe('session', () => {
  it('goes empty -> unlocked -> locked -> unlocked', async () => {
    const { session, deps } = setup();
    expect((await session.status()).state).toBe('empty');
    expect((await session.create('pw-one')).state).toBe('unlocked');
    await session.withVault((vault) => vault.put(login(1)));
    expect((await session.lock('user')).state).toBe('locked');
    expect(deps.onLocked).toHaveBeenCalledWith('user');
    await expect(session.vault()).rejects.toMatchObject({ code: 'locked' });
    expect((await session.unlock('pw-one')).state).toBe('unlocked');
    expect((await session.vault()).size).toBe(1);
  });

  it('a new worker (new Session, same storage.session) is still unlocked', async () => {
    const first = setup();
    await first.session.create('pw-one');
    await first.session.withVault((vault) => vault.put(login(1)));
    const second = new Session({ ...first.deps });
    expect(second.isUnlockedInMemory()).toBe(false);
    expect((await second.status()).state).toBe('unlocked');
    expect((await second.vault()).list()[0]!.name).toBe('Site 1');
  });

  it('a lock wipes the session copy so a new worker is locked', async () => {
    const { session, deps, sessionArea } = setup();
    await session.create('pw-one');
    expect([...sessionArea.data.keys()]).toContain('session.vaultKey');
    await session.lock('idle');
    expect([...sessionArea.data.keys()]).not.toContain('session.vaultKey');
    expect((await new Session(deps).status()).state).toBe('locked');
  });

  it('unlock reads the key slot and the wrong-password count in one storage round trip', async () => {
    const { session, deps, sessionArea } = setup();
    await session.create('right');
    await session.lock('user');
    let inFlight = 0;
    let most = 0;
    const counting = {
      ...sessionArea,
      async get(key: string | string[]) {
        most = Math.max(most, ++inFlight);
        await new Promise((r) => setTimeout(r, 5));
        inFlight--;
        return sessionArea.get(key);
      },
    };
    const restarted = new Session({ ...deps, sessionArea: counting });
    expect((await restarted.unlock('right')).state).toBe('unlocked');
    expect(most).toBe(2);
  });

  it('throttles repeated wrong passwords, across worker restarts', async () => {
    const { session, deps, advance } = setup();
    await session.create('right');
    await session.lock('user');
    for (let i = 0; i < 3; i++) {
      await expect(session.unlock('wrong')).rejects.toMatchObject({ code: 'wrong-password' });
    }
    // A fresh worker sees the same failure count.
    const restarted = new Session(deps);
    expect((await restarted.status()).retryAfterMs).toBe(1000);
    await expect(restarted.unlock('right')).rejects.toMatchObject({ code: 'throttled', retryAfterMs: 1000 });
    advance(1000);
    await expect(restarted.unlock('wrong')).rejects.toMatchObject({
      code: 'wrong-password',
      message: expect.stringMatching(/Wait 2 s/),
    });
    advance(2000);
    expect((await restarted.unlock('right')).state).toBe('unlocked');
    expect((await restarted.status()).retryAfterMs).toBe(0);
  });

  it('the wrong-password count lives in storage.session only: a browser restart (emptied area) resets it', async () => {
    const { session, deps } = setup();
    await session.create('right');
    await session.lock('user');
    for (let i = 0; i < 3; i++) {
      await expect(session.unlock('wrong')).rejects.toMatchObject({ code: 'wrong-password' });
    }
    expect((await session.status()).retryAfterMs).toBe(1000);
    // A browser restart: the same database, a new worker and an empty storage.session.
    const restarted = new Session({ ...deps, sessionArea: memoryArea() });
    expect((await restarted.status()).retryAfterMs).toBe(0);
    expect((await restarted.unlock('right')).state).toBe('unlocked');
  });

  it('throttles wrong master passwords re-entered while unlocked (change, confirm) like unlock', async () => {
    const { session, advance } = setup();
    await session.create('right');
    await expect(session.changePassword('wrong', 'next-pw')).rejects.toMatchObject({
      code: 'wrong-password',
    });
    const confirm = (password: string) => session.withConfirmedVault(password, async (vault) => vault);
    await expect(confirm('wrong')).rejects.toMatchObject({ code: 'wrong-password' });
    await expect(confirm('wrong')).rejects.toMatchObject({
      code: 'wrong-password',
      message: expect.stringMatching(/Wait 1 s/),
    });
    // While the wait runs, even the right password is refused, on every path.
    await expect(confirm('right')).rejects.toMatchObject({ code: 'throttled' });
    await expect(session.changePassword('right', 'next-pw')).rejects.toMatchObject({ code: 'throttled' });
    advance(1000);
    expect((await confirm('right')).isLocked).toBe(false);
    expect((await session.status()).retryAfterMs).toBe(0);
    await session.changePassword('right', 'next-pw');
    await session.lock('user');
    expect((await session.unlock('next-pw')).state).toBe('unlocked');
  });

  it('drops a stale session key (vault reset elsewhere) instead of failing', async () => {
    const { session, sessionArea, deps } = setup();
    await session.create('pw');
    await sessionArea.set({ 'session.vaultKey': btoa(String.fromCharCode(...new Uint8Array(32))) });
    const restarted = new Session(deps);
    expect((await restarted.status()).state).toBe('locked');
    expect(sessionArea.data.has('session.vaultKey')).toBe(false);
  });

  it('reset deletes the vault and session state', async () => {
    const { session, sessionArea, deps, dbPromise } = setup();
    await session.create('pw');
    await session.withVault((vault) => vault.put(login(1)));
    const name = (await dbPromise).name;
    await session.reset();
    expect(sessionArea.data.size).toBe(0);
    expect(deps.onLocked).toHaveBeenCalledWith('reset');
    const reopened = await openVaultDatabase(name);
    expect(await hasVault(reopened)).toBe(false);
    expect(await reopened.count('items')).toBe(0);
    reopened.close();
  });

  it('wrong password is a VaultError with a clear message', async () => {
    const { session } = setup();
    await session.create('pw');
    await session.lock('user');
    const err = await session.unlock('nope').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(VaultError);
    expect((err as VaultError).message).toBe('That master password is not correct.');
  });
});

describe('session: the unlock reply', () => {
  it('is what status() says after it; damage found while the rest opens is stored and the pages told at once', async () => {
    const { session, deps, dbPromise } = setup();
    await session.create('pw-one');
    await session.withVault((vault) => vault.putMany([login(1), login(2)], { replace: false }));
    await session.lock('user');
    const db = await dbPromise;
    const chunk = (await db.getAll('chunks'))[0]!;
    chunk.sealed[40]! ^= 1;
    await db.put('chunks', chunk);
    const reply = await session.unlock('pw-one');
    expect(reply.state).toBe('unlocked');
    // The reply came from the stored first screen (issue 18), before the damaged chunk was read.
    expect(reply.problems).toEqual([]);
    // Beside the status, the list's first screen (tests/unit/session/list-snapshot.test.ts). The
    // problems may already differ: the rest of the index opens right after the reply.
    const { firstScreen, problems: _replied, ...status } = reply;
    expect(firstScreen?.total).toBe(2);
    const { problems: _now, ...statusNow } = await session.status();
    expect(status).toEqual(statusNow);
    // The rest of the index opened after the reply and found the chunk: stored, and the pages told
    // (PROBLEMS_EVENT), without waiting for the integrity check.
    await vi.waitFor(() => expect(deps.onProblems).toHaveBeenCalled());
    expect((await session.status()).problems.map((p) => p.recordId)).toEqual([chunk.id]);
    await session.verified;
    expect((await session.status()).problems.map((p) => p.recordId)).toEqual([chunk.id]);
    expect((await session.vault()).list()).toHaveLength(2);
  });

  it('tells the pages nothing when the rest of the index opens clean', async () => {
    const { session, deps } = setup();
    await session.create('pw-one');
    await session.withVault((vault) => vault.putMany([login(1), login(2)], { replace: false }));
    await session.lock('user');
    await session.unlock('pw-one');
    await session.verified;
    expect((await session.status()).problems).toEqual([]);
    expect(deps.onProblems).not.toHaveBeenCalled();
  });
});

describe('session: the rest of the index opens after the unlock reply (issue 18)', () => {
  async function unlockedBig() {
    const env = setup();
    await env.session.create('pw-one');
    const items = Array.from({ length: 700 }, (_, i) => login(i));
    await env.session.withVault((vault) => vault.putMany(items));
    await env.session.lock('user');
    return env;
  }

  it('a write queued right after the unlock waits for the rest, then a lock; nothing is lost', async () => {
    const { session } = await unlockedBig();
    const reply = await session.unlock('pw-one');
    expect(reply.firstScreen?.total).toBe(700);
    const put = session.withVault((vault) => vault.put(login(9999)));
    const locked = session.lock('user');
    await put;
    await locked;
    await expect(session.vault()).rejects.toMatchObject({ code: 'locked' });
    await session.unlock('pw-one');
    expect((await session.vault()).list()).toHaveLength(701);
  });

  it('a lock right after the unlock reply stops the rest-open; the next unlock opens everything', async () => {
    const { session } = await unlockedBig();
    await session.unlock('pw-one');
    await session.lock('idle');
    await expect(session.vault()).rejects.toMatchObject({ code: 'locked' });
    await session.unlock('pw-one');
    expect((await session.vault()).size).toBe(700);
  });
});

describe('session: recovery, restore, biometric', () => {
  it('recovers with the recovery key, sets the new password and stays unlocked', async () => {
    const { session, deps } = setup();
    await session.create('old');
    await session.withVault((vault) => vault.put(login(1)));
    const recoveryKey = await session.withVault((vault) => vault.createRecoveryKey());
    await session.lock('user');
    await expect(session.recover('AAAA-BBBB', 'new')).rejects.toMatchObject({
      code: 'wrong-key',
      message: expect.stringMatching(/56 characters/),
    });
    expect((await session.recover(recoveryKey.toLowerCase(), 'new')).state).toBe('unlocked');
    await session.lock('user');
    await expect(new Session(deps).unlock('old')).rejects.toMatchObject({ code: 'wrong-password' });
    expect((await session.unlock('new')).state).toBe('unlocked');
    expect((await session.vault()).size).toBe(1);
  });

  it('restores items into a new vault, and refuses when a vault exists', async () => {
    const { session } = setup();
    expect((await session.restore([login(1), login(2)], 'master')).state).toBe('unlocked');
    expect((await session.vault()).size).toBe(2);
    await expect(session.restore([login(3)], 'master')).rejects.toMatchObject({ code: 'vault-exists' });
  });

  it('lists key records while locked', async () => {
    const { session } = setup();
    await session.create('pw');
    await session.withVault((vault) => vault.createRecoveryKey());
    await session.lock('user');
    expect((await session.keyRecords()).map((r) => r.kind).sort()).toEqual(['password', 'recovery']);
  });
});
