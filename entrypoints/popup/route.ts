/**
 * Which unlocked screen the popup shows, and the list's search box, active row and scroll position
 * (kept here so that going back from an item returns to the same place).
 *
 * Safety fact: all of it is reset when the vault locks (see reset(), wired in main.tsx).
 */

import { batch, signal } from '@preact/signals';

export type Route =
  | { name: 'list' }
  | { name: 'item'; id: string }
  /** id null: a new item. */
  | { name: 'edit'; id: string | null }
  | { name: 'generator' }
  | { name: 'help' };

export const route = signal<Route>({ name: 'list' });
export const listQuery = signal('');
/** Index into the filtered results, -1 for none. */
export const listActive = signal(-1);
export const listScrollTop = signal(0);
/** A one-line confirmation shown on the list after an action (e.g. "Item deleted."). */
export const flash = signal('');

export function go(next: Route): void {
  route.value = next;
}

export function reset(): void {
  batch(() => {
    route.value = { name: 'list' };
    listQuery.value = '';
    listActive.value = -1;
    listScrollTop.value = 0;
    flash.value = '';
  });
}
