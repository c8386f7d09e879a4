/**
 * The item list crosses from the background to pages as one JSON string of overview tuples
 * (the vault's own chunk encoding), because extension messaging is slow on large object graphs.
 */

import { decodeOverviews } from '../vault/format';
import type { ItemOverview } from '../vault/types';

export function decodeList(encoded: string): ItemOverview[] {
  return decodeOverviews(JSON.parse(encoded));
}
