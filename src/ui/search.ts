/**
 * Sorting and searching the item list (pure functions, no DOM).
 *
 * The list is sorted once by name when it loads. Searching is a case-insensitive substring match of
 * every whitespace-separated term against one precomputed lowercase "haystack" per item (name,
 * username and URLs joined by newlines, so a term never matches across two fields). With the
 * haystacks built, filtering 10,000 items is one `includes` per item: a few milliseconds.
 *
 * Safety fact: only overviews are searched. They hold no password, notes or custom field, so search
 * never touches a secret.
 */

import type { ItemOverview } from '../vault/types';

// Accented letters fold to their base letter ("É" -> "e") so "emile" finds "Émile". ASCII strings,
// the common case, skip the Unicode normalization entirely.
const NON_ASCII = /[\u0080-\uffff]/;
const COMBINING_MARKS = /\p{M}+/gu;

/** Lowercase, with diacritics removed. Used for both the haystack and the query. */
export function fold(text: string): string {
  const lower = text.toLowerCase();
  return NON_ASCII.test(lower) ? lower.normalize('NFD').replace(COMBINING_MARKS, '') : lower;
}

/** The text one item is searched in. Newlines separate fields; a query never contains one. */
export function haystackOf(item: ItemOverview): string {
  return fold(`${item.name}\n${item.username}\n${item.urls.join('\n')}`);
}

/** The lowercase terms of a query; an empty array means "show everything". */
export function queryTerms(query: string): string[] {
  return fold(query)
    .split(/\s+/)
    .filter((term) => term.length > 0);
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

/** The loaded list: sorted items plus their haystacks, built once. */
export class SearchIndex {
  readonly items: readonly ItemOverview[];
  #haystacks: string[] | null = null;

  constructor(items: readonly ItemOverview[]) {
    this.items = sortByName(items);
  }

  get size(): number {
    return this.items.length;
  }

  /**
   * Builds the haystacks if not built yet. The popup calls this right after the first screen of
   * rows is painted, so opening the popup does not wait for it; filter() calls it too.
   */
  prepare(): void {
    this.#haystacks ??= this.items.map(haystackOf);
  }

  /** The items matching every term of `query`, in list order; the whole list for a blank query. */
  filter(query: string): readonly ItemOverview[] {
    const terms = queryTerms(query);
    if (terms.length === 0) return this.items;
    this.prepare();
    const haystacks = this.#haystacks!;
    const out: ItemOverview[] = [];
    for (let i = 0; i < haystacks.length; i++) {
      const haystack = haystacks[i]!;
      if (terms.every((term) => haystack.includes(term))) out.push(this.items[i]!);
    }
    return out;
  }
}
