/**
 * Whole items for a set of listed ids, read the cheaper way for their number: one pass over every
 * record (allItems: one getAll, then decrypt) when many, one read each when few. For the features
 * that keep something derived per item and re-read only the items edited since (the list's
 * two-factor marks, src/totp/marks.ts; the health report, src/health/service.ts).
 *
 * Damaged or missing records are left out, as allItems leaves them out, and so is an item deleted
 * meanwhile; any other failure (a lock meanwhile: 'locked') is thrown, never taken for damage.
 */

import { VaultError } from './errors';
import type { Item } from './types';

export interface ItemReader {
  get(id: string): Promise<Item>;
  allItems(): Promise<{ items: Item[]; damaged: string[] }>;
}

/** Above this many items one pass over every record is cheaper than one read each. */
export const READ_ALL_ABOVE = 32;

export async function readItems(vault: ItemReader, ids: readonly string[]): Promise<Item[]> {
  if (ids.length > READ_ALL_ABOVE) {
    const { items } = await vault.allItems();
    const wanted = new Set(ids);
    return items.filter((item) => wanted.has(item.id));
  }
  const items: Item[] = [];
  for (const id of ids) {
    try {
      items.push(await vault.get(id));
    } catch (err) {
      if (!(err instanceof VaultError && (err.code === 'corrupt-item' || err.code === 'not-found')))
        throw err;
    }
  }
  return items;
}
