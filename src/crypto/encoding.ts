// Byte/text conversions: UTF-8 (RFC 3629 via the WHATWG Encoding Standard), base64 and
// base16/hex (RFC 4648 §4 and §8), plus concatenation and wiping of byte arrays.
//
// Hex is noble's (bytesToHex/hexToBytes from @noble/ciphers); base64 and base64url are @scure/base's
// (the same authors' audited codecs, strict about padding bits), in place of 70 hand-written lines.
// Uint8Array.fromBase64 would do, but Node 20 (the unit tests) does not have it.
//
// Safety fact: every decoder here is strict and throws on malformed input (invalid UTF-8,
// non-alphabet or non-canonical base64, odd-length hex) rather than guessing, so two
// different encoded strings can never silently decode to the same bytes.

import { bytesToHex, hexToBytes } from '@noble/ciphers/utils.js';
import { base64, base64urlnopad } from '@scure/base';
import { assertBytes } from './checks';

// fatal: invalid UTF-8 throws instead of becoming U+FFFD. ignoreBOM: a leading U+FEFF is
// kept as text rather than stripped, so utf8Decode(utf8Encode(s)) === s for every s.
const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const encoder = new TextEncoder();

// A lone (unpaired) UTF-16 surrogate is not a Unicode scalar value. TextEncoder would
// replace it with U+FFFD, so two different strings (say, two passwords) could encode to
// the same bytes; we refuse instead, mirroring the fatal decoder.
const LONE_SURROGATE = /\p{Surrogate}/u;

/** UTF-8 encodes `s`. Throws TypeError if `s` contains an unpaired surrogate. */
export function utf8Encode(s: string): Uint8Array {
  if (typeof s !== 'string') throw new TypeError(`utf8Encode: expected a string, got ${typeof s}`);
  if (LONE_SURROGATE.test(s)) {
    throw new TypeError('utf8Encode: string contains an unpaired UTF-16 surrogate');
  }
  return encoder.encode(s);
}

/** Decodes UTF-8. Throws TypeError on any invalid sequence (overlong, surrogate, truncated). */
export function utf8Decode(b: Uint8Array): string {
  assertBytes(b, 'utf8Decode input');
  return decoder.decode(b);
}

/** Standard base64 with padding (RFC 4648 §4). */
export function toBase64(b: Uint8Array): string {
  assertBytes(b, 'toBase64 input');
  return base64.encode(b);
}

/**
 * Decodes standard padded base64 (RFC 4648 §4). Strict: rejects whitespace, the URL-safe
 * alphabet, missing or misplaced padding, and non-zero pad bits (RFC 4648 §3.5), so each
 * byte string has exactly one accepted encoding. Throws SyntaxError; the message never repeats
 * the input (the codec's own does, and the input may be a key).
 */
export function fromBase64(s: string): Uint8Array {
  if (typeof s !== 'string') throw new TypeError(`fromBase64: expected a string, got ${typeof s}`);
  if (s.length % 4 !== 0) {
    throw new SyntaxError(`fromBase64: length ${s.length} is not a multiple of 4`);
  }
  return strictly('fromBase64', () => base64.decode(s));
}

/** base64url without padding (RFC 4648 §5), as WebAuthn uses for credential ids. */
export function toBase64Url(b: Uint8Array): string {
  assertBytes(b, 'toBase64Url input');
  return base64urlnopad.encode(b);
}

/** Decodes unpadded base64url (RFC 4648 §5); strict like fromBase64. Throws SyntaxError. */
export function fromBase64Url(s: string): Uint8Array {
  if (typeof s !== 'string') throw new TypeError(`fromBase64Url: expected a string, got ${typeof s}`);
  if (/[+/=]/.test(s)) throw new SyntaxError('fromBase64Url: standard base64 characters in base64url text');
  return strictly('fromBase64Url', () => base64urlnopad.decode(s));
}

/** Runs a @scure/base decode, turning its error (which quotes the offending input) into ours. */
function strictly(name: string, decode: () => Uint8Array): Uint8Array {
  try {
    return decode();
  } catch {
    throw new SyntaxError(
      `${name}: not canonical base64 (a character outside the alphabet, misplaced padding or non-zero padding bits)`,
    );
  }
}

/** Lowercase hex (RFC 4648 §8, lowercase as is conventional for digests and test vectors). */
export function toHex(b: Uint8Array): string {
  assertBytes(b, 'toHex input');
  return bytesToHex(b);
}

/**
 * Decodes hex (either case). Throws SyntaxError on odd length or a non-hex character. The message
 * never repeats the input (noble's does, and the input may be a key).
 */
export function fromHex(s: string): Uint8Array {
  if (typeof s !== 'string') throw new TypeError(`fromHex: expected a string, got ${typeof s}`);
  if (s.length % 2 !== 0) throw new SyntaxError(`fromHex: odd length ${s.length}`);
  try {
    return hexToBytes(s);
  } catch {
    throw new SyntaxError('fromHex: a character is not a hex digit (0-9, a-f, A-F)');
  }
}

/** Returns a new array holding the parts back to back. The parts are not modified. */
export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  let total = 0;
  for (const [i, p] of parts.entries()) {
    assertBytes(p, `concatBytes part ${i}`);
    total += p.length;
  }
  const out = new Uint8Array(total);
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/**
 * Overwrites each buffer with zeros. Best effort: it clears this copy only; JavaScript
 * strings and any copies a library or the engine made cannot be wiped.
 */
export function wipe(...bufs: Uint8Array[]): void {
  for (const [i, b] of bufs.entries()) {
    assertBytes(b, `wipe argument ${i}`);
    b.fill(0);
  }
}
