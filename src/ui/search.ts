/**
 * Sorting and searching the item list (pure functions, no DOM).
 *
 * The list arrives sorted by name (the background sorts it once per change: overview-order.ts). Searching is a case-insensitive substring match of
 * every whitespace-separated term against one precomputed lowercase "haystack" per item (name,
 * username and URLs joined by newlines, so a term never matches across two fields). With the
 * haystacks built, filtering 10,000 items is one `includes` per item: a few milliseconds.
 *
 * Safety fact: only overviews are searched. They hold no password, notes or custom field, so search
 * never touches a secret.
 */

import { fold } from '../vault/overview-order';
import type { ListEntry } from '../vault/types';

/** The text one item is searched in. Newlines separate fields; a query never contains one. */
export function haystackOf(item: ListEntry): string {
  return fold(`${item.name}\n${item.username}\n${item.urls.join('\n')}`);
}

/** The lowercase terms of a query; an empty array means "show everything". */
export function queryTerms(query: string): string[] {
  return fold(query)
    .split(/\s+/)
    .filter((term) => term.length > 0);
}

/**
 * The loaded list, in the order received (already sorted), plus its haystacks, built once. It may
 * hold only the list's first rows (the first screen, list-snapshot.ts) while the rest loads:
 * `complete` is false then, `size` still counts the whole list, and nothing may be searched in it.
 */
export class SearchIndex {
  readonly items: readonly ListEntry[];
  /** How many items the whole list has. */
  readonly size: number;
  #haystacks: string[] | null = null;

  constructor(items: readonly ListEntry[], total = items.length) {
    if (total < items.length) throw new RangeError('a list cannot have fewer items than it shows');
    this.items = items;
    this.size = total;
  }

  /** True when `items` is the whole list; a search waits for that. */
  get complete(): boolean {
    return this.items.length === this.size;
  }

  /**
   * Builds the haystacks if not built yet. The popup calls this right after the first screen of
   * rows is painted, so opening the popup does not wait for it; filter() calls it too.
   */
  prepare(): void {
    this.#haystacks ??= this.items.map(haystackOf);
  }

  /**
   * The items matching every term of `query`, in list order; the loaded items for a blank query.
   * Throws on a first screen: an answer from part of the list would be wrong, not early.
   */
  filter(query: string): readonly ListEntry[] {
    const terms = queryTerms(query);
    if (terms.length === 0) return this.items;
    if (!this.complete) throw new Error('the list is still loading: search it once complete');
    this.prepare();
    const haystacks = this.#haystacks!;
    const out: ListEntry[] = [];
    for (let i = 0; i < haystacks.length; i++) {
      const haystack = haystacks[i]!;
      if (terms.every((term) => haystack.includes(term))) out.push(this.items[i]!);
    }
    return out;
  }
}
