// The health report after a later unlock (health_report_10k_ms), run where it is given: in the bench
// page (Chromium's on-disk IndexedDB, as the background's service worker runs it) and, for
// reference, in Node over fake-indexeddb (bench/metrics/health.ts calls this same function there).
//
// Setup (untimed): a vault of N generated items (bench/browser/items.ts generateHealthItems), and the
// sealed ratings a completed first report stored (its scorer answers at once: zxcvbn's values do not
// change what reading them costs). Then, interleaved round by round, each on a new vault object
// unlocked with the key (as after lock + unlock; the unlock itself is vault_open's and untimed):
//   report  createHealthService(...).report(vault): open the sealed ratings and item names the first
//           report stored, read the items edited since (none here), build the groups; checked
//           complete (nothing unrated)
//   read    vault.allItems() alone: the read + decrypt the report cannot skip (its floor)
//   fetch   the item records read from IndexedDB alone (one getAll), nothing opened: the storage's share
//
// Safety fact: each call works in its own uniquely named database and deletes it afterwards; the
// service must never need zxcvbn here (its loader throws), so a report that rated anything fails.

import type { StoredRatings } from '../../src/health/ratings';
import { createHealthService } from '../../src/health/service';
import { destroyVaultDatabase, openVaultDatabase, readAllItemRecords } from '../../src/vault/store';
import { UnlockedVault } from '../../src/vault/vault';
import { sampleInterleaved } from '../lib/sampling';
import type { HealthReportOptions, HealthReportResult } from './api';
import { generateHealthItems } from './items';

const MAX_AGE_DAYS = 365;

/** The ratings store of the background (storage.local there), in memory. */
export function memoryRatings() {
  let saved: StoredRatings | undefined;
  return {
    load: async () => saved,
    save: async (value: StoredRatings) => {
      saved = value;
    },
    /** What storage.local would hold, as JSON. */
    bytes: () => JSON.stringify(saved ?? null).length,
  };
}

export async function healthReport({
  items,
  seed,
  runs,
  warmup,
}: HealthReportOptions): Promise<HealthReportResult> {
  const db = await openVaultDatabase(`tessera-bench-health-${items}-${crypto.randomUUID()}`);
  try {
    const setupStart = performance.now();
    const created = await UnlockedVault.create(db, 'bench health password', {
      memoryKiB: 19456,
      iterations: 2,
      parallelism: 1,
    });
    await created.putMany(generateHealthItems(items, seed));
    const key = created.exportKey();
    created.lock();
    const ratings = memoryRatings();
    const filler = createHealthService({
      loadScorer: async () => () => ({ score: 4 }),
      ratings,
      now: () => performance.now(),
      budgetMs: Number.POSITIVE_INFINITY,
    });
    await filler.report(await UnlockedVault.unlockWithKey(db, key), MAX_AGE_DAYS);
    const service = createHealthService({
      loadScorer: async () => {
        throw new Error('health bench: a later unlock must not need zxcvbn');
      },
      ratings,
      now: () => performance.now(),
      budgetMs: 250,
    });
    const setupMs = performance.now() - setupStart;

    const timedOn = async (work: (vault: UnlockedVault) => Promise<void>): Promise<number> => {
      const vault = await UnlockedVault.unlockWithKey(db, key);
      try {
        const started = performance.now();
        await work(vault);
        return performance.now() - started;
      } finally {
        vault.lock();
      }
    };
    const times = await sampleInterleaved(
      {
        report: () =>
          timedOn(async (vault) => {
            const report = await service.report(vault, MAX_AGE_DAYS);
            if (report.unrated !== 0) throw new Error(`health bench: ${report.unrated} unrated after unlock`);
          }),
        read: () =>
          timedOn(async (vault) => {
            const { items: read, damaged } = await vault.allItems();
            if (read.length !== items || damaged.length > 0) {
              throw new Error(
                `health bench: read ${read.length} of ${items} items, ${damaged.length} damaged`,
              );
            }
          }),
        fetch: async () => {
          const started = performance.now();
          const records = await readAllItemRecords(db);
          const elapsed = performance.now() - started;
          if (records.length !== items)
            throw new Error(`health bench: fetched ${records.length} of ${items} records`);
          return elapsed;
        },
      },
      { runs, warmup },
    );
    key.fill(0);
    return {
      reportMs: times.report,
      readMs: times.read,
      fetchMs: times.fetch,
      setupMs,
      storedBytes: ratings.bytes(),
    };
  } finally {
    await destroyVaultDatabase(db);
  }
}
