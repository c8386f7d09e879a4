/**
 * The sync server's app password at rest: sealed with AES-256-GCM under a device key, a WebCrypto
 * CryptoKey made non-extractable and stored beside it in IndexedDB.
 *
 * Why not under the vault key: a locked device must still reach the server to find a master
 * password changed on another device (src/sync/unlock.ts); sealed under the vault key, the
 * credential would need the old password to fetch the new one. Why not in clear: no script of the
 * extension, no export of storage and no look at the database in devtools shows it, since the key
 * cannot be exported by script (extractable: false) and a copy of the record alone does not open.
 *
 * What it does NOT stop (SECURITY.md, "Sync"): the browser writes the device key's bytes into the
 * same profile folder, so a thief of the whole profile folder who decodes the browser's IndexedDB
 * serialisation gets the app password. That gives the server's copy of sealed objects (the same
 * as the vault on the disk they already hold) and the power to delete or withhold them, never
 * an item: every object is sealed with the vault key.
 */

import { utf8Decode, utf8Encode } from '../crypto/encoding';
import { randomBytes } from '../crypto/random';

export interface SealedCredential {
  /** Non-extractable AES-GCM key, only ever used for this one credential. */
  deviceKey: CryptoKey;
  iv: Uint8Array;
  sealed: Uint8Array;
}

/** AAD: binds the sealed password to the server and account it was given for. */
function aad(url: string, username: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(utf8Encode(`tessera-sync-credential/v1\0${url}\0${username}`));
}

export async function sealCredential(
  url: string,
  username: string,
  password: string,
): Promise<SealedCredential> {
  const deviceKey = await crypto.subtle.generateKey({ name: 'AES-GCM', length: 256 }, false, [
    'encrypt',
    'decrypt',
  ]);
  const iv = Uint8Array.from(randomBytes(12));
  const sealed = new Uint8Array(
    await crypto.subtle.encrypt(
      { name: 'AES-GCM', iv, additionalData: aad(url, username) },
      deviceKey,
      Uint8Array.from(utf8Encode(password)),
    ),
  );
  return { deviceKey, iv, sealed };
}

/** The app password, or throws if the record was altered or moved to another server or account. */
export async function openCredential(
  url: string,
  username: string,
  stored: SealedCredential,
): Promise<string> {
  const plain = await crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: Uint8Array.from(stored.iv), additionalData: aad(url, username) },
    stored.deviceKey,
    Uint8Array.from(stored.sealed),
  );
  return utf8Decode(new Uint8Array(plain));
}
