/**
 * When an item's password was last set (Item.passwordChangedAt), decided at every write so that
 * the health report's "unchanged for a year" counts from the password, not from any edit.
 *
 * Safety fact: a page cannot make a changed password look old: on a replacement the stored item
 * decides (same password keeps its date, a new one is dated now) and the page's value is ignored.
 * Only a new item (an import, a restore, a new login) brings its own date, never one in the future.
 */

import type { Item, ItemInput } from './types';

export function passwordChangedAt(input: ItemInput, previous: Item | undefined, now: number): number {
  if (previous) {
    if (previous.password !== input.password) return now;
    // Stored before the field existed: its last change is the latest the password can have been set.
    return previous.passwordChangedAt ?? previous.updatedAt;
  }
  const given = input.passwordChangedAt;
  return given !== undefined && given <= now ? given : now;
}

/**
 * When an item's password was last set: its own date, or for an item stored before Tessera kept
 * one, its last change. The password is at least that old, so a report never calls a password
 * older than it is (it may call one newer until the item's password is next changed).
 */
export function passwordSetAt(item: Pick<Item, 'passwordChangedAt' | 'updatedAt'>): number {
  return item.passwordChangedAt ?? item.updatedAt;
}
