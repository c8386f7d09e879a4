/**
 * The recovery key as a person sees it: 32 random bytes plus a 3-byte checksum, written in
 * Crockford base32 as 14 groups of 4 characters (for example "7K3M-Q9TX-...").
 *
 * Crockford's alphabet has no I, L, O or U, and parsing maps I/L to 1 and O to 0, so a key copied
 * from paper survives the usual misreadings; the checksum (first 3 bytes of SHA-256 of the secret)
 * catches a typo before any decryption is tried, with a message that says so.
 */

import { equalBytes } from '@noble/ciphers/utils.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { base32crockford } from '@scure/base';
import { concatBytes } from '../crypto/encoding';
import { randomBytes } from '../crypto/random';

/** Crockford's alphabet (what @scure/base's base32crockford writes), for the stray-character message. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const SECRET_BYTES = 32;
const CHECK_BYTES = 3;

export class RecoveryKeyFormatError extends Error {
  override readonly name = 'RecoveryKeyFormatError';
}

export function newRecoverySecret(): Uint8Array {
  return randomBytes(SECRET_BYTES);
}

export function formatRecoveryKey(secret: Uint8Array): string {
  // 35 bytes = 280 bits = exactly 56 characters: no padding bits remain.
  const text = base32crockford.encode(concatBytes(secret, sha256(secret).slice(0, CHECK_BYTES)));
  return text.match(/.{4}/g)!.join('-');
}

export function parseRecoveryKey(text: string): Uint8Array {
  // The codec maps I/L to 1 and O to 0 and ignores case; spaces and dashes are for reading only.
  const clean = text.replace(/[\s-]/g, '');
  if (clean.length !== 56) {
    throw new RecoveryKeyFormatError(`A recovery key has 56 characters; this one has ${clean.length}.`);
  }
  const stray = [...clean.toUpperCase()].find((ch) => !ALPHABET.includes(ch) && !'ILO'.includes(ch));
  if (stray !== undefined) {
    throw new RecoveryKeyFormatError(`"${stray}" is not a character used in recovery keys.`);
  }
  const bytes = base32crockford.decode(clean);
  const secret = bytes.slice(0, SECRET_BYTES);
  const check = sha256(secret).slice(0, CHECK_BYTES);
  if (!equalBytes(check, bytes.slice(SECRET_BYTES))) {
    throw new RecoveryKeyFormatError(
      'That recovery key has a typo: check each group against your printed copy.',
    );
  }
  return secret;
}
