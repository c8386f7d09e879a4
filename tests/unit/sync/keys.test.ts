// Password and key flows across devices at the engine level (issue 14, item 5).

import { describe, expect, it } from 'vitest';
import { DecryptError } from '../../../src/crypto/aead';
import { randomBytes } from '../../../src/crypto/random';
import { openRemoteKeys, SyncError } from '../../../src/sync/engine';
import { openObject } from '../../../src/sync/seal';
import { keysChangedMessage, unlockWithSyncedKeys } from '../../../src/sync/unlock';
import type { PasswordWrapper, RecoveryWrapper, WrapperRecord } from '../../../src/vault/format';
import {
  makePasswordWrapper,
  makePrfWrapper,
  makeRecoveryWrapper,
  openPasswordWrapper,
  openRecoveryWrapper,
} from '../../../src/vault/wrappers';
import { TEST_COST } from '../vault/helpers';
import { edited, firstDevice, item, joiningDevice, names } from './devices';
import { MemoryStore } from './memory';

const OLD = 'old master password';
const NEW = 'new master password';

async function twoDevices() {
  const remote = new MemoryStore();
  const shared = item('shared');
  const a = await firstDevice(remote, OLD, [shared]);
  const b = await joiningDevice(remote, OLD);
  return { remote, a, b, shared, vaultId: a.vault.vaultId };
}

/** Device B changes the master password, as the vault's setPassword does, and syncs. */
async function changePasswordOn(
  d: Awaited<ReturnType<typeof joiningDevice>>,
  vaultId: string,
  password: string,
) {
  const record = await makePasswordWrapper(vaultId, d.replica.key(), password, TEST_COST);
  d.replica.records = [...d.replica.records.filter((r) => r.kind !== 'password'), record];
  await d.engine.sync();
}

/** The device's password record opens with NEW and refuses OLD. */
async function expectOnlyNewPasswordOpens(vaultId: string, records: readonly WrapperRecord[]) {
  const record = passwordRecord(records);
  await expect(openPasswordWrapper(vaultId, record, OLD)).rejects.toMatchObject({ code: 'wrong-password' });
  await expect(openPasswordWrapper(vaultId, record, NEW)).resolves.toBeInstanceOf(Uint8Array);
}

const passwordRecord = (records: readonly { kind: string }[]) =>
  records.find((r) => r.kind === 'password') as PasswordWrapper;

describe('master password changed on another device', () => {
  it('a locked device holding the old record unlocks with the NEW password, says when it changed, then the old password no longer opens it', async () => {
    const { remote, a, b, vaultId } = await twoDevices();
    await changePasswordOn(b, vaultId, NEW);
    a.replica.lock();

    const opened = await unlockWithSyncedKeys(vaultId, a.replica.records, remote, {
      kind: 'password',
      password: NEW,
    });
    expect(opened.adopted).toBeDefined();
    expect(keysChangedMessage(opened.adopted!.changedAt)).toMatch(/changed on another device on /);
    expect(Math.abs(opened.adopted!.changedAt - Date.now())).toBeLessThan(60_000);
    await a.replica.adoptKeyRecords(opened.adopted!.records);
    a.replica.unlock(opened.key);

    const report = await a.engine.sync();
    expect(report.warnings).toEqual([]);
    await expectOnlyNewPasswordOpens(vaultId, a.replica.records);
  });

  it('an unlocked device adopts the newer password record on its next sync and reports when', async () => {
    const { a, b, vaultId } = await twoDevices();
    await changePasswordOn(b, vaultId, NEW);
    const report = await a.engine.sync();
    expect(report.keysChangedAt).toBeGreaterThan(0);
    await expectOnlyNewPasswordOpens(vaultId, a.replica.records);
  });

  it('a wrong password is still wrong, locally and in the folder', async () => {
    const { remote, a, b, vaultId } = await twoDevices();
    await changePasswordOn(b, vaultId, NEW);
    await expect(
      unlockWithSyncedKeys(vaultId, a.replica.records, remote, { kind: 'password', password: 'neither' }),
    ).rejects.toMatchObject({ code: 'wrong-password' });
    // The old password still opens A until A syncs (the folder is only asked when the local record refuses).
    const old = await unlockWithSyncedKeys(vaultId, a.replica.records, remote, {
      kind: 'password',
      password: OLD,
    });
    expect(old.adopted).toBeUndefined();
  });

  it('a new device joins with the new password, not the old one', async () => {
    const { remote, b, vaultId } = await twoDevices();
    await changePasswordOn(b, vaultId, NEW);
    await expect(openRemoteKeys(remote, { kind: 'password', password: OLD })).rejects.toMatchObject({
      code: 'wrong-password',
    });
    const c = await joiningDevice(remote, NEW);
    expect(names(c)).toEqual(['shared']);
  });
});

describe('recovery key and biometric records across devices', () => {
  it('a recovery key made on one device opens every device and lets a new device join', async () => {
    const { remote, a, b, vaultId } = await twoDevices();
    const secret = randomBytes(32);
    a.replica.records = [...a.replica.records, makeRecoveryWrapper(vaultId, a.replica.key(), secret)];
    await a.engine.sync();
    await b.engine.sync();
    const onB = b.replica.records.find((r): r is RecoveryWrapper => r.kind === 'recovery')!;
    expect(openRecoveryWrapper(vaultId, onB, secret)).toEqual(b.replica.key());
    const c = await joiningDevice(remote, OLD);
    const keys = await openRemoteKeys(remote, { kind: 'recovery', secret });
    expect(keys.key).toEqual(c.replica.key());
  });

  it('biometric records stay on their device: never in the folder, kept when another device’s records are adopted', async () => {
    const { remote, a, b, vaultId } = await twoDevices();
    const credentialId = randomBytes(16);
    const prf = makePrfWrapper(vaultId, a.replica.key(), {
      credentialId,
      prfSalt: randomBytes(32),
      prfOutput: randomBytes(32),
      label: 'Laptop',
    });
    a.replica.records = [...a.replica.records, prf];
    await a.engine.sync();
    await changePasswordOn(b, vaultId, NEW);
    await a.engine.sync();
    expect(a.replica.records.map((r) => r.kind).sort()).toEqual(['password', 'prf']);
    expect(b.replica.records.map((r) => r.kind)).toEqual(['password']);
    const hex = Buffer.from(credentialId).toString('base64');
    for (const body of remote.files.values())
      expect(Buffer.from(body).toString('latin1')).not.toContain('Laptop');
    for (const body of remote.files.values()) expect(Buffer.from(body).toString()).not.toContain(hex);
  });
});

describe('rotating the vault key after a leak', () => {
  it('re-encrypts everything under a new key; other devices must enter the new password, and lose nothing', async () => {
    const { remote, a, b, shared, vaultId } = await twoDevices();
    const oldKey = a.replica.key().slice();
    await a.put(edited(shared, { notes: 'edited on A before the rotation reached it' }));

    await b.engine.rotateKey(NEW, TEST_COST);
    await b.engine.sync();
    expect(b.replica.key()).not.toEqual(oldKey);

    // A's next sync stops: it cannot read the new objects, and says why.
    const refused = await a.engine.sync().catch((e) => e);
    expect(refused).toBeInstanceOf(SyncError);
    expect(refused.code).toBe('key-rotated');
    expect(refused.message).toMatch(/Enter the new master password/);
    await expect(a.engine.rejoinRotated({ kind: 'password', password: OLD })).rejects.toMatchObject({
      code: 'wrong-password',
    });
    await a.engine.rejoinRotated({ kind: 'password', password: NEW });
    expect(a.replica.key()).toEqual(b.replica.key());
    await b.engine.sync();
    expect(b.replica.items.get(shared.id)?.notes).toBe('edited on A before the rotation reached it');

    // Only objects of the new epoch are left once both devices synced; none opens with the old key.
    await a.engine.sync();
    const chain = [...remote.files].filter(([n]) => /^[bs]-/.test(n));
    expect(chain.length).toBeGreaterThan(0);
    for (const [name, body] of chain) {
      expect(name).toMatch(/^[bs]-000001-/);
      const kind = name.startsWith('b-') ? 'batch' : 'snapshot';
      expect(() => openObject(oldKey, vaultId, kind, name, body)).toThrow(DecryptError);
    }
    const c = await joiningDevice(remote, NEW);
    expect(names(c)).toEqual(['shared']);
    await expect(openRemoteKeys(remote, { kind: 'password', password: OLD })).rejects.toMatchObject({
      code: 'wrong-password',
    });
  });
});
