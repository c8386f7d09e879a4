/**
 * The order people see their logins in, and the text folding that search shares with it. It lives
 * beside the vault so that the background can sort the list once, when it changes, and every page
 * receives it ready to show (sorting 10,000 overviews costs a page ~15 ms at every open).
 *
 * Safety fact: pure functions over overviews (no password, notes or custom field reaches them).
 */

import type { ItemOverview } from './types';

// Accented letters fold to their base letter ("É" -> "e") so "emile" finds "Émile". ASCII strings,
// the common case, skip the Unicode normalization entirely.
const NON_ASCII = /[\u0080-\uffff]/;
const COMBINING_MARKS = /\p{M}+/gu;

/** Lowercase, with diacritics removed. Used for sorting, search haystacks and queries. */
export function fold(text: string): string {
  const lower = text.toLowerCase();
  return NON_ASCII.test(lower) ? lower.normalize('NFD').replace(COMBINING_MARKS, '') : lower;
}

/**
 * Items by name, then username, then id (so equal names keep a stable order). Comparing folded
 * keys by code unit is several times faster than Intl.Collator on 10,000 items and still groups
 * "apple", "Apple" and "Äpple" together, which is what people scanning a list expect.
 */
export function sortByName(items: readonly ItemOverview[]): ItemOverview[] {
  const keyed = items.map((item) => ({ item, name: fold(item.name), user: fold(item.username) }));
  keyed.sort((a, b) => compare(a.name, b.name) || compare(a.user, b.user) || compare(a.item.id, b.item.id));
  return keyed.map((k) => k.item);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
