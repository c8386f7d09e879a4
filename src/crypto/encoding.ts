// Byte/text conversions: UTF-8 (RFC 3629 via the WHATWG Encoding Standard), base64 and
// base16/hex (RFC 4648 §4 and §8), plus concatenation and wiping of byte arrays.
//
// Hex is noble's (bytesToHex/hexToBytes from @noble/ciphers, already a dependency). Base64 stays
// written here: neither noble package ships one, Uint8Array.fromBase64 is not in Node 20 or every
// supported browser yet, and adding @scure/base would be a new dependency for 60 lines.
//
// Safety fact: every decoder here is strict and throws on malformed input (invalid UTF-8,
// non-alphabet or non-canonical base64, odd-length hex) rather than guessing, so two
// different encoded strings can never silently decode to the same bytes.

import { bytesToHex, hexToBytes } from '@noble/ciphers/utils.js';
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

const B64_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
// Char code -> 6-bit value, -1 for characters outside the RFC 4648 §4 alphabet.
const B64_DECODE = new Int8Array(128).fill(-1);
for (let i = 0; i < B64_ALPHABET.length; i++) B64_DECODE[B64_ALPHABET.charCodeAt(i)] = i;

/** Standard base64 with padding (RFC 4648 §4). */
export function toBase64(b: Uint8Array): string {
  assertBytes(b, 'toBase64 input');
  let out = '';
  let i = 0;
  for (; i + 3 <= b.length; i += 3) {
    const n = (b[i]! << 16) | (b[i + 1]! << 8) | b[i + 2]!;
    out +=
      B64_ALPHABET[n >> 18]! +
      B64_ALPHABET[(n >> 12) & 63]! +
      B64_ALPHABET[(n >> 6) & 63]! +
      B64_ALPHABET[n & 63]!;
  }
  const rest = b.length - i;
  if (rest === 1) {
    const n = b[i]! << 16;
    out += `${B64_ALPHABET[n >> 18]!}${B64_ALPHABET[(n >> 12) & 63]!}==`;
  } else if (rest === 2) {
    const n = (b[i]! << 16) | (b[i + 1]! << 8);
    out += `${B64_ALPHABET[n >> 18]!}${B64_ALPHABET[(n >> 12) & 63]!}${B64_ALPHABET[(n >> 6) & 63]!}=`;
  }
  return out;
}

/**
 * Decodes standard padded base64 (RFC 4648 §4). Strict: rejects whitespace, the URL-safe
 * alphabet, missing or misplaced padding, and non-zero pad bits (RFC 4648 §3.5), so each
 * byte string has exactly one accepted encoding. Throws SyntaxError.
 */
export function fromBase64(s: string): Uint8Array {
  if (typeof s !== 'string') throw new TypeError(`fromBase64: expected a string, got ${typeof s}`);
  if (s.length % 4 !== 0) {
    throw new SyntaxError(`fromBase64: length ${s.length} is not a multiple of 4`);
  }
  const pad = s.endsWith('==') ? 2 : s.endsWith('=') ? 1 : 0;
  const dataChars = s.length - pad;
  const out = new Uint8Array((s.length / 4) * 3 - pad);
  const sextet = (index: number): number => {
    const code = s.charCodeAt(index);
    const v = code < 128 ? B64_DECODE[code]! : -1;
    if (v < 0) throw new SyntaxError(`fromBase64: invalid character at index ${index}`);
    return v;
  };
  let o = 0;
  let i = 0;
  for (; i + 4 <= dataChars; i += 4) {
    const n = (sextet(i) << 18) | (sextet(i + 1) << 12) | (sextet(i + 2) << 6) | sextet(i + 3);
    out[o++] = n >> 16;
    out[o++] = (n >> 8) & 0xff;
    out[o++] = n & 0xff;
  }
  if (pad === 2) {
    const a = sextet(i);
    const b = sextet(i + 1);
    if ((b & 0x0f) !== 0) throw new SyntaxError('fromBase64: non-zero padding bits (non-canonical encoding)');
    out[o] = (a << 2) | (b >> 4);
  } else if (pad === 1) {
    const a = sextet(i);
    const b = sextet(i + 1);
    const c = sextet(i + 2);
    if ((c & 0x03) !== 0) throw new SyntaxError('fromBase64: non-zero padding bits (non-canonical encoding)');
    out[o++] = (a << 2) | (b >> 4);
    out[o] = ((b & 0x0f) << 4) | (c >> 2);
  }
  return out;
}

/** base64url without padding (RFC 4648 §5), as WebAuthn uses for credential ids. */
export function toBase64Url(b: Uint8Array): string {
  return toBase64(b).replace(/=+$/, '').replaceAll('+', '-').replaceAll('/', '_');
}

/** Decodes unpadded base64url (RFC 4648 §5); strict like fromBase64. Throws SyntaxError. */
export function fromBase64Url(s: string): Uint8Array {
  if (typeof s !== 'string') throw new TypeError(`fromBase64Url: expected a string, got ${typeof s}`);
  if (/[+/=]/.test(s)) throw new SyntaxError('fromBase64Url: standard base64 characters in base64url text');
  const std = s.replaceAll('-', '+').replaceAll('_', '/');
  return fromBase64(std + '='.repeat((4 - (std.length % 4)) % 4));
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
