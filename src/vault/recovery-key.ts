/**
 * The recovery key as a person sees it: 32 random bytes plus a 3-byte checksum, written in
 * Crockford base32 as 14 groups of 4 characters (for example "7K3M-Q9TX-...").
 *
 * Crockford's alphabet has no I, L, O or U, and parsing maps I/L to 1 and O to 0, so a key copied
 * from paper survives the usual misreadings; the checksum (first 3 bytes of SHA-256 of the secret)
 * catches a typo before any decryption is tried, with a message that says so.
 */

import { sha256 } from '@noble/hashes/sha2.js';
import { concatBytes } from '../crypto/encoding';
import { randomBytes } from '../crypto/random';

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
  const bytes = concatBytes(secret, sha256(secret).slice(0, CHECK_BYTES));
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  // 35 bytes = 280 bits = exactly 56 characters: no padding bits remain.
  return out.match(/.{4}/g)!.join('-');
}

export function parseRecoveryKey(text: string): Uint8Array {
  const clean = text.toUpperCase().replace(/[\s-]/g, '').replace(/[IL]/g, '1').replace(/O/g, '0');
  if (clean.length !== 56) {
    throw new RecoveryKeyFormatError(`A recovery key has 56 characters; this one has ${clean.length}.`);
  }
  const bytes = new Uint8Array(35);
  let bits = 0;
  let value = 0;
  let n = 0;
  for (const ch of clean) {
    const digit = ALPHABET.indexOf(ch);
    if (digit < 0) throw new RecoveryKeyFormatError(`"${ch}" is not a character used in recovery keys.`);
    value = ((value << 5) | digit) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bytes[n++] = (value >>> (bits - 8)) & 0xff;
      bits -= 8;
    }
  }
  const secret = bytes.slice(0, SECRET_BYTES);
  const check = sha256(secret).slice(0, CHECK_BYTES);
  if (!check.every((b, i) => b === bytes[SECRET_BYTES + i])) {
    throw new RecoveryKeyFormatError(
      'That recovery key has a typo: check each group against your printed copy.',
    );
  }
  return secret;
}
