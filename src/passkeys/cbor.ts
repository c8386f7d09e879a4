/**
 * The little CBOR (RFC 8949) a passkey authenticator writes: the attestation object and the COSE
 * public key. Only what those need: integers, byte strings, text strings and maps.
 *
 * Output is deterministic (RFC 8949 §4.2.1, "core deterministic encoding"): shortest-form heads,
 * definite lengths, and map keys sorted by their encoded bytes, which CTAP2 §6 requires of an
 * authenticator ("canonical CBOR"). Tested against RFC 8949 Appendix A and decoded by
 * @simplewebauthn/server in tests/unit/passkeys.
 *
 * Safety fact: there is no decoder here. Tessera never parses CBOR from a page or a file.
 */

import { concatBytes, utf8Encode } from '../crypto/encoding';

export type CborValue = number | string | Uint8Array | CborMap;
export type CborMap = Map<number | string, CborValue>;

const MAJOR = { unsigned: 0, negative: 1, bytes: 2, text: 3, map: 5 } as const;

export function encodeCbor(value: CborValue): Uint8Array {
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw new RangeError('CBOR: only safe integers are supported');
    return value >= 0 ? head(MAJOR.unsigned, value) : head(MAJOR.negative, -1 - value);
  }
  if (typeof value === 'string') {
    const bytes = utf8Encode(value);
    return concatBytes(head(MAJOR.text, bytes.length), bytes);
  }
  if (value instanceof Uint8Array) return concatBytes(head(MAJOR.bytes, value.length), value);
  const entries = [...value].map(([k, v]) => [encodeCbor(k), encodeCbor(v)] as const);
  entries.sort(([a], [b]) => compareBytes(a, b));
  return concatBytes(head(MAJOR.map, entries.length), ...entries.flat());
}

/** The initial byte and argument (RFC 8949 §3), in its shortest form. */
function head(major: number, n: number): Uint8Array {
  const type = major << 5;
  if (n < 24) return Uint8Array.of(type | n);
  if (n < 0x100) return Uint8Array.of(type | 24, n);
  if (n < 0x1_0000) return Uint8Array.of(type | 25, n >> 8, n & 0xff);
  if (n < 0x1_0000_0000) {
    const out = new Uint8Array(5);
    out[0] = type | 26;
    new DataView(out.buffer).setUint32(1, n);
    return out;
  }
  const out = new Uint8Array(9);
  out[0] = type | 27;
  new DataView(out.buffer).setBigUint64(1, BigInt(n));
  return out;
}

/** Bytewise lexicographic order (RFC 8949 §4.2.1): a shorter key that is a prefix sorts first. */
function compareBytes(a: Uint8Array, b: Uint8Array): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}
