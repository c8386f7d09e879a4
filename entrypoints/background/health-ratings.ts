/**
 * The health report's sealed ratings (src/health/ratings.ts) in storage.local: one opaque value,
 * replaced whole by each report that rated something new. storage.local is cleared with the vault
 * (reset), and a value from another vault does not open, so a stale one is only ever ignored.
 */

import type { RatingsStore, StoredRatings } from '../../src/health/ratings';

const KEY = 'tessera.health.ratings';

interface LocalArea {
  get(key: string): Promise<Record<string, unknown>>;
  set(items: Record<string, StoredRatings>): Promise<void>;
}

export function storedRatings(area: LocalArea): RatingsStore {
  return {
    load: async () => (await area.get(KEY))[KEY],
    save: (value) => area.set({ [KEY]: value }),
  };
}
