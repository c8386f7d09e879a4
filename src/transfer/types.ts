/**
 * The shapes shared by every importer: what goes in (a file's name and bytes) and what comes out
 * (validated items, plus what was skipped and why).
 *
 * Safety fact: every item in an ImportResult has already passed parseItemInput, so the single
 * putMany that stores them cannot fail half-way on a bad item.
 */

import type { ItemInput } from '../vault/types';

/** A file as the options page reads it: name (for the extension) and raw bytes. */
export interface ImportInput {
  name: string;
  bytes: Uint8Array;
}

/**
 * What an imported entry was in the manager it came from. Tessera stores every kind as an item;
 * the kind only feeds the preview counts ("120 logins, 4 cards, 3 notes").
 *
 * Why cards, identities and notes are kept rather than skipped: someone leaving Bitwarden or
 * 1Password expects everything they stored to arrive, and a card kept as an item with hidden
 * "Number" and "Security code" fields is still findable and copyable. Only what Tessera cannot
 * hold at all (stored files, passkeys, password history) is skipped or counted in a warning,
 * always with the reason.
 */
export type ItemKind = 'login' | 'note' | 'card' | 'identity' | 'other';

export const ITEM_KINDS: readonly ItemKind[] = ['login', 'note', 'card', 'identity', 'other'];

export interface SkippedEntry {
  /** 1-based: spreadsheet row for CSV (heading = row 1), item number for JSON formats. */
  row: number;
  reason: string;
  /** The entry's name, when it had one, so the person can find it in the old manager. */
  name?: string;
}

/** An entry that was imported, but not exactly as the file had it (the preview lists each). */
export interface ChangedEntry {
  /** As in SkippedEntry.row. */
  row: number;
  /** What was changed and why, as a sentence fragment ("its second URL ... was left out of autofill"). */
  reason: string;
  name?: string;
}

export interface ImportResult {
  items: ItemInput[];
  /** Same length as items: what each item was in the source manager. */
  kinds: ItemKind[];
  /** Same length as items: the row each item came from (as in SkippedEntry.row). */
  rows: number[];
  skipped: SkippedEntry[];
  /** Imported entries that were changed on the way in, with the reason. */
  changed: ChangedEntry[];
  /** Whole-file notes, such as "3 passkeys were not imported". */
  warnings: string[];
}

export interface Importer {
  /** Stable id, e.g. 'bitwarden-json'. */
  readonly id: string;
  /** Shown in the format picker, e.g. 'Bitwarden (JSON)'. */
  readonly label: string;
  /** File name endings this importer reads, for the file picker's accept list. */
  readonly extensions: readonly string[];
  /** 0 (not this format) .. 1 (certainly this format). Never throws. */
  detect(input: ImportInput): number;
  /** Reads the file. Throws only ImportError. */
  parse(input: ImportInput): ImportResult;
}
