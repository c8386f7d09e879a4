/**
 * Builds an ImportResult: turns each importer's drafts into vault items, validates every one, and
 * collects skipped rows and whole-file warnings.
 *
 * Safety fact: an item only enters the result after parseItemInput accepted it; an entry that is
 * too big for the vault's LIMITS is skipped with a reason naming the field, never truncated, so a
 * password is never silently shortened. Every value goes through cleanText (control characters
 * and unpaired surrogates removed, see clean-text.ts); an item it changed, or that its importer
 * changed (Draft.changes), is listed in the result's `changed` with the reason.
 */

import { VaultError } from '../vault/errors';
import { LIMITS, parseItemInput } from '../vault/item-schema';
import type { CustomField, ItemInput, StoredPasskey, UrlMatch } from '../vault/types';
import { cleanItemText, itemNeedsCleaning } from './clean-text';
import { ImportError } from './errors';
import { MAX_ENTRIES, tooManyEntries } from './limits';
import type { ChangedEntry, ImportResult, ItemKind, SkippedEntry } from './types';

/** What an importer fills in for one entry; everything is optional and defaults to empty. */
export interface Draft {
  name?: string;
  urls?: readonly string[];
  username?: string;
  password?: string;
  notes?: string;
  totp?: string;
  fields?: readonly CustomField[];
  favorite?: boolean;
  match?: UrlMatch;
  /** Defaults to 'login' when there is a username, password, URL or TOTP, else 'note'. */
  kind?: ItemKind;
  /**
   * What the importer could not carry over exactly, as sentence fragments ("its second URL was
   * marked never to fill, so ..."). Listed in the preview if the item is stored.
   */
  changes?: readonly string[];
  /** Passkeys with their keys (Bitwarden's fido2Credentials, bitwarden-fido2.ts). */
  passkeys?: readonly StoredPasskey[];
  /** When the password was last set, in ms (dates.ts), where the format says; else null. */
  passwordChangedAt?: number | null;
}

export class ResultBuilder {
  readonly #items: ItemInput[] = [];
  readonly #kinds: ItemKind[] = [];
  readonly #rows: number[] = [];
  readonly #skipped: SkippedEntry[] = [];
  readonly #changed: ChangedEntry[] = [];
  readonly #warnings: string[] = [];
  readonly #counted = new Map<string, { n: number; say: (n: number) => string }>();
  #entries = 0;

  /** Every entry, stored or skipped, counts towards MAX_ENTRIES. */
  #seen(): void {
    this.#entries += 1;
    if (this.#entries > MAX_ENTRIES) throw tooManyEntries();
  }

  /** Validates and adds one entry, or skips it with the reason it cannot be stored. */
  add(row: number, draft: Draft): void {
    this.#seen();
    const raw = toItem(draft);
    const cleaned = itemNeedsCleaning(raw);
    const item = cleaned ? cleanItem(raw) : raw;
    if (isBlank(item)) {
      this.#skip(row, 'it is empty');
      return;
    }
    const problem = limitProblem(item);
    if (problem) {
      this.#skip(row, problem, item.name);
      return;
    }
    let valid: ItemInput;
    try {
      valid = parseItemInput(item);
    } catch (err) {
      if (!(err instanceof VaultError)) throw err;
      this.#skip(row, err.message, item.name);
      return;
    }
    this.#items.push(valid);
    this.#kinds.push(draft.kind ?? inferKind(valid));
    this.#rows.push(row);
    const changes = [...(draft.changes ?? [])];
    if (cleaned) changes.push(CLEANED);
    for (const reason of changes) this.#changed.push(named({ row, reason }, valid.name));
  }

  /** Records an entry the importer decided not to import (trash, not an item, ...). */
  skip(row: number, reason: string, name?: string): void {
    this.#seen();
    this.#skip(row, reason, name);
  }

  /** Records entries the file reader already left out (a cut-off last CSV record, csv.ts). */
  leaveOut(entries: readonly SkippedEntry[]): void {
    for (const entry of entries) this.skip(entry.row, entry.reason, entry.name);
  }

  #skip(row: number, reason: string, name?: string): void {
    this.#skipped.push(named({ row, reason }, name));
  }

  warn(message: string): void {
    if (!this.#warnings.includes(message)) this.#warnings.push(message);
  }

  /** Counts occurrences of one situation; finish() turns the total into one warning. */
  count(key: string, say: (n: number) => string, by = 1): void {
    if (by <= 0) return;
    const entry = this.#counted.get(key);
    if (entry) entry.n += by;
    else this.#counted.set(key, { n: by, say });
  }

  get size(): number {
    return this.#items.length;
  }

  /** The result. Throws ImportError('empty') when the file held no entries at all. */
  finish(): ImportResult {
    if (this.#items.length === 0 && this.#skipped.length === 0) {
      throw new ImportError('empty', 'The file contains no entries to import.');
    }
    const counted = [...this.#counted.values()].map(({ n, say }) => say(n));
    return {
      items: this.#items,
      kinds: this.#kinds,
      rows: this.#rows,
      skipped: this.#skipped,
      changed: this.#changed,
      warnings: [...this.#warnings, ...counted],
    };
  }
}

/** Adds the entry's name, shortened for the preview, when it has one. */
function named(entry: SkippedEntry | ChangedEntry, name: string | undefined): SkippedEntry & ChangedEntry {
  const shown = name?.trim();
  if (shown) entry.name = shown.length > 80 ? `${shown.slice(0, 79)}…` : shown;
  return entry;
}

const CLEANED =
  'control characters or broken characters (unpaired UTF-16 surrogates) were removed from its text: Tessera does not store them, so its exports stay readable';

/** The item with every value cleaned, then trimmed and deduplicated as toItem does. */
function cleanItem(item: ItemInput): ItemInput {
  const clean = cleanItemText(item);
  return {
    ...clean,
    name: clean.name.trim(),
    totp: clean.totp.trim(),
    urls: [...new Set(clean.urls.filter((u) => u !== ''))],
  };
}

function toItem(draft: Draft): ItemInput {
  const urls: string[] = [];
  for (const raw of draft.urls ?? []) {
    const url = raw.trim();
    if (url && !urls.includes(url)) urls.push(url);
  }
  const username = draft.username ?? '';
  const name = (draft.name ?? '').trim() || hostOf(urls[0] ?? '') || username.trim();
  return {
    name,
    username,
    password: draft.password ?? '',
    notes: draft.notes ?? '',
    totp: (draft.totp ?? '').trim(),
    urls,
    match: draft.match ?? 'domain',
    favorite: draft.favorite ?? false,
    fields: (draft.fields ?? []).map((f) => ({ name: f.name, value: f.value, hidden: f.hidden })),
    ...(draft.passkeys?.length ? { passkeys: [...draft.passkeys] } : {}),
    ...(draft.passwordChangedAt != null ? { passwordChangedAt: draft.passwordChangedAt } : {}),
  };
}

function isBlank(item: ItemInput): boolean {
  return (
    !item.name &&
    !item.username &&
    !item.password &&
    !item.notes.trim() &&
    !item.totp &&
    item.urls.length === 0 &&
    item.fields.length === 0
  );
}

export function inferKind(item: Pick<ItemInput, 'username' | 'password' | 'urls' | 'totp'>): ItemKind {
  return item.username || item.password || item.urls.length > 0 || item.totp ? 'login' : 'note';
}

/** The host of a URL ("android://…@com.example.app/" gives "com.example.app"), or ''. */
export function hostOf(url: string): string {
  if (!url) return '';
  for (const candidate of [url, `https://${url}`]) {
    try {
      const host = new URL(candidate).hostname;
      if (host) return host.replace(/^www\./i, '');
    } catch {
      // try the next form
    }
  }
  return '';
}

const n = (v: number) => v.toLocaleString('en-US');

const TEXT_LIMITS = [
  ['name', 'name'],
  ['username', 'username'],
  ['password', 'password'],
  ['notes', 'notes'],
  ['totp', 'one-time password secret'],
] as const;

/** The first way the item breaks the vault's LIMITS, as a sentence fragment; null if none. */
function limitProblem(item: ItemInput): string | null {
  for (const [key, label] of TEXT_LIMITS) {
    if (item[key].length > LIMITS[key]) {
      return `its ${label} is ${n(item[key].length)} characters long; Tessera stores at most ${n(LIMITS[key])}`;
    }
  }
  if (item.urls.length > LIMITS.urls) {
    return `it has ${n(item.urls.length)} URLs; Tessera stores at most ${LIMITS.urls} per item`;
  }
  if (item.urls.some((u) => u.length > LIMITS.url)) {
    return `one of its URLs is longer than ${n(LIMITS.url)} characters`;
  }
  if (item.fields.length > LIMITS.fields) {
    return `it has ${n(item.fields.length)} custom fields; Tessera stores at most ${LIMITS.fields} per item`;
  }
  for (const f of item.fields) {
    if (f.name.length > LIMITS.fieldName) {
      return `a custom field name is longer than ${n(LIMITS.fieldName)} characters`;
    }
    if (f.value.length > LIMITS.fieldValue) {
      return `its field "${f.name.slice(0, 40)}" is ${n(f.value.length)} characters long; Tessera stores at most ${n(LIMITS.fieldValue)}`;
    }
  }
  return null;
}

// ---- helpers importers share ------------------------------------------------------------------

/** Collects custom fields, leaving out empty values (an empty form slot is not data). */
export class FieldList {
  readonly list: CustomField[] = [];

  add(name: string, value: string, hidden = false): this {
    if (value.trim() !== '') this.list.push({ name: name.trim(), value, hidden });
    return this;
  }
}

/**
 * A URL as stored: trimmed, and "https://" added to a bare host ("bitwarden.com"), as the item
 * form does; text with spaces is kept as it is (it is not a host).
 */
export function webUrl(raw: string): string {
  const s = raw.trim();
  if (!s || /^[a-z][a-z0-9+.-]*:\/\//i.test(s) || /\s/.test(s)) return s;
  return `https://${s}`;
}

/** "cardholderName" or "postal_code" as a field label: "Cardholder name", "Postal code". */
export function humanize(key: string): string {
  const words = key
    .replace(/_/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .trim()
    .toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Joins notes parts with a blank line between them, leaving out empty parts. */
export function joinNotes(...parts: string[]): string {
  return parts.filter((p) => p.trim() !== '').join('\n\n');
}

export const plural = (count: number, one: string, many: string) => `${n(count)} ${count === 1 ? one : many}`;

/** Throws ImportError('unknown-format') unless every named column is present. */
export function requireColumns(header: readonly string[], names: readonly string[], format: string): void {
  const have = new Set(header.map((h) => h.toLowerCase()));
  const missing = names.filter((c) => !have.has(c.toLowerCase()));
  if (missing.length > 0) {
    throw new ImportError(
      'unknown-format',
      `This is not a ${format} file: the column${missing.length > 1 ? 's' : ''} ${missing.map((m) => `"${m}"`).join(', ')} ${missing.length > 1 ? 'are' : 'is'} missing.`,
    );
  }
}
