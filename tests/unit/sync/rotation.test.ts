// "Change password after a leak" (issue 14, item 5): a new master password AND a new vault key,
// through the service the options page asks (SyncService.rotateKey), with sync off and on, over real
// vaults (fake-indexeddb). What happens to the other ways in (recovery key, biometric enrolments),
// and what a rotation cut short leaves: the old key, records and sync epoch, or the new, never a mix.
import { describe, expect, it } from 'vitest';
import { Refusal } from '../../../src/messages/router';
import { VaultError } from '../../../src/vault/errors';
import { UnlockedVault } from '../../../src/vault/vault';
import { login, snapshot, TEST_COST } from '../vault/helpers';
import { MemoryStore } from './memory';
import { type Device, device, names, restartedWorker, SERVER } from './service-devices';

const OLD = 'master one';
const NEW = 'rotated master';

async function codeOf(p: Promise<unknown>): Promise<string> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  return err instanceof Refusal || err instanceof VaultError ? err.code : `not refused: ${String(err)}`;
}

/** A device with two items, a recovery key and a biometric enrolment; sync off. */
async function deviceWithWaysIn(folder = new MemoryStore()) {
  const a = await device(() => folder);
  await a.session.create(OLD);
  await a.session.withVault((v) => v.put(login(1)));
  await a.session.withVault((v) => v.put(login(2)));
  const recoveryKey = await a.session.withConfirmedVault(OLD, (v) => v.createRecoveryKey());
  await a.session.withVault((v) =>
    v.enrolBiometric({
      credentialId: Uint8Array.from({ length: 16 }, (_, i) => i),
      prfSalt: new Uint8Array(32).fill(5),
      prfOutput: new Uint8Array(32).fill(7),
      label: 'Laptop',
    }),
  );
  const oldKey = await a.session.withVault(async (v) => v.exportKey());
  return { a, folder, recoveryKey, oldKey };
}

const kinds = async (d: Device) => (await d.session.keyRecords()).map((r) => r.kind).sort();

describe('rotating the vault key (change password after a leak)', () => {
  it('without sync: a new key and password; the recovery key is replaced by a new one, biometric enrolments go; the old key, password and recovery key open nothing', async () => {
    const { a, recoveryKey, oldKey } = await deviceWithWaysIn();
    expect(await codeOf(a.sync.rotateKey('not the password', NEW))).toBe('wrong-password');
    expect(await kinds(a)).toEqual(['password', 'prf', 'recovery']);

    const rotation = await a.sync.rotateKey(OLD, NEW);
    expect(rotation.biometricDropped).toBe(1);
    expect(rotation.recoveryKey).toMatch(/\S/);
    expect(rotation.recoveryKey).not.toBe(recoveryKey);
    expect(await kinds(a)).toEqual(['password', 'recovery']);
    expect(await names(a)).toEqual(['Site 1', 'Site 2']);

    const db = await a.session.database();
    await expect(UnlockedVault.unlockWithKey(db, oldKey)).rejects.toBeInstanceOf(VaultError);
    await a.session.lock('user');
    expect(await codeOf(a.session.unlock(OLD))).toBe('wrong-password');
    expect(await codeOf(a.session.recover(recoveryKey, 'from the old recovery key'))).toBe('wrong-key');
    expect((await a.session.recover(rotation.recoveryKey!, 'from the new recovery key')).state).toBe(
      'unlocked',
    );
    await a.session.lock('user');
    expect((await a.session.unlock('from the new recovery key')).state).toBe('unlocked');
    expect((await (await a.session.vault()).get((await a.session.vault()).list()[0]!.id)).name).toBe(
      'Site 1',
    );
  });

  it('a vault without a recovery key gets none; nothing to set up again', async () => {
    const a = await device(() => new MemoryStore());
    await a.session.create(OLD);
    expect(await a.sync.rotateKey(OLD, NEW)).toEqual({ biometricDropped: 0 });
    expect(await kinds(a)).toEqual(['password']);
  });

  it('cut short mid-transaction (the worker stops): the old key, key records, items and sync epoch stay whole', async () => {
    const { a, oldKey } = await deviceWithWaysIn();
    await a.sync.connect(SERVER);
    const db = await a.session.database();
    const before = [await snapshot(db), JSON.stringify(await db.getAll('sync'))];

    const stopped = a.session.withVault((v) =>
      v.rotateKey(NEW, TEST_COST, async (tx) => {
        // Sync's new epoch is written, then the worker stops before the transaction commits.
        await tx.objectStore('sync').put({ epoch: 99 }, 'state');
        throw new Error('worker stopped');
      }),
    );
    await expect(stopped).rejects.toBeInstanceOf(Error);
    expect([await snapshot(db), JSON.stringify(await db.getAll('sync'))]).toEqual(before);
    // The open vault still holds the old key: it reads and writes as before.
    expect(await a.session.withVault(async (v) => v.exportKey())).toEqual(oldKey);
    await a.session.withVault((v) => v.put(login(3)));
    await a.session.lock('user');
    expect(await codeOf(a.session.unlock(NEW))).toBe('wrong-password');
    expect((await a.session.unlock(OLD)).state).toBe('unlocked');
    expect(await names(a)).toEqual(['Site 1', 'Site 2', 'Site 3']);
  });

  it('with sync, stopped after the local commit and before the upload: a new worker opens with the new password and publishes; the other device rejoins and loses nothing', async () => {
    const { a, folder } = await deviceWithWaysIn();
    await a.sync.connect(SERVER);
    const b = await device(() => folder);
    await b.sync.joinNew({ ...SERVER, masterPassword: OLD });
    // B edits before it hears of the rotation.
    await b.session.withVault((v) => v.put(login(4)));

    const realPut = folder.put.bind(folder);
    folder.put = async () => {
      throw new Error('worker stopped');
    };
    const rotation = await a.sync.rotateKey(OLD, NEW);
    expect(rotation.recoveryKey).toMatch(/\S/);
    expect((await a.sync.status()).lastError).toBeDefined();
    folder.put = realPut;

    // A new worker over the same database: only the new password opens it; its sync publishes.
    const { session, sync } = restartedWorker(await a.session.database(), folder);
    expect(await codeOf(session.unlock(OLD))).toBe('wrong-password');
    await session.unlock(NEW);
    expect(await sync.now()).toMatchObject({ state: 'idle' });

    // Before B knows of the rotation its folder ring answers no guesses through rejoin.
    expect(await codeOf(b.sync.rejoin(OLD))).toBe('not-rotated');
    await b.sync.now();
    expect((await b.sync.status()).lastError?.code).toBe('key-rotated');
    expect(await codeOf(b.sync.rejoin(OLD))).toBe('wrong-password');
    // The refused password is the form's answer: the sync still asks for the new one.
    expect((await b.sync.status()).lastError?.code).toBe('key-rotated');
    await b.sync.rejoin(NEW);
    expect(await names(b)).toEqual(['Site 1', 'Site 2', 'Site 4']);
    await sync.now();
    expect(
      (await session.vault())
        .list()
        .map((o) => o.name)
        .sort(),
    ).toEqual(['Site 1', 'Site 2', 'Site 4']);
    // B's records are the folder's: the new password and the new recovery key, no old password.
    await b.session.lock('user');
    expect(await codeOf(b.session.unlock(OLD))).toBe('wrong-password');
    expect((await b.session.recover(rotation.recoveryKey!, 'new on B')).state).toBe('unlocked');
  });
});

/**
 * A rotates the key while B is locked with an edit it had not synced (under the old key). B's sync
 * is connected; A's rotation is uploaded.
 */
async function lockedThroughRotation() {
  const { a, folder } = await deviceWithWaysIn();
  await a.sync.connect(SERVER);
  const b = await device(() => folder);
  await b.sync.joinNew({ ...SERVER, masterPassword: OLD });
  await b.session.withVault((v) => v.put(login(4)));
  await b.session.lock('user');
  await a.sync.rotateKey(OLD, NEW);
  return { a, b, folder };
}

describe('a locked device after a rotation elsewhere unlocks with the NEW password', () => {
  it('the handover leads back to its key: it opens, is re-encrypted under the new key, says so, and its unsynced edit reaches the other device', async () => {
    const { a, b, folder } = await lockedThroughRotation();
    expect((await a.sync.status()).lastError).toBeUndefined();
    expect((await folder.list()).some((e) => e.name.startsWith('h-000001-'))).toBe(true);

    const wrong = await codeOf(b.session.unlock('not either password'));
    expect(wrong).toBe('wrong-password');
    const reply = await b.session.unlock(NEW);
    expect(reply).toMatchObject({ state: 'unlocked', keyReplaced: true, keysChangedAt: expect.any(Number) });
    expect(await names(b)).toEqual(['Site 1', 'Site 2', 'Site 4']);
    await b.sync.now();
    expect((await b.sync.status()).lastError).toBeUndefined();
    await a.sync.now();
    expect(await names(a)).toEqual(['Site 1', 'Site 2', 'Site 4']);
    // B is under the new key now: the old password opens it no more, the new one does.
    await b.session.lock('user');
    expect(await codeOf(b.session.unlock(OLD))).toBe('wrong-password');
    expect((await b.session.unlock(NEW)).state).toBe('unlocked');
  });

  it('without a handover (rotated by an older version): a clear refusal, nothing changes, and the old password still opens it', async () => {
    const { b, folder } = await lockedThroughRotation();
    for (const e of await folder.list()) if (e.name.startsWith('h-')) await folder.delete(e.name);

    const db = await b.session.database();
    const before = await snapshot(db);
    const refused = await b.session.unlock(NEW).then(
      () => null,
      (e: unknown) => e,
    );
    expect(refused).toMatchObject({
      code: 'key-replaced',
      message: expect.stringContaining('previous master password'),
    });
    expect(await snapshot(db)).toEqual(before);
    expect((await b.session.unlock(OLD)).state).toBe('unlocked');
    expect(await names(b)).toEqual(['Site 1', 'Site 2', 'Site 4']);
  });
});

describe('rejoin answers no password guesses beyond the unlock throttle', () => {
  it('wrong new passwords at rejoin count like wrong passwords at unlock: after three, a wait', async () => {
    const folder = new MemoryStore();
    const a = await device(() => folder);
    await a.session.create(OLD);
    await a.sync.connect(SERVER);
    const b = await device(() => folder);
    await b.sync.joinNew({ ...SERVER, masterPassword: OLD });
    await a.sync.rotateKey(OLD, NEW);
    await b.sync.now();
    expect(await codeOf(b.sync.rejoin('guess one'))).toBe('wrong-password');
    expect(await codeOf(b.sync.rejoin('guess two'))).toBe('wrong-password');
    expect(await codeOf(b.sync.rejoin('guess three'))).toBe('wrong-password');
    expect(await codeOf(b.sync.rejoin(NEW))).toBe('throttled');
    expect((await b.sync.status()).lastError?.code).toBe('key-rotated');
  });
});
