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
 * A change to this order (fold, nameOrder, compareByName) must change LIST_ORDER_VERSION in
 * list-order.ts: stored list orders are written in it.
 *
 * Items by name, then username, then id (so equal names keep a stable order). Comparing folded
 * keys by code unit is several times faster than Intl.Collator on 10,000 items and still groups
 * "apple", "Apple" and "Äpple" together, which is what people scanning a list expect.
 *
 * Sorts positions over columns of folded keys rather than one wrapper object per item: at 50,000
 * items the wrappers were the sort's main cost (garbage the collector had to copy while the whole
 * index was live; issue 18).
 */
export function sortByName(items: readonly ItemOverview[]): ItemOverview[] {
  const order = nameOrder(items);
  const positions = Array.from({ length: items.length }, (_, i) => i);
  positions.sort(order);
  return positions.map((i) => items[i]!);
}

/**
 * The first `count` items of sortByName(items), without sorting the rest: what a first screen
 * shows, in one pass that keeps the best `count` seen so far (n log count compares instead of
 * n log n, and no username folded unless two names tie).
 */
export function firstByName(items: readonly ItemOverview[], count: number): ItemOverview[] {
  const order = nameOrder(items);
  const best: number[] = [];
  for (let i = 0; i < items.length; i++) {
    if (best.length === count && (count === 0 || order(i, best[count - 1]!) >= 0)) continue;
    // Binary search for its place among the kept ones (ties cannot happen: ids are unique).
    let lo = 0;
    let hi = best.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (order(best[mid]!, i) < 0) lo = mid + 1;
      else hi = mid;
    }
    best.splice(lo, 0, i);
    if (best.length > count) best.pop();
  }
  return best.map((i) => items[i]!);
}

/**
 * `sorted` (in list order) after one item changed: `id` taken out, and `changed` (its new overview,
 * absent for a deletion) put where the list order places it. A new array; O(n) copying and a
 * binary search (log n compares) instead of sorting the whole list again after every edit.
 */
export function withChange(
  sorted: readonly ItemOverview[],
  id: string,
  changed: ItemOverview | undefined,
): ItemOverview[] {
  const next = sorted.filter((o) => o.id !== id);
  if (!changed) return next;
  const name = fold(changed.name);
  let lo = 0;
  let hi = next.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compareByName(next[mid]!, changed, name) < 0) lo = mid + 1;
    else hi = mid;
  }
  next.splice(lo, 0, changed);
  return next;
}

/** The list order of two overviews, as nameOrder compares them (`bName`: b's name, folded). */
function compareByName(a: ItemOverview, b: ItemOverview, bName: string): number {
  const x = fold(a.name);
  if (x !== bName) return x < bName ? -1 : 1;
  return compare(fold(a.username), fold(b.username)) || compare(a.id, b.id);
}

/** The list order over positions in `items`, each name and username folded once. */
function nameOrder(items: readonly ItemOverview[]): (a: number, b: number) => number {
  const names = items.map((item) => fold(item.name));
  const users = items.map((item) => fold(item.username));
  return (a, b) => {
    const x = names[a]!;
    const y = names[b]!;
    if (x !== y) return x < y ? -1 : 1;
    return compare(users[a]!, users[b]!) || compare(items[a]!.id, items[b]!.id);
  };
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
