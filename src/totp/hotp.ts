/**
 * HOTP (RFC 4226) over HMAC-SHA-1/256/512 (RFC 6238 §1.2 allows the SHA-2 variants), computed by
 * @noble/hashes (audited; already our HKDF's HMAC). Tested against RFC 4226 Appendix D and RFC 6238
 * Appendix B in tests/unit/totp/vectors.test.ts.
 *
 * Safety fact: the counter is a 64-bit big-endian integer (RFC 4226 §5.2); JavaScript numbers are
 * exact only to 2^53, far beyond any TOTP step count (2^53 steps of 1 s is 285 million years).
 */

import { hmac } from '@noble/hashes/hmac.js';
import { sha1 } from '@noble/hashes/legacy.js';
import { sha256, sha512 } from '@noble/hashes/sha2.js';
import type { OtpAlgorithm, OtpEncoder } from './types';

const HASHES = { SHA1: sha1, SHA256: sha256, SHA512: sha512 } as const;

/** Steam Guard's 26-letter alphabet (no vowels-that-spell-words, no 0/1/O/I look-alikes). */
const STEAM_ALPHABET = '23456789BCDFGHJKMNPQRTVWXY';

/** The counter as the 8-byte big-endian message of RFC 4226 §5.2. */
function counterBytes(counter: number): Uint8Array {
  if (!Number.isSafeInteger(counter) || counter < 0) {
    throw new RangeError('HOTP counter must be a non-negative safe integer');
  }
  const bytes = new Uint8Array(8);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, Math.floor(counter / 2 ** 32));
  view.setUint32(4, counter >>> 0);
  return bytes;
}

/** Dynamic truncation, RFC 4226 §5.3: 31 bits taken at the offset the last nibble names. */
function truncate(mac: Uint8Array): number {
  const view = new DataView(mac.buffer, mac.byteOffset, mac.byteLength);
  const offset = view.getUint8(mac.byteLength - 1) & 0x0f;
  return view.getUint32(offset) & 0x7fffffff;
}

function encode(value: number, digits: number, encoder: OtpEncoder): string {
  if (encoder === 'steam') {
    // Steam's scheme (as in SteamAuth and KeePassXC): repeated division by the alphabet's size,
    // least significant letter first.
    let rest = value;
    let text = '';
    for (let i = 0; i < digits; i++) {
      text += STEAM_ALPHABET[rest % STEAM_ALPHABET.length];
      rest = Math.floor(rest / STEAM_ALPHABET.length);
    }
    return text;
  }
  return (value % 10 ** digits).toString().padStart(digits, '0');
}

/** One HOTP value for `counter`. */
export function hotp(
  secret: Uint8Array,
  counter: number,
  algorithm: OtpAlgorithm,
  digits: number,
  encoder: OtpEncoder = 'decimal',
): string {
  const mac = hmac(HASHES[algorithm], secret, counterBytes(counter));
  return encode(truncate(mac), digits, encoder);
}
