/**
 * Sealing and opening vault records as JSON under the vault key, and the ids of new items.
 *
 * Safety fact: the record's vault id, kind and id are the AAD, so a record moved to another slot,
 * kind or vault does not open. The key is passed in at the moment of sealing or opening; callers
 * take it from UnlockedVault's key accessor right before the call, never across an await.
 */

import { DecryptError, open, seal } from '../crypto/aead';
import { toBase64Url, utf8Decode, utf8Encode } from '../crypto/encoding';
import { randomBytes } from '../crypto/random';
import { VaultError } from './errors';
import { type RecordKind, recordAad, type SealedRecord } from './format';
import { parseItemInput } from './item-schema';
import type { ItemInput } from './types';

export function sealJson(
  key: Uint8Array,
  vaultId: string,
  kind: RecordKind,
  id: string,
  value: unknown,
): SealedRecord {
  return { id, sealed: seal(key, utf8Encode(JSON.stringify(value)), recordAad(vaultId, kind, id)) };
}

/** Opens and parses a sealed record; throws DecryptError if it was altered or moved. */
export function openJson<T>(
  key: Uint8Array,
  vaultId: string,
  kind: RecordKind,
  id: string,
  record: SealedRecord,
): T {
  if (!(record.sealed instanceof Uint8Array) || record.id !== id) throw new DecryptError('record shape');
  const plain = open(key, record.sealed, recordAad(vaultId, kind, id));
  return JSON.parse(utf8Decode(plain)) as T;
}

/** 96 random bits as 16 base64url characters: unique enough, and short in 10,000 overviews. */
export function newItemId(): string {
  return toBase64Url(randomBytes(12));
}

/** parseItemInput, with the item's position in the error ("Item 12: ..."). */
export function parseNumbered(input: unknown, i: number): ItemInput {
  try {
    return parseItemInput(input);
  } catch (err) {
    throw err instanceof VaultError ? new VaultError(err.code, `Item ${i + 1}: ${err.message}`) : err;
  }
}
