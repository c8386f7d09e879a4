/**
 * Authenticator data (WebAuthn Level 3 §6.1): rpIdHash (32) || flags (1) || signCount (4, big
 * endian) || attested credential data (§6.5.1: AAGUID (16) || credential id length (2) ||
 * credential id || COSE public key), the last only at registration.
 *
 * Flags, each set because it is true:
 * - UP (user present): the person clicked in Tessera's dialog; the caller never signs without it.
 * - UV (user verified): the vault is unlocked, which took the master password, a biometric or the
 *   recovery key, and Tessera's dialog shows only then.
 * - BE (backup eligible) and BS (backed up): the key lives in the vault, which the person can
 *   back up, export and sync; like every synced passkey provider, Tessera says so.
 * - AT (attested credential data) at registration.
 */

import { sha256 } from '@noble/hashes/sha2.js';
import { concatBytes, utf8Encode } from '../crypto/encoding';
import { type CborMap, encodeCbor } from './cbor';

export const FLAG = { UP: 0x01, UV: 0x04, BE: 0x08, BS: 0x10, AT: 0x40 } as const;

/**
 * Tessera's AAGUID: a random version 4 UUID chosen once for this authenticator (§6.5.1), so a relying
 * party can name "Tessera" in a passkey list. With attestation "none" it proves nothing, and is
 * not meant to.
 */
export const TESSERA_AAGUID = 'ceaa0b28-1468-4467-8144-ad89d098105d';

/**
 * The signature counter Tessera reports: always 0, meaning "this authenticator keeps no counter"
 * (§6.1.1), as Apple's and Google's synced passkeys do. A counter in a vault that is copied by
 * backup, export and sync cannot be kept monotonic: a restored or second copy would go backwards
 * and the relying party would flag a cloned key. Keeping one would also write the vault at every
 * sign-in. With 0, relying parties skip the counter check (@simplewebauthn/server accepts 0 after
 * 0). Imported passkeys are reset to 0 as well, as the FIDO Credential Exchange Format requires of
 * importers.
 */
export const SIGN_COUNT = 0;

export function rpIdHash(rpId: string): Uint8Array {
  return sha256(utf8Encode(rpId));
}

export function aaguidBytes(): Uint8Array {
  const hex = TESSERA_AAGUID.replaceAll('-', '');
  return Uint8Array.from({ length: 16 }, (_, i) => Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16));
}

export function authenticatorData(
  rpId: string,
  attested?: { credentialId: Uint8Array; cosePublicKey: CborMap },
): Uint8Array {
  const flags = FLAG.UP | FLAG.UV | FLAG.BE | FLAG.BS | (attested ? FLAG.AT : 0);
  const head = new Uint8Array(5);
  head[0] = flags;
  new DataView(head.buffer).setUint32(1, SIGN_COUNT);
  const parts = [rpIdHash(rpId), head];
  if (attested) {
    const length = new Uint8Array(2);
    new DataView(length.buffer).setUint16(0, attested.credentialId.length);
    parts.push(aaguidBytes(), length, attested.credentialId, encodeCbor(attested.cosePublicKey));
  }
  return concatBytes(...parts);
}
