/**
 * ES256 passkey keys: ECDSA on P-256 with SHA-256 (COSE algorithm -7, RFC 9053 §2.1), through
 * WebCrypto, which the background service worker, Firefox's background page and Node all have.
 *
 * Keys are generated extractable only to be written once as PKCS#8 into the sealed item; signing
 * imports them again as non-extractable. WebCrypto signs in IEEE P1363 form (r || s, 64 bytes);
 * WebAuthn wants ASN.1 DER for ES256 (WebAuthn §6.5.5), converted here.
 */

import { concatBytes, fromBase64Url, toBase64Url } from '../crypto/encoding';
import type { CborMap } from './cbor';

export const ES256 = -7;
const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGN = { name: 'ECDSA', hash: 'SHA-256' } as const;

export interface NewKeyPair {
  /** PKCS#8, base64url: what the item stores. */
  privateKey: string;
  /** The public key as a COSE_Key map (RFC 9053 §7.1.1, EC2). */
  cosePublicKey: CborMap;
  /** SubjectPublicKeyInfo DER, for the response's getPublicKey(). */
  spki: Uint8Array;
}

export async function generateEs256(): Promise<NewKeyPair> {
  const pair = (await crypto.subtle.generateKey(ALGORITHM, true, ['sign', 'verify'])) as CryptoKeyPair;
  const [pkcs8, raw, spki] = await Promise.all([
    crypto.subtle.exportKey('pkcs8', pair.privateKey),
    crypto.subtle.exportKey('raw', pair.publicKey),
    crypto.subtle.exportKey('spki', pair.publicKey),
  ]);
  const point = new Uint8Array(raw); // 0x04 || x (32) || y (32)
  const cosePublicKey: CborMap = new Map<number, number | Uint8Array>([
    [1, 2], // kty: EC2
    [3, ES256], // alg
    [-1, 1], // crv: P-256
    [-2, point.slice(1, 33)], // x
    [-3, point.slice(33, 65)], // y
  ]);
  return { privateKey: toBase64Url(new Uint8Array(pkcs8)), cosePublicKey, spki: new Uint8Array(spki) };
}

/** Signs `data` with a stored PKCS#8 key; returns the DER signature WebAuthn expects. */
export async function signEs256(privateKey: string, data: Uint8Array): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey(
    'pkcs8',
    arrayBuffer(fromBase64Url(privateKey)),
    ALGORITHM,
    false,
    ['sign'],
  );
  const p1363 = new Uint8Array(await crypto.subtle.sign(SIGN, key, arrayBuffer(data)));
  return p1363ToDer(p1363);
}

/** Checks that a stored key is a usable P-256 private key (imports, before saving). */
export async function isUsableEs256Key(privateKey: string): Promise<boolean> {
  try {
    await crypto.subtle.importKey('pkcs8', arrayBuffer(fromBase64Url(privateKey)), ALGORITHM, false, [
      'sign',
    ]);
    return true;
  } catch {
    return false;
  }
}

/** r || s (32 bytes each) as DER: SEQUENCE { INTEGER r, INTEGER s } (SEC 1 §C.8, X.690). */
export function p1363ToDer(sig: Uint8Array): Uint8Array {
  if (sig.length !== 64) throw new RangeError('ES256 signature must be 64 bytes');
  const r = derInteger(sig.subarray(0, 32));
  const s = derInteger(sig.subarray(32));
  return concatBytes(Uint8Array.of(0x30, r.length + s.length), r, s);
}

/** A positive big-endian integer: leading zeros dropped, one 0x00 added if the top bit is set. */
function derInteger(bytes: Uint8Array): Uint8Array {
  let i = 0;
  while (i < bytes.length - 1 && bytes[i] === 0) i++;
  const trimmed = bytes.subarray(i);
  const body = trimmed[0]! & 0x80 ? concatBytes(Uint8Array.of(0), trimmed) : trimmed;
  return concatBytes(Uint8Array.of(0x02, body.length), body);
}

/** A standalone ArrayBuffer with these bytes: WebCrypto's BufferSource, never a shared view. */
function arrayBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.slice().buffer as ArrayBuffer;
}
