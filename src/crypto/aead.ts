// Authenticated encryption with XChaCha20-Poly1305 (draft-irtf-cfrg-xchacha-03 §2, built on
// ChaCha20-Poly1305 of RFC 8439), computed by @noble/ciphers. Sealed output is
// nonce (24 bytes) || ciphertext || Poly1305 tag (16 bytes).
//
// Safety fact: open() either returns the whole authenticated plaintext or throws
// DecryptError; it never returns bytes from data whose tag failed, and a wrong key, a
// tampered byte and a wrong `aad` are all the same DecryptError. The 24-byte nonce is
// random per seal(), which is safe for any realistic number of messages under one key
// (the 192-bit nonce is the point of the construction, draft-irtf-cfrg-xchacha §2.1); never
// reuse a nonce with the same key.

import { xchacha20poly1305 } from '@noble/ciphers/chacha.js';
import { assertBytes } from './checks';
import { concatBytes } from './encoding';
import { randomBytes } from './random';

export const KEY_BYTES = 32;
export const NONCE_BYTES = 24;
/** Poly1305 tag length (RFC 8439 §2.5). */
const TAG_BYTES = 16;

/** The sealed data did not authenticate under this key and aad, or is too short to be sealed data. */
export class DecryptError extends Error {
  override readonly name = 'DecryptError';
}

/**
 * Encrypts and authenticates `plaintext`, also authenticating (not encrypting) `aad`.
 * Returns nonce || ciphertext || tag, with a fresh random nonce.
 */
export function seal(key: Uint8Array, plaintext: Uint8Array, aad: Uint8Array): Uint8Array {
  assertBytes(key, 'aead key', KEY_BYTES);
  assertBytes(plaintext, 'aead plaintext');
  assertBytes(aad, 'aead aad');
  const nonce = randomBytes(NONCE_BYTES);
  return concatBytes(nonce, xchacha20poly1305(key, nonce, aad).encrypt(plaintext));
}

/**
 * Verifies and decrypts the output of seal() under `key` and the same `aad`.
 * Throws DecryptError on input too short to hold a nonce and tag, or on authentication
 * failure; throws TypeError/RangeError only for programmer errors (e.g. a 31-byte key).
 */
export function open(key: Uint8Array, sealed: Uint8Array, aad: Uint8Array): Uint8Array {
  assertBytes(key, 'aead key', KEY_BYTES);
  assertBytes(sealed, 'aead sealed data');
  assertBytes(aad, 'aead aad');
  if (sealed.length < NONCE_BYTES + TAG_BYTES) {
    throw new DecryptError(
      `sealed data is ${sealed.length} bytes, shorter than nonce + tag (${NONCE_BYTES + TAG_BYTES})`,
    );
  }
  const nonce = sealed.subarray(0, NONCE_BYTES);
  const ciphertextAndTag = sealed.subarray(NONCE_BYTES);
  try {
    // @noble/ciphers checks the tag (in constant time) before decrypting anything.
    return xchacha20poly1305(key, nonce, aad).decrypt(ciphertextAndTag);
  } catch (cause) {
    throw new DecryptError('decryption failed: wrong key, wrong context, or tampered data', { cause });
  }
}

/**
 * TEST / KNOWN-ANSWER USE ONLY. Encrypts with a caller-chosen nonce and returns
 * ciphertext || tag without the nonce prefix, so published vectors can be checked.
 * Application code must use seal(): encrypting two messages with one key and one nonce
 * reveals their XOR and lets an attacker forge tags.
 */
export function sealWithNonce(
  key: Uint8Array,
  nonce: Uint8Array,
  plaintext: Uint8Array,
  aad: Uint8Array,
): Uint8Array {
  assertBytes(key, 'aead key', KEY_BYTES);
  assertBytes(nonce, 'aead nonce', NONCE_BYTES);
  assertBytes(plaintext, 'aead plaintext');
  assertBytes(aad, 'aead aad');
  return xchacha20poly1305(key, nonce, aad).encrypt(plaintext);
}
