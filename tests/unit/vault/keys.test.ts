import { describe, expect, it } from 'vitest';
import { randomBytes } from '../../../src/crypto/random';
import { type BackupError, decryptBackup, encryptBackup, inspectBackup } from '../../../src/vault/backup';
import type { VaultError } from '../../../src/vault/errors';
import { formatRecoveryKey, parseRecoveryKey, RecoveryKeyFormatError } from '../../../src/vault/recovery-key';
import { UnlockedVault } from '../../../src/vault/vault';
import { freshDb, login, snapshot, TEST_COST } from './helpers';

const PW = 'master password';

async function setup(n = 2) {
  const db = await freshDb();
  const vault = await UnlockedVault.create(db, PW, TEST_COST);
  await vault.putMany(Array.from({ length: n }, (_, i) => login(i)));
  return { db, vault };
}

function prf() {
  return {
    credentialId: randomBytes(16),
    prfSalt: randomBytes(32),
    prfOutput: randomBytes(32),
    label: 'This laptop',
  };
}

describe('biometric (PRF) key records', () => {
  it('unlock with the PRF output; a different output is "biometric key gone"', async () => {
    const { db, vault } = await setup();
    const e = prf();
    const info = await vault.enrolBiometric(e);
    expect(info).toMatchObject({ kind: 'prf', label: 'This laptop' });
    const records = await UnlockedVault.keyRecords(db);
    expect(records.map((r) => r.kind).sort()).toEqual(['password', 'prf']);
    // The PRF output itself is stored nowhere.
    expect(await snapshot(db)).not.toContain(JSON.stringify(Array.from(e.prfOutput)).slice(1, -1));
    const opened = await UnlockedVault.unlockWith(db, {
      kind: 'prf',
      credentialId: e.credentialId,
      prfOutput: e.prfOutput,
    });
    expect(opened.size).toBe(2);
    const err = await UnlockedVault.unlockWith(db, {
      kind: 'prf',
      credentialId: e.credentialId,
      prfOutput: randomBytes(32),
    }).catch((x: unknown) => x as VaultError);
    expect(err).toMatchObject({ code: 'wrong-key' });
    expect((err as VaultError).message).toMatch(
      /no longer available.*master password.*turn biometric unlock on again/,
    );
    const unknown = await UnlockedVault.unlockWith(db, {
      kind: 'prf',
      credentialId: randomBytes(16),
      prfOutput: e.prfOutput,
    }).catch((x: unknown) => x as VaultError);
    expect(unknown).toMatchObject({ code: 'wrong-key' });
  });

  it('re-enrolling replaces the dead enrolment in one step; removal works', async () => {
    const { db, vault } = await setup();
    const dead = await vault.enrolBiometric(prf());
    const fresh = prf();
    const info = await vault.enrolBiometric(fresh, [dead.id]);
    const ids = (await UnlockedVault.keyRecords(db)).map((r) => r.id);
    expect(ids).toContain(info.id);
    expect(ids).not.toContain(dead.id);
    await vault.removeKeyRecord(info.id);
    expect((await UnlockedVault.keyRecords(db)).map((r) => r.kind)).toEqual(['password']);
    await expect(vault.removeKeyRecord('password')).rejects.toMatchObject({ code: 'invalid-item' });
  });

  it('a fresh PRF proof sets a new password; the old one fails; biometric still works', async () => {
    const { db, vault } = await setup();
    const e = prf();
    await vault.enrolBiometric(e);
    await vault.setPassword(
      { kind: 'prf', credentialId: e.credentialId, prfOutput: e.prfOutput },
      'new one',
      TEST_COST,
    );
    await expect(UnlockedVault.unlockWithPassword(db, PW)).rejects.toMatchObject({ code: 'wrong-password' });
    expect((await UnlockedVault.unlockWithPassword(db, 'new one')).size).toBe(2);
    expect((await UnlockedVault.unlockWith(db, { kind: 'prf', ...e })).size).toBe(2);
    // Without a valid proof nothing changes.
    const before = await snapshot(db);
    await expect(
      vault.setPassword(
        { kind: 'prf', credentialId: e.credentialId, prfOutput: randomBytes(32) },
        'x',
        TEST_COST,
      ),
    ).rejects.toMatchObject({ code: 'wrong-key' });
    expect(await snapshot(db)).toBe(before);
  });
});

describe('recovery key', () => {
  it('formats 56 characters in groups, survives misreadings, and catches typos', () => {
    const secret = randomBytes(32);
    const text = formatRecoveryKey(secret);
    expect(text).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){13}[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(parseRecoveryKey(text)).toEqual(secret);
    expect(parseRecoveryKey(text.toLowerCase().replaceAll('-', ' '))).toEqual(secret);
    const typo = (text[0] === 'A' ? 'B' : 'A') + text.slice(1);
    expect(() => parseRecoveryKey(typo)).toThrow(/typo/);
    expect(() => parseRecoveryKey('ABCD')).toThrow(RecoveryKeyFormatError);
  });

  it('opens the vault and authorises a new password', async () => {
    const { db, vault } = await setup();
    const text = await vault.createRecoveryKey();
    vault.lock();
    const secret = parseRecoveryKey(text);
    const opened = await UnlockedVault.unlockWith(db, { kind: 'recovery', secret });
    await opened.setPassword({ kind: 'recovery', secret }, 'brand new', TEST_COST);
    expect((await UnlockedVault.unlockWithPassword(db, 'brand new')).size).toBe(2);
    // A second recovery key replaces the first.
    const second = await opened.createRecoveryKey();
    await expect(UnlockedVault.unlockWith(db, { kind: 'recovery', secret })).rejects.toMatchObject({
      code: 'wrong-key',
    });
    expect(
      (await UnlockedVault.unlockWith(db, { kind: 'recovery', secret: parseRecoveryKey(second) })).size,
    ).toBe(2);
  });

  it('without one, says plainly that the data cannot be recovered', async () => {
    const { db } = await setup();
    const err = await UnlockedVault.unlockWith(db, { kind: 'recovery', secret: randomBytes(32) }).catch(
      (x: unknown) => x,
    );
    expect((err as VaultError).message).toMatch(/cannot be recovered/);
  });
});

describe('encrypted backup', () => {
  it('round-trips every item and restores into a new vault in one step', async () => {
    const { vault } = await setup(5);
    const { items } = await vault.allItems();
    const text = await encryptBackup(items, 'backup pw', TEST_COST);
    expect(text).not.toContain('pw-1-secret');
    expect(inspectBackup(text).itemCount).toBe(5);
    const restored = await decryptBackup(text, 'backup pw');
    expect(restored.items.map((i) => i.password)).toEqual(items.map((i) => i.password));
    const db2 = await freshDb();
    const vault2 = await UnlockedVault.create(db2, 'new master', TEST_COST, restored.items);
    expect(vault2.size).toBe(5);
    const again = await UnlockedVault.unlockWithPassword(db2, 'new master');
    expect((await again.get(items[3]!.id)).password).toBe(items[3]!.password);
  });

  it('refuses a wrong password, damage, a weak KDF and non-backups with clear errors', async () => {
    const { vault } = await setup(1);
    const text = await encryptBackup((await vault.allItems()).items, 'backup pw', TEST_COST);
    const code = (p: Promise<unknown>) =>
      p.then(
        () => 'ok',
        (e: unknown) => (e as BackupError).code,
      );
    expect(await code(decryptBackup(text, 'nope'))).toBe('wrong-password-or-damaged');
    const file = JSON.parse(text);
    expect(await code(decryptBackup(JSON.stringify({ ...file, itemCount: 2 }), 'backup pw'))).toBe(
      'wrong-password-or-damaged',
    );
    const data = file.data as string;
    const flipped = data.slice(0, 50) + (data[50] === 'A' ? 'B' : 'A') + data.slice(51);
    expect(await code(decryptBackup(JSON.stringify({ ...file, data: flipped }), 'backup pw'))).toBe(
      'wrong-password-or-damaged',
    );
    expect(
      await code(
        decryptBackup(JSON.stringify({ ...file, kdf: { ...file.kdf, memoryKiB: 1024 } }), 'backup pw'),
      ),
    ).toBe('kdf-too-weak');
    expect(await code(decryptBackup(text.slice(0, 100), 'backup pw'))).toBe('not-a-backup');
    expect(await code(decryptBackup('{"hello":1}', 'backup pw'))).toBe('not-a-backup');
    expect(await code(decryptBackup(JSON.stringify({ ...file, version: 9 }), 'backup pw'))).toBe(
      'unsupported-version',
    );
  });
});
