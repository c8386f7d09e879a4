/**
 * The stored vault format, version 2. Everything that reaches IndexedDB is described here.
 *
 * Layout (one IndexedDB database, seven object stores):
 *   meta      'header'   plaintext: format version, vault id, creation time
 *             'manifest' sealed: which overview chunks exist, so a deleted chunk is noticed
 *             'firstScreen' sealed, optional: the first rows of the list and the item count, bound
 *             to the manifest it was written with, so an unlock answers before reading every chunk
 *             (first-screen.ts; additive: older releases ignore it, a vault without it opens)
 *             'listOrder' sealed, optional: where each overview stands in list order, bound to
 *             the manifest like the first screen, so opening does not sort (list-order.ts;
 *             additive in the same way)
 *   wrappers  one record per way to open the vault (password, WebAuthn PRF credential, recovery
 *             key); each seals the same random 256-bit vault key under its own wrapping key
 *   chunks    sealed arrays of item overviews (name, username, URLs), CHUNK_CAPACITY per record,
 *             so listing 10,000 items costs ~40 decryptions instead of 10,000
 *   items     one sealed record per item holding the whole item (overview and secrets); read
 *             only when an item is opened or filled, and the source to rebuild a damaged chunk
 *   sync      (format 2) sync's device state ('state': plaintext ids, version vectors, the sealed
 *             pending upload) and its server ('config': URL, user name, the app password sealed
 *             under a device key; src/sync/credential.ts); empty while sync is off
 *   syncVersions (format 2) per item id: its sync version (vector, HLC, deleted), plaintext
 *   changes   (format 2) ids of items this device wrote since sync took them, written in the
 *             same transaction as the item (a batch skips it while sync is off: store.ts,
 *             writeItemBatch)
 *
 * Every sealed value is XChaCha20-Poly1305 with associated data naming the format, the vault, the
 * record kind and the record id (recordAad). A record copied to another slot, another kind or
 * another vault fails to open. Wrapper AAD also covers the wrapper's plaintext parameters (KDF
 * settings, salts, credential id), so editing them breaks the wrapper instead of weakening it.
 */

import { NONCE_BYTES } from '../crypto/aead';
import { toHex, utf8Encode } from '../crypto/encoding';
import type { ItemOverview, UrlMatch } from './types';

export const FORMAT_VERSION = 2;
export const DB_NAME = 'tessera-vault';
/** 256 overviews of ~150 bytes: ~40 KB per chunk, cheap to rewrite on every item change. */
export const CHUNK_CAPACITY = 256;

export type RecordKind = 'wrapper' | 'manifest' | 'chunk' | 'item' | 'first-screen' | 'list-order';

export interface HeaderRecord {
  formatVersion: number;
  vaultId: string;
  createdAt: number;
}

/** A sealed record: nonce || ciphertext || tag, bound by AAD to (vault, kind, id). */
export interface SealedRecord {
  id: string;
  sealed: Uint8Array;
}

/** Plaintext of the manifest record. */
export interface Manifest {
  chunkIds: string[];
  /** Bumped on every write; lets a reader notice a concurrent change. */
  revision: number;
}

export interface StoredKdf {
  algorithm: 'argon2id';
  memoryKiB: number;
  iterations: number;
  parallelism: number;
  salt: Uint8Array;
}

export interface PasswordWrapper {
  id: 'password';
  kind: 'password';
  kdf: StoredKdf;
  wrappedKey: Uint8Array;
  createdAt: number;
}

/** The recovery key is 256 random bits, so it needs no password hashing: HKDF is enough. */
export interface RecoveryWrapper {
  id: 'recovery';
  kind: 'recovery';
  wrappedKey: Uint8Array;
  createdAt: number;
}

export interface PrfWrapper {
  /** `prf:` + base64url credential id. */
  id: string;
  kind: 'prf';
  credentialId: Uint8Array;
  prfSalt: Uint8Array;
  label: string;
  wrappedKey: Uint8Array;
  createdAt: number;
}

export type WrapperRecord = PasswordWrapper | RecoveryWrapper | PrfWrapper;

/**
 * The sealing of records has not changed since format 1 (format 2 only added sync's stores), so
 * every record, old or new, is bound to 'tessera/v1'. A format that changes how records are sealed
 * needs a new prefix and a migration that re-seals them after unlock. The biometric and recovery
 * wrapping keys' HKDF info strings (wrappers.ts) start with it too.
 */
export const SEAL_PREFIX = 'tessera/v1';

/** Associated data for a sealed record: fields joined by NUL, which no id or kind contains. */
export function recordAad(vaultId: string, kind: RecordKind, recordId: string, extra = ''): Uint8Array {
  return utf8Encode([SEAL_PREFIX, vaultId, kind, recordId, extra].join('\u0000'));
}

/**
 * The manifest record's nonce, as hex: what a record derived from one index revision (the first
 * screen, the list order) puts in its associated data. The nonce is random for every seal, so
 * such a record opens only beside the very manifest it was written with.
 */
export function manifestBinding(manifest: SealedRecord): string {
  return toHex(manifest.sealed.subarray(0, NONCE_BYTES));
}

/**
 * The plaintext parameters of a wrapper, in a fixed order, for its AAD. Any change to them (a
 * lowered KDF cost, a swapped salt or credential id) makes the wrapped key fail to open.
 */
export function wrapperParams(w: WrapperRecord): string {
  const hex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
  switch (w.kind) {
    case 'recovery':
      return [w.kind, w.createdAt].join('|');
    case 'password':
      return [
        w.kind,
        w.kdf.algorithm,
        w.kdf.memoryKiB,
        w.kdf.iterations,
        w.kdf.parallelism,
        hex(w.kdf.salt),
        w.createdAt,
      ].join('|');
    case 'prf':
      return [w.kind, hex(w.credentialId), hex(w.prfSalt), w.label, w.createdAt].join('|');
  }
}

export function chunkId(n: number): string {
  return `c${n.toString().padStart(5, '0')}`;
}

/**
 * Overviews are stored as tuples, not objects: repeating seven key names 10,000 times would add a
 * quarter to what every unlock decrypts and parses. Order: id, name, username, urls, match,
 * favorite (0/1), updatedAt, and an optional eighth member, the RP IDs of the item's passkeys,
 * written only for items that have one. Like an optional item field it needs no new format: a
 * chunk written before passkeys has seven members everywhere and reads as "no passkeys".
 */
export type OverviewTuple =
  | [string, string, string, string[], UrlMatch, 0 | 1, number]
  | [string, string, string, string[], UrlMatch, 0 | 1, number, string[]];

export function encodeOverviews(list: readonly ItemOverview[]): OverviewTuple[] {
  return list.map((o) => {
    const tuple: OverviewTuple = [o.id, o.name, o.username, o.urls, o.match, o.favorite ? 1 : 0, o.updatedAt];
    return o.passkeyRpIds?.length ? [...tuple, o.passkeyRpIds] : tuple;
  });
}

/**
 * The chunk was authenticated before this runs, so only our own writer produced it; the checks
 * guard against our own format mistakes, cheaply (one pass, no schema library on the hot path).
 */
export function decodeOverviews(value: unknown): ItemOverview[] {
  if (!Array.isArray(value)) throw new TypeError('overview chunk is not a list');
  return value.map((t: unknown) => {
    if (!Array.isArray(t) || (t.length !== 7 && t.length !== 8) || typeof t[0] !== 'string') {
      throw new TypeError('bad overview');
    }
    const [id, name, username, urls, match, favorite, updatedAt, passkeyRpIds] = t as OverviewTuple;
    const overview: ItemOverview = { id, name, username, urls, match, favorite: favorite === 1, updatedAt };
    if (Array.isArray(passkeyRpIds)) overview.passkeyRpIds = passkeyRpIds;
    return overview;
  });
}
