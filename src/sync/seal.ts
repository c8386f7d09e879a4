/**
 * Sealing sync objects: JSON, framed and padded, then XChaCha20-Poly1305 under the vault key
 * (src/crypto/aead.ts) with associated data naming the vault, the object kind and the object name.
 *
 * Safety facts: an object moved to another name, kind or vault does not open (the AAD differs);
 * a truncated or altered object does not open (the tag fails); and every plaintext is padded to the
 * Padmé length (Nikitin et al., "Reducing Metadata Leakage from Encrypted Files and Communication
 * with PURBs", PETS 2019, §4), at most ~12% larger, never under MIN_PADDED bytes, so an object's
 * size says roughly how much changed, not how many items or how long a password is.
 */

import { DecryptError, open, seal } from '../crypto/aead';
import { utf8Decode, utf8Encode } from '../crypto/encoding';

export type ObjectKind = 'batch' | 'snapshot' | 'keyring' | 'handover';

const AAD_PREFIX = 'tessera-sync/v1';
const LENGTH_BYTES = 4;
export const MIN_PADDED = 512;

export function objectAad(vaultId: string, kind: ObjectKind, name: string): Uint8Array {
  return utf8Encode([AAD_PREFIX, vaultId, kind, name].join('\u0000'));
}

/** Padmé: rounds `length` up so that only O(log log length) bits of it remain. */
export function padme(length: number): number {
  if (length < 2) return length;
  const e = Math.floor(Math.log2(length));
  const s = Math.floor(Math.log2(e)) + 1;
  const mask = 2 ** (e - s) - 1;
  return Math.ceil((length + mask) / (mask + 1)) * (mask + 1);
}

/** length (4 bytes, big-endian) || bytes || zeros, to the padded size. */
export function pad(bytes: Uint8Array): Uint8Array {
  const out = new Uint8Array(Math.max(MIN_PADDED, padme(LENGTH_BYTES + bytes.length)));
  new DataView(out.buffer).setUint32(0, bytes.length);
  out.set(bytes, LENGTH_BYTES);
  return out;
}

export function unpad(padded: Uint8Array): Uint8Array {
  if (padded.length < LENGTH_BYTES) throw new DecryptError('padded object too short');
  const length = new DataView(padded.buffer, padded.byteOffset, padded.byteLength).getUint32(0);
  if (length > padded.length - LENGTH_BYTES) throw new DecryptError('padded length out of range');
  return padded.subarray(LENGTH_BYTES, LENGTH_BYTES + length);
}

export function sealObject(
  key: Uint8Array,
  vaultId: string,
  kind: ObjectKind,
  name: string,
  value: unknown,
): Uint8Array {
  return seal(key, pad(utf8Encode(JSON.stringify(value))), objectAad(vaultId, kind, name));
}

/** Opens an object sealed by sealObject; throws DecryptError if it was altered, cut or moved. */
export function openObject(
  key: Uint8Array,
  vaultId: string,
  kind: ObjectKind,
  name: string,
  body: Uint8Array,
): unknown {
  const plain = unpad(open(key, body, objectAad(vaultId, kind, name)));
  try {
    return JSON.parse(utf8Decode(plain));
  } catch (cause) {
    throw new DecryptError('object is not JSON', { cause });
  }
}

/** Padding without encryption, for the plaintext parts of a key ring. */
export function padJson(value: unknown): Uint8Array {
  return pad(utf8Encode(JSON.stringify(value)));
}

export function unpadJson(body: Uint8Array): unknown {
  try {
    return JSON.parse(utf8Decode(unpad(body)));
  } catch (cause) {
    throw new DecryptError('object is not padded JSON', { cause });
  }
}
