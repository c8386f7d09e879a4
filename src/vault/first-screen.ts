/**
 * The sealed first-screen record (issue 18): the first FIRST_SCREEN_RECORD_ROWS overviews in list
 * order and the item count, stored beside the overview chunks (meta 'firstScreen') so that an
 * unlock can answer with the popup's first screen after reading the head alone, and open every
 * chunk after the reply. Opening 50,000 items reads and decrypts ~5 MB; this record is ~8 KB.
 *
 * Never wrong rows: the record is sealed under the vault key with associated data naming it AND
 * the nonce of the manifest record it was written with. Every write that changes the index seals
 * a new manifest (a fresh random nonce) and this record in the same transaction (store.ts), so a
 * record left behind by anything else (an older release that does not know it, an edit of the
 * stored data, a record copied from another vault or moved to another slot) no longer opens, and
 * opening falls back to reading every chunk, as before this record existed
 * (tests/unit/vault/first-screen.test.ts › "first screen: never wrong rows"; every byte of it altered:
 * tests/unit/vault/tamper-walk.test.ts › "meta/firstScreen: ...").
 *
 * An additive record: releases before it never read it, and a vault without it opens the old way.
 * The stored format (FORMAT_VERSION) is unchanged, so no new fixture is needed. A migration step
 * that changed what an overview holds would have to delete it (migrate.ts).
 *
 * Safety fact: overviews only (names, usernames, URLs), like the chunks; no password or note.
 */

import { DecryptError, open, seal } from '../crypto/aead';
import { utf8Decode, utf8Encode } from '../crypto/encoding';
import { decodeOverviews, encodeOverviews, manifestBinding, recordAad, type SealedRecord } from './format';
import type { ItemOverview } from './types';

/** More rows than the popup's first screen (30) shows, so a taller page still needs no wait. */
export const FIRST_SCREEN_RECORD_ROWS = 50;
export const FIRST_SCREEN_RECORD_ID = 'first-screen';

/** What the record holds: the first rows of list() and list().length. */
export interface FirstScreen {
  entries: readonly ItemOverview[];
  total: number;
}

/** A first screen already computed (a write that knows the new list's head), sealed for `manifest`. */
export function sealScreen(
  key: Uint8Array,
  vaultId: string,
  manifest: SealedRecord,
  screen: FirstScreen,
): SealedRecord {
  const plain = { total: screen.total, rows: encodeOverviews(screen.entries) };
  return {
    id: FIRST_SCREEN_RECORD_ID,
    sealed: seal(key, utf8Encode(JSON.stringify(plain)), aadFor(vaultId, manifest)),
  };
}

/**
 * The first screen the record holds, or null when there is none or it does not belong to the
 * stored manifest (stale, damaged, moved): the caller then opens every chunk. Never throws.
 */
export function openFirstScreen(
  key: Uint8Array,
  vaultId: string,
  manifest: SealedRecord,
  record: SealedRecord | undefined,
): FirstScreen | null {
  if (!record || record.id !== FIRST_SCREEN_RECORD_ID || !(record.sealed instanceof Uint8Array)) return null;
  try {
    const plain = JSON.parse(utf8Decode(open(key, record.sealed, aadFor(vaultId, manifest)))) as unknown;
    if (typeof plain !== 'object' || plain === null) return null;
    const { total, rows } = plain as { total?: unknown; rows?: unknown };
    if (typeof total !== 'number' || !Number.isSafeInteger(total) || total < 0) return null;
    const entries = decodeOverviews(rows);
    if (entries.length > total || (entries.length < FIRST_SCREEN_RECORD_ROWS && entries.length !== total)) {
      return null;
    }
    return { entries, total };
  } catch (err) {
    if (err instanceof DecryptError || err instanceof SyntaxError || err instanceof TypeError) return null;
    throw err;
  }
}

/** Bound to the manifest record by its nonce: random for every seal, so for every stored revision. */
function aadFor(vaultId: string, manifest: SealedRecord): Uint8Array {
  return recordAad(vaultId, 'first-screen', FIRST_SCREEN_RECORD_ID, manifestBinding(manifest));
}
