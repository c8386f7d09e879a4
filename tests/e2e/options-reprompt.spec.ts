// Being unlocked is not enough to mint a lasting way into the vault or a copy of it: a recovery key,
// a biometric enrolment, an encrypted backup and a plaintext export all need the master password
// again. Without it, someone at an unlocked browser could create a recovery key and use it to set
// a new password (S2: no path changes the password without the current one or a fresh biometric).
import { expect, test } from './harness/fixtures';
import { BACKUP_PASSWORD, createVaultQuickly, openOptions, sendRaw } from './helpers/options';

test('recovery key, enrolment, backup and export are refused without the master password', async ({
  extension,
}) => {
  const page = await openOptions(extension);
  await createVaultQuickly(page);
  const bytes = 'A'.repeat(43);
  const attempts = [
    { type: 'recovery.create', current: 'not the password' },
    { type: 'backup.export', password: BACKUP_PASSWORD, current: 'not the password' },
    { type: 'vault.exportItems', password: 'not the password' },
    {
      type: 'biometric.enrol',
      credentialId: bytes,
      prfSalt: bytes,
      prfOutput: bytes,
      label: 'Intruder',
      replaceIds: [],
      current: 'not the password',
    },
  ];
  // Wrong passwords here count towards the unlock throttle: two are free, the third starts a
  // wait, and during it even the next attempt is refused without trying the password.
  const codes = [];
  for (const attempt of attempts) {
    const reply = await sendRaw(page, attempt);
    expect(reply.ok, attempt.type).toBe(false);
    codes.push(reply.ok ? 'ok' : reply.error.code);
  }
  expect(codes).toEqual(['wrong-password', 'wrong-password', 'wrong-password', 'throttled']);
  // And without the field at all, the request is malformed.
  const missing = await sendRaw(page, { type: 'recovery.create' });
  expect(missing).toMatchObject({ ok: false, error: { code: 'malformed' } });
  const records = await sendRaw<{ records: { kind: string }[] }>(page, { type: 'keys.list' });
  expect(records.ok && records.value.records.map((r) => r.kind)).toEqual(['password']);
});
