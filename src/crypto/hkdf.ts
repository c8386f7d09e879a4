// HKDF with HMAC-SHA-256 (RFC 5869), computed by @noble/hashes. Derives independent
// sub-keys from one high-entropy key, each bound to a distinct `info` label.
//
// Safety fact: HKDF does not strengthen weak input. Feed it a uniformly random key (such as
// the Argon2id output), never a password; distinct purposes must use distinct `info`.

import { hkdf } from '@noble/hashes/hkdf.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { assertBytes, assertIntInRange } from './checks';

/** SHA-256 output size; RFC 5869 §2.3 caps the output at 255 of these. */
const HASH_LEN = 32;
const MAX_OUTPUT = 255 * HASH_LEN;

/**
 * HKDF-Extract then HKDF-Expand (RFC 5869 §2.2, §2.3) to `length` bytes, 1..8160.
 * An empty `salt` means "no salt" and is equivalent to HashLen zero bytes (§2.2).
 */
export function hkdfSha256(ikm: Uint8Array, salt: Uint8Array, info: Uint8Array, length: number): Uint8Array {
  assertBytes(ikm, 'hkdf ikm');
  assertBytes(salt, 'hkdf salt');
  assertBytes(info, 'hkdf info');
  assertIntInRange(length, 'hkdf length', 1, MAX_OUTPUT);
  return hkdf(sha256, ikm, salt, info, length);
}
