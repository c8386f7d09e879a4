/**
 * Every way the vault can refuse, as one error type with a stable code.
 *
 * Callers switch on `code`; `message` is written for the person at the keyboard and never contains a
 * secret. `recordId` names the stored record that failed, so "corrupt vault" always says what.
 */

export type VaultErrorCode =
  | 'no-vault' // nothing stored yet: offer first-run setup
  | 'vault-exists' // create() on a profile that already has a vault
  | 'locked' // the vault is locked: unlock first
  | 'wrong-password'
  | 'wrong-key' // a biometric or recovery key that does not open this vault
  | 'corrupt-header' // header, manifest or key wrapper unreadable or altered
  | 'corrupt-item' // one item (or one overview chunk) unreadable or altered
  | 'unsupported-version' // written by a newer (or unknown) format
  | 'kdf-too-weak' // stored Argon2id parameters below the floor: refuse, never downgrade
  | 'quota-exceeded' // the browser refused the write for lack of space
  | 'not-found'
  | 'invalid-item'
  | 'conflict' // the stored data changed under us (another tab); nothing was written
  | 'storage-failed';

export class VaultError extends Error {
  override readonly name = 'VaultError';
  constructor(
    readonly code: VaultErrorCode,
    message: string,
    readonly recordId?: string,
  ) {
    super(message);
  }
}

/** Translates an IndexedDB failure into a VaultError, keeping QuotaExceededError distinct. */
export function storageError(err: unknown, what: string): VaultError {
  if (err instanceof VaultError) return err;
  const name = err instanceof Error || err instanceof DOMException ? err.name : '';
  if (name === 'QuotaExceededError') {
    return new VaultError(
      'quota-exceeded',
      `Not enough storage space to ${what}. Free some disk space and try again; nothing was changed.`,
    );
  }
  const detail = err instanceof Error ? err.message : String(err);
  return new VaultError('storage-failed', `Could not ${what}: ${detail}. Nothing was changed.`);
}
