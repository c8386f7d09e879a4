// Page side of import_csv_10k_ms: a Chrome "Export passwords" CSV of N generated logins, imported
// with src/transfer's importFile (detect, parse, validate every row, then one putMany that encrypts
// and stores all of them) into a vault in this page's real IndexedDB.
//
// Safety fact: every run imports into a fresh, uniquely named database (created untimed at the KDF
// floor and deleted afterwards), so a run never sees the previous run's items, and each run gets a
// fresh copy of the file's bytes so the CSV reader's per-buffer cache cannot skip the parse. Every
// timed import is checked to have stored and listed all N items.

import Papa from 'papaparse';
import { KDF_FLOOR } from '../../src/crypto/kdf';
import { type ImportPhase, importFile } from '../../src/transfer';
import { destroyVaultDatabase, openVaultDatabase } from '../../src/vault/store';
import type { ItemInput } from '../../src/vault/types';
import { UnlockedVault } from '../../src/vault/vault';
import type { ImportCsvOptions, ImportCsvResult } from './api';
import { generateItems } from './items';

/** The KDF only guards creation and is not timed, so the cheapest accepted cost keeps setup short. */
const SETUP_COST = {
  memoryKiB: KDF_FLOOR.memoryKiB,
  iterations: KDF_FLOOR.iterations,
  parallelism: KDF_FLOOR.parallelism,
};

/** Chrome names a saved password after its site's host; notes go in the "note" column. */
export function chromeCsv(items: readonly ItemInput[]): string {
  const data = items.map((item) => {
    const url = item.urls[0] ?? '';
    return [new URL(url).host, url, item.username, item.password, item.notes];
  });
  return Papa.unparse({ fields: ['name', 'url', 'username', 'password', 'note'], data }, { newline: '\n' });
}

export async function importCsv({ items, seed, runs, warmup }: ImportCsvOptions): Promise<ImportCsvResult> {
  const bytes = new TextEncoder().encode(chromeCsv(generateItems(items, seed)));
  const importMs: number[] = [];
  const setupMs: number[] = [];
  const phases: ImportCsvResult['phases'] = { parse: [], validate: [], save: [] };
  for (let i = 0; i < warmup + runs; i++) {
    const setupStart = performance.now();
    const db = await openVaultDatabase(`tessera-bench-import-${crypto.randomUUID()}`);
    try {
      const vault = await UnlockedVault.create(db, 'bench master password 1', SETUP_COST);
      const input = { name: 'Chrome Passwords.csv', bytes: bytes.slice() };
      const setup = performance.now() - setupStart;

      const start = performance.now();
      const marks: Partial<Record<ImportPhase, number>> = {};
      const { read, stored } = await importFile(input, vault, ({ phase }) => {
        marks[phase] = performance.now();
      });
      const elapsed = performance.now() - start;

      const listed = vault.list().length;
      vault.lock();
      if (read.importer.id !== 'chrome-csv' || stored.length !== items || listed !== items) {
        throw new Error(
          `import read the file as ${read.importer.id}, stored ${stored.length} and listed ${listed} of ${items} items`,
        );
      }
      if (i >= warmup) {
        importMs.push(elapsed);
        setupMs.push(setup);
        phases.parse.push((marks.validating ?? start) - start);
        phases.validate.push((marks.saving ?? start) - (marks.validating ?? start));
        phases.save.push((marks.done ?? start) - (marks.saving ?? start));
      }
    } finally {
      await destroyVaultDatabase(db);
    }
  }
  return { importMs, setupMs, phases, csvBytes: bytes.length };
}
