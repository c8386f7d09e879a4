/**
 * What an import would do, shown before anything is written: how many items of each kind, which
 * look like items already in the vault (or appear twice in the file), what was skipped and why.
 *
 * Duplicate rule (documented for the UI): two items are the same account when
 *   - both have a URL: same username (trimmed, case-insensitive) and same registrable domain of
 *     the first URL (Public Suffix List via tldts, private suffixes included, so mail.google.com
 *     and accounts.google.com match but alice.github.io and bob.github.io do not; IP addresses and
 *     hosts without a public suffix compare whole; non-web URLs such as android:// compare by
 *     scheme and host, i.e. the app package);
 *   - neither has a URL: same name (trimmed, case-insensitive) and same username.
 * Passwords are not compared: the preview runs on overviews, which hold no secrets, and an
 * account whose password changed is still the same account.
 *
 * Safety fact: the preview only reads; importing duplicates anyway is the person's choice
 * (excludeItems drops the ones they decline).
 */

import { getDomain, getHostname } from 'tldts';
import type { ListEntry } from '../vault/types';
import { type ChangedEntry, type ImportResult, ITEM_KINDS, type ItemKind, type SkippedEntry } from './types';

export interface DuplicateOf {
  /** Index into result.items. */
  index: number;
  name: string;
  existingId: string;
  existingName: string;
}

export interface RepeatInFile {
  /** Index into result.items of the later copy. */
  index: number;
  /** Index of the first item with the same key. */
  firstIndex: number;
  name: string;
}

export interface ImportPreview {
  total: number;
  kinds: Record<ItemKind, number>;
  duplicates: DuplicateOf[];
  repeatsInFile: RepeatInFile[];
  skipped: SkippedEntry[];
  /** Items imported, but not exactly as the file had them, each with its reason. */
  changed: ChangedEntry[];
  warnings: string[];
}

type Keyed = Pick<ListEntry, 'name' | 'username' | 'urls'>;

/** The duplicate key of an item (see the rule above). */
export function duplicateKey(item: Keyed): string {
  const user = item.username.trim().toLowerCase();
  const site = siteOf(item.urls[0] ?? '');
  return site ? `site:${site}\u0000${user}` : `name:${item.name.trim().toLowerCase()}\u0000${user}`;
}

function siteOf(url: string): string {
  const trimmed = url.trim();
  if (!trimmed) return '';
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(trimmed)?.[1]?.toLowerCase();
  const host = getHostname(trimmed) ?? '';
  if (!host) return trimmed.toLowerCase();
  if (scheme && scheme !== 'http' && scheme !== 'https') return `${scheme}:${host}`;
  return getDomain(trimmed, { allowPrivateDomains: true }) ?? host;
}

export function previewImport(result: ImportResult, existing: readonly ListEntry[]): ImportPreview {
  const kinds = Object.fromEntries(ITEM_KINDS.map((k) => [k, 0])) as Record<ItemKind, number>;
  for (const kind of result.kinds) kinds[kind] += 1;

  const inVault = new Map<string, ListEntry>();
  for (const o of existing) {
    const key = duplicateKey(o);
    if (!inVault.has(key)) inVault.set(key, o);
  }
  const duplicates: DuplicateOf[] = [];
  const repeatsInFile: RepeatInFile[] = [];
  const firstInFile = new Map<string, number>();
  result.items.forEach((item, index) => {
    const key = duplicateKey(item);
    const match = inVault.get(key);
    if (match) duplicates.push({ index, name: item.name, existingId: match.id, existingName: match.name });
    const first = firstInFile.get(key);
    if (first === undefined) firstInFile.set(key, index);
    else repeatsInFile.push({ index, firstIndex: first, name: item.name });
  });
  return {
    total: result.items.length,
    kinds,
    duplicates,
    repeatsInFile,
    skipped: result.skipped,
    changed: result.changed,
    warnings: result.warnings,
  };
}

/** The result without the items at `indexes` (for "skip duplicates"). */
export function excludeItems(result: ImportResult, indexes: Iterable<number>): ImportResult {
  const drop = new Set(indexes);
  const keep = (_: unknown, i: number) => !drop.has(i);
  return {
    ...result,
    items: result.items.filter(keep),
    kinds: result.kinds.filter(keep),
    rows: result.rows.filter(keep),
  };
}
