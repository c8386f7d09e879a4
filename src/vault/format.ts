/**
 * The stored vault format, version 3. Everything that reaches IndexedDB is described here.
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
 *   chunks    sealed item overviews (name, username, URLs), CHUNK_CAPACITY per record, so
 *             listing 10,000 items costs ~40 decryptions instead of 10,000; format 3 writes them
 *             as text columns (encodeChunk), formats 1 and 2 as tuples (encodeOverviews), and
 *             both are read, so a chunk not written since format 3 still opens
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

export const FORMAT_VERSION = 3;
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
 * The sealing of records has not changed since format 1 (format 2 added sync's stores, format 3 a
 * new encoding inside the overview chunks), so every record, old or new, is bound to 'tessera/v1'.
 * A format that changes how records are sealed needs a new prefix and a migration that re-seals
 * them after unlock. The biometric and recovery wrapping keys' HKDF info strings (wrappers.ts)
 * start with it too.
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
 * Formats 1 and 2 stored a chunk's overviews as tuples, and the first-screen record still does (30
 * rows): repeating seven key names 10,000 times would add a quarter to what every unlock decrypts
 * and parses. Format 3 writes chunks as text columns instead (encodeChunk, below). Order: id, name,
 * username, urls, match, favorite (0/1), updatedAt, and an optional eighth member, the RP IDs of
 * the item's passkeys, written only for items that have one. Like an optional item field it needs no
 * new format: a chunk written before passkeys has seven members everywhere and reads as "no
 * passkeys".
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

/**
 * An overview chunk as format 3 writes it: text columns. Each text field of all the chunk's rows is
 * one string, the values written one after another, with each value's length beside it (`urls`
 * holds every URL of every row; `urlCount` says how many belong to each row).
 *
 * Why: opening 50,000 items spent most of its time above the AEAD in JSON.parse and the collector.
 * The tuple form (formats 1 and 2) makes one array and four or five strings per item, all copied
 * out of the JSON text and then moved by the collector. Here the parse makes a few long strings per
 * chunk, and each value is cut from its column with slice(), which for all but short values is a
 * view into the column, not a copy. Measured in Chromium, 50,000 overviews parsed and decoded:
 * 24-28 ms as tuples, 12.4 ms as columns (bench/README.md, "Overview text columns").
 *
 * Lengths count UTF-16 code units, as String.prototype.slice does; JSON keeps every string intact.
 */
export interface OverviewColumns {
  id: TextColumn;
  name: TextColumn;
  username: TextColumn;
  urls: TextColumn;
  urlCount: number[];
  match: UrlMatch[];
  favorite: (0 | 1)[];
  updatedAt: number[];
  /** Written only when a row of the chunk has passkeys; the other rows have an empty list. */
  passkeyRpIds?: string[][];
}

/** The values of one text field, concatenated, and each value's length. */
export type TextColumn = [text: string, lengths: number[]];

function textColumn(values: readonly string[]): TextColumn {
  return [values.join(''), values.map((v) => v.length)];
}

export function encodeChunk(list: readonly ItemOverview[]): OverviewColumns {
  const chunk: OverviewColumns = {
    id: textColumn(list.map((o) => o.id)),
    name: textColumn(list.map((o) => o.name)),
    username: textColumn(list.map((o) => o.username)),
    urls: textColumn(list.flatMap((o) => o.urls)),
    urlCount: list.map((o) => o.urls.length),
    match: list.map((o) => o.match),
    favorite: list.map((o) => (o.favorite ? 1 : 0)),
    updatedAt: list.map((o) => o.updatedAt),
  };
  if (list.some((o) => o.passkeyRpIds?.length)) chunk.passkeyRpIds = list.map((o) => o.passkeyRpIds ?? []);
  return chunk;
}

/** A text column's text and lengths, checked to be of the right kinds and count. */
function columnOf(name: string, column: unknown, values: number): TextColumn {
  if (!Array.isArray(column) || typeof column[0] !== 'string' || !Array.isArray(column[1])) {
    throw new TypeError(`bad overview column ${name}`);
  }
  if (column[1].length !== values) throw new TypeError(`overview column ${name} has the wrong length`);
  return column as TextColumn;
}

/** Lengths that do not add up to the text mean the rows would be cut in the wrong places. */
function checkAddsUp(name: string, text: string, end: number): void {
  if (end !== text.length) throw new TypeError(`overview column ${name} does not add up`);
}

/**
 * A chunk's overviews, from either form: text columns (format 3), or the tuples of formats 1 and 2,
 * which a vault keeps in every chunk it has not rewritten since. The chunk was authenticated before
 * this runs; the checks guard against our own format mistakes, in one pass.
 */
export function decodeChunk(value: unknown): ItemOverview[] {
  if (Array.isArray(value)) return decodeOverviews(value);
  if (typeof value !== 'object' || value === null) throw new TypeError('overview chunk is not a list');
  const c = value as Record<keyof OverviewColumns, unknown>;
  const { urlCount, match, favorite, updatedAt, passkeyRpIds } = c;
  const rows = Array.isArray(urlCount) ? urlCount.length : -1;
  for (const [name, column] of Object.entries({ urlCount, match, favorite, updatedAt })) {
    if (!Array.isArray(column) || column.length !== rows) throw new TypeError(`bad overview column ${name}`);
  }
  if (passkeyRpIds !== undefined && (!Array.isArray(passkeyRpIds) || passkeyRpIds.length !== rows)) {
    throw new TypeError('bad overview column passkeyRpIds');
  }
  const counts = urlCount as number[];
  const [ids, idLengths] = columnOf('id', c.id, rows);
  const [names, nameLengths] = columnOf('name', c.name, rows);
  const [usernames, usernameLengths] = columnOf('username', c.username, rows);
  const [urls, urlLengths] = columnOf(
    'urls',
    c.urls,
    counts.reduce((sum, n) => sum + n, 0),
  );
  // One loop over plain locals: with a reader object per column, 50,000 overviews took 18 ms to
  // parse and decode in Chromium instead of 12.5. `!(end >= at)` is also true for a missing or
  // non-numeric length (NaN).
  let idAt = 0;
  let nameAt = 0;
  let usernameAt = 0;
  let urlAt = 0;
  let url = 0;
  const list: ItemOverview[] = new Array(rows);
  for (let i = 0; i < rows; i++) {
    const rowUrls: string[] = new Array(counts[i]);
    for (let u = 0; u < rowUrls.length; u++) {
      const end = urlAt + urlLengths[url++]!;
      if (!(end >= urlAt)) throw new TypeError('overview column urls has a bad length');
      rowUrls[u] = urls.slice(urlAt, end);
      urlAt = end;
    }
    const idEnd = idAt + idLengths[i]!;
    const nameEnd = nameAt + nameLengths[i]!;
    const usernameEnd = usernameAt + usernameLengths[i]!;
    if (!(idEnd >= idAt && nameEnd >= nameAt && usernameEnd >= usernameAt)) {
      throw new TypeError('overview column has a bad length');
    }
    const overview: ItemOverview = {
      id: ids.slice(idAt, idEnd),
      name: names.slice(nameAt, nameEnd),
      username: usernames.slice(usernameAt, usernameEnd),
      urls: rowUrls,
      match: (match as UrlMatch[])[i]!,
      favorite: (favorite as number[])[i] === 1,
      updatedAt: (updatedAt as number[])[i]!,
    };
    const passkeys = (passkeyRpIds as string[][] | undefined)?.[i];
    if (passkeys?.length) overview.passkeyRpIds = passkeys;
    list[i] = overview;
    idAt = idEnd;
    nameAt = nameEnd;
    usernameAt = usernameEnd;
  }
  checkAddsUp('id', ids, idAt);
  checkAddsUp('name', names, nameAt);
  checkAddsUp('username', usernames, usernameAt);
  checkAddsUp('urls', urls, urlAt);
  return list;
}
