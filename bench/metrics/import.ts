// import_csv_10k_ms: a 10,000-row Chrome CSV export imported the way the options page does it,
// including encryption: detect the format, parse, validate every row, then one putMany that seals
// and stores every item, in headless Chromium's real (on-disk) IndexedDB. Target: < 2,000 ms.
//
// The vault is created fresh for every run (untimed) so each import starts from an empty vault,
// as a first import does; reading the file from disk is not included (the page has its bytes).

import type { ImportCsvResult } from '../browser/api';
import { medianBelow } from '../lib/report';
import { median, summarize } from '../lib/sampling';
import type { MetricModule } from '../lib/types';

const ITEMS = 10_000;
const RUNS = { runs: 7, warmup: 1 };

/** Same rows on every run and commit (see bench/browser/items.ts). */
const SEED = 20240601;

export const importCsv: MetricModule = {
  name: 'import',
  description: '10,000-row Chrome CSV: parse + validate + putMany (encrypt), Chromium IndexedDB',
  targets: [medianBelow('import_csv_10k_ms', 2000)],
  async run(ctx) {
    const page = await ctx.openBenchPage();
    try {
      const options = { items: ITEMS, seed: SEED, ...RUNS };
      const r: ImportCsvResult = await page.evaluate((o) => window.tesseraBench!.importCsv(o), options);
      ctx.log(
        `import: ${ITEMS} rows, ${(r.csvBytes / 1024).toFixed(0)} KiB of CSV; vault setup ` +
          `${Math.round(median(r.setupMs))} ms (untimed); ${RUNS.warmup} warm-up + ${RUNS.runs} timed imports ` +
          `(min ${Math.round(Math.min(...r.importMs))}, max ${Math.round(Math.max(...r.importMs))} ms)`,
      );
      ctx.log(
        `import: median parse ${Math.round(median(r.phases.parse))} ms, validate ` +
          `${Math.round(median(r.phases.validate))} ms, putMany ${Math.round(median(r.phases.save))} ms`,
      );
      return { import_csv_10k_ms: summarize(r.importMs, 'ms') };
    } finally {
      await page.close();
    }
  },
};
