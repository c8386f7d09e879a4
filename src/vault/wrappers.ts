/**
 * Key wrappers: the ways to open the vault. Each seals the same random vault key under its own
 * wrapping key, in its own record (format.ts), so adding, replacing or removing one never touches
 * the others or any item.
 *
 *   password  wrapping key = Argon2id(master password, per-wrapper salt, stored cost)
 *   prf       wrapping key = HKDF-SHA256(WebAuthn PRF output, salt = vault id,
 *                                        info = "tessera/v1/prf-wrap/" + credential id hex)
 *   recovery  wrapping key = HKDF-SHA256(256-bit recovery secret, salt = vault id,
 *                                        info = "tessera/v1/recovery-wrap")
 *
 * Safety facts: the PRF output and the recovery secret are never stored; only what they wrap is.
 * Each wrapper's AAD covers its plaintext parameters, so editing them breaks the wrapper.
 */

import { DecryptError, KEY_BYTES, open, seal } from '../crypto/aead';
import { toHex, utf8Encode, wipe } from '../crypto/encoding';
import { hkdfSha256 } from '../crypto/hkdf';
import { checkKdfParams, deriveKeyFromPassword, KdfParamsError, newKdfParams } from '../crypto/kdf';
import { VaultError } from './errors';
import {
  type PasswordWrapper,
  type PrfWrapper,
  type RecoveryWrapper,
  recordAad,
  SEAL_PREFIX,
  type StoredKdf,
  type WrapperRecord,
  wrapperParams,
} from './format';

export type KdfCost = Partial<Pick<StoredKdf, 'memoryKiB' | 'iterations' | 'parallelism'>>;

function aad(vaultId: string, w: WrapperRecord): Uint8Array {
  return recordAad(vaultId, 'wrapper', w.id, wrapperParams(w));
}

function sealed<W extends WrapperRecord>(
  vaultId: string,
  shell: W,
  wrapping: Uint8Array,
  key: Uint8Array,
): W {
  const wrappedKey = seal(wrapping, key, aad(vaultId, shell));
  wipe(wrapping);
  return { ...shell, wrappedKey };
}

/**
 * Checks the stored shape of a key record before any of it is used. The AAD (wrapperParams) joins
 * fields as text, so without this a number stored as a string ("1700000000000" for 1700000000000)
 * would still open, and a missing binary field would surface as a TypeError instead of a clear
 * "damaged" refusal. Found by the tamper walk (tests/unit/vault/tamper-walk.test.ts).
 */
function assertShape(w: WrapperRecord): void {
  const bytes = (x: unknown) => x instanceof Uint8Array;
  const ok =
    typeof w.id === 'string' &&
    Number.isSafeInteger(w.createdAt) &&
    bytes(w.wrappedKey) &&
    (w.kind !== 'prf' || (bytes(w.credentialId) && bytes(w.prfSalt) && typeof w.label === 'string'));
  if (!ok) throw new VaultError('corrupt-header', 'The key record is damaged.', String(w.id));
}

function opened(vaultId: string, w: WrapperRecord, wrapping: Uint8Array, failure: VaultError): Uint8Array {
  try {
    const key = open(wrapping, w.wrappedKey, aad(vaultId, w));
    if (key.length !== KEY_BYTES) throw new VaultError('corrupt-header', 'The key record is damaged.', w.id);
    return key;
  } catch (err) {
    if (err instanceof DecryptError) throw failure;
    throw err;
  } finally {
    wipe(wrapping);
  }
}

// ---- password -----------------------------------------------------------------------------------

export async function makePasswordWrapper(
  vaultId: string,
  key: Uint8Array,
  password: string,
  cost: KdfCost,
): Promise<PasswordWrapper> {
  if (typeof password !== 'string' || password.length === 0) {
    throw new VaultError('invalid-item', 'The master password cannot be empty.');
  }
  const kdf = newKdfParams(cost);
  const shell: PasswordWrapper = {
    id: 'password',
    kind: 'password',
    kdf,
    wrappedKey: new Uint8Array(),
    createdAt: Date.now(),
  };
  return sealed(vaultId, shell, await deriveKeyFromPassword(password, kdf), key);
}

export async function openPasswordWrapper(
  vaultId: string,
  w: PasswordWrapper,
  password: string,
): Promise<Uint8Array> {
  assertShape(w);
  if (!(w.kdf?.salt instanceof Uint8Array))
    throw new VaultError('corrupt-header', 'The key record is damaged.', w.id);
  try {
    checkKdfParams(w.kdf);
  } catch (err) {
    if (err instanceof KdfParamsError && err.reason === 'below-floor') {
      throw new VaultError(
        'kdf-too-weak',
        `The stored key settings are weaker than Tessera allows (${err.message}). The vault may have been tampered with; it was not opened.`,
        w.id,
      );
    }
    throw new VaultError('corrupt-header', `The stored key settings are invalid (${String(err)}).`, w.id);
  }
  const wrapping = await deriveKeyFromPassword(password, w.kdf);
  return opened(
    vaultId,
    w,
    wrapping,
    new VaultError('wrong-password', 'That master password is not correct.'),
  );
}

// ---- WebAuthn PRF (biometric unlock) ---------------------------------------------------------------

export function prfWrapperId(credentialId: Uint8Array): string {
  return `prf:${toHex(credentialId)}`;
}

function prfWrappingKey(vaultId: string, credentialId: Uint8Array, prfOutput: Uint8Array): Uint8Array {
  if (!(prfOutput instanceof Uint8Array) || prfOutput.length < 32) {
    throw new VaultError('wrong-key', 'The biometric check did not return a usable key.');
  }
  return hkdfSha256(
    prfOutput,
    utf8Encode(vaultId),
    utf8Encode(`${SEAL_PREFIX}/prf-wrap/${toHex(credentialId)}`),
    KEY_BYTES,
  );
}

export interface PrfEnrolment {
  credentialId: Uint8Array;
  prfSalt: Uint8Array;
  prfOutput: Uint8Array;
  label: string;
}

export function makePrfWrapper(vaultId: string, key: Uint8Array, e: PrfEnrolment): PrfWrapper {
  const shell: PrfWrapper = {
    id: prfWrapperId(e.credentialId),
    kind: 'prf',
    credentialId: e.credentialId.slice(),
    prfSalt: e.prfSalt.slice(),
    label: e.label,
    wrappedKey: new Uint8Array(),
    createdAt: Date.now(),
  };
  return sealed(vaultId, shell, prfWrappingKey(vaultId, e.credentialId, e.prfOutput), key);
}

/** What to say when a biometric key no longer opens the vault (S3: device restored, key replaced). */
export const BIOMETRIC_GONE =
  "This device's biometric key is no longer available. Unlock with your master password, then turn biometric unlock on again in Settings.";

export function openPrfWrapper(vaultId: string, w: PrfWrapper, prfOutput: Uint8Array): Uint8Array {
  assertShape(w);
  return opened(
    vaultId,
    w,
    prfWrappingKey(vaultId, w.credentialId, prfOutput),
    new VaultError('wrong-key', BIOMETRIC_GONE, w.id),
  );
}

// ---- recovery key ---------------------------------------------------------------------------------

function recoveryWrappingKey(vaultId: string, secret: Uint8Array): Uint8Array {
  return hkdfSha256(secret, utf8Encode(vaultId), utf8Encode(`${SEAL_PREFIX}/recovery-wrap`), KEY_BYTES);
}

export function makeRecoveryWrapper(vaultId: string, key: Uint8Array, secret: Uint8Array): RecoveryWrapper {
  const shell: RecoveryWrapper = {
    id: 'recovery',
    kind: 'recovery',
    wrappedKey: new Uint8Array(),
    createdAt: Date.now(),
  };
  return sealed(vaultId, shell, recoveryWrappingKey(vaultId, secret), key);
}

export function openRecoveryWrapper(vaultId: string, w: RecoveryWrapper, secret: Uint8Array): Uint8Array {
  assertShape(w);
  return opened(
    vaultId,
    w,
    recoveryWrappingKey(vaultId, secret),
    new VaultError('wrong-key', 'That recovery key does not open this vault.'),
  );
}
