/**
 * Passkeys in Bitwarden's JSON export: login.fido2Credentials, read by the Bitwarden importer and
 * written by the Bitwarden exporter, so a passkey moves between Tessera, Bitwarden and the managers
 * that read Bitwarden's format (KeePassXC, Proton Pass) with its key.
 *
 * Bitwarden's shape (as in KeePassXC's test data, ../shared/corpus): credentialId a UUID (16 bytes)
 * or "b64." + base64url; keyType "public-key", keyAlgorithm "ECDSA", keyCurve "P-256"; keyValue the
 * PKCS#8 private key in base64url; counter and discoverable as strings; creationDate ISO.
 *
 * Counter: Tessera reports 0 for every passkey (authenticator-data.ts SIGN_COUNT), so imported
 * counters are reset to 0 as the FIDO Credential Exchange Format asks of importers, and exports say 0.
 */

import { fromBase64Url, fromHex, toBase64Url, toHex } from '../crypto/encoding';
import { LIMITS } from '../vault/item-schema';
import type { StoredPasskey } from '../vault/types';
import { isObject, type JsonObject, str as text } from './json';

/** The DER of the OIDs id-ecPublicKey (1.2.840.10045.2.1) and prime256v1 (1.2.840.10045.3.1.7). */
const EC_PUBLIC_KEY_OID = '06072a8648ce3d0201';
const P256_OID = '06082a8648ce3d030107';

/** Bitwarden's fido2Credentials of one login as Tessera passkeys; `unusable` counts the rest. */
export function passkeysFromFido2(list: readonly unknown[]): { passkeys: StoredPasskey[]; unusable: number } {
  const passkeys: StoredPasskey[] = [];
  for (const raw of list) {
    const passkey = isObject(raw) ? fromFido2(raw) : null;
    if (passkey) passkeys.push(passkey);
  }
  return { passkeys, unusable: list.length - passkeys.length };
}

function fromFido2(c: JsonObject): StoredPasskey | null {
  if (c.keyType !== 'public-key' || c.keyAlgorithm !== 'ECDSA' || c.keyCurve !== 'P-256') return null;
  const credentialId = credentialIdOf(text(c.credentialId));
  const privateKey = base64urlOf(text(c.keyValue));
  const rpId = text(c.rpId).trim().toLowerCase();
  const userHandle = c.userHandle == null ? '' : base64urlOf(text(c.userHandle));
  if (!credentialId || !privateKey || !isP256Pkcs8(privateKey) || !rpId || rpId.length > LIMITS.rpId)
    return null;
  if (userHandle === null) return null;
  const created = Date.parse(text(c.creationDate));
  return {
    credentialId,
    rpId,
    userHandle,
    userName: text(c.userName),
    userDisplayName: text(c.userDisplayName),
    privateKey,
    algorithm: -7,
    counter: 0,
    createdAt: Number.isNaN(created) ? Date.now() : created,
    discoverable: c.discoverable === true || c.discoverable === 'true',
  };
}

/** Tessera passkeys as Bitwarden fido2Credentials. */
export function fido2FromPasskeys(passkeys: readonly StoredPasskey[], iso: (ms: number) => string | null) {
  return passkeys.map((p) => ({
    credentialId: `b64.${p.credentialId}`,
    keyType: 'public-key',
    keyAlgorithm: 'ECDSA',
    keyCurve: 'P-256',
    keyValue: p.privateKey,
    rpId: p.rpId,
    userHandle: p.userHandle === '' ? null : p.userHandle,
    userName: p.userName === '' ? null : p.userName,
    counter: String(p.counter),
    rpName: p.rpId,
    userDisplayName: p.userDisplayName === '' ? null : p.userDisplayName,
    discoverable: String(p.discoverable),
    creationDate: iso(p.createdAt),
  }));
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** "b64.<base64url>" or a UUID (its 16 bytes, as Bitwarden stores them) as base64url. */
function credentialIdOf(value: string): string | null {
  if (value.startsWith('b64.')) return base64urlOf(value.slice(4));
  if (!UUID.test(value)) return null;
  return toBase64Url(fromHex(value.replaceAll('-', '')));
}

/** Base64url (or standard base64, which some exporters write) as canonical unpadded base64url. */
function base64urlOf(value: string): string | null {
  const url = value.trim().replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
  try {
    return url === '' ? null : toBase64Url(fromBase64Url(url));
  } catch {
    return null;
  }
}

/** A PKCS#8 key for an EC key on P-256, by its algorithm identifier. */
function isP256Pkcs8(privateKey: string): boolean {
  if (privateKey.length > LIMITS.privateKey) return false;
  const hex = toHex(fromBase64Url(privateKey));
  return hex.startsWith('30') && hex.includes(EC_PUBLIC_KEY_OID + P256_OID);
}
