// Page side of import_csv_10k_ms: a Chrome "Export passwords" CSV of N generated logins, imported
// with src/transfer's importFile (detect, parse, validate every row, then one putMany that encrypts
// and stores all of them) into a vault in this page's real IndexedDB.
//
// Safety fact: every run imports into a fresh, uniquely named database (created untimed at the KDF
// floor and deleted afterwards), so a run never sees the previous run's items, and each run gets a
// fresh copy of the file's bytes so the CSV reader's per-buffer cache cannot skip the parse. Every
// timed import is checked to have stored and listed all N items.
//
// The floor (issue 18: a floor beside every browser timing): what storing the import costs at
// least in this IndexedDB, the same number of records with the same ids and sealed sizes put in
// one transaction into a fresh database, with no parsing, validation, sealing or index. Each
// round runs both, in alternating order, so load drift falls on both.

import { unwrap } from 'idb';
import Papa from 'papaparse';
import { NONCE_BYTES } from '../../src/crypto/aead';
import { KDF_FLOOR } from '../../src/crypto/kdf';
import { type ImportPhase, importFile } from '../../src/transfer';
import type { SealedRecord } from '../../src/vault/format';
import { destroyVaultDatabase, openVaultDatabase } from '../../src/vault/store';
import type { Item, ItemInput } from '../../src/vault/types';
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
  const floorMs: number[] = [];
  const setupMs: number[] = [];
  const phases: ImportCsvResult['phases'] = { parse: [], validate: [], save: [] };
  let floorRecords: SealedRecord[] = [];
  for (let i = 0; i < warmup + runs; i++) {
    const timed = i >= warmup;
    const floorFirst = i % 2 === 1;
    // The floor needs the import's records (their ids and sizes): the first round imports first.
    if (floorFirst) floorMs.push(await storeFloor(floorRecords));
    const run = await importOnce(bytes, items);
    if (timed) {
      importMs.push(run.elapsed);
      setupMs.push(run.setup);
      phases.parse.push(run.phases.parse);
      phases.validate.push(run.phases.validate);
      phases.save.push(run.phases.save);
    }
    floorRecords = sealedSizes(run.stored);
    if (!floorFirst) floorMs.push(await storeFloor(floorRecords));
    if (!timed) floorMs.length = 0;
  }
  return { importMs, floorMs, setupMs, phases, csvBytes: bytes.length };
}

/** One import into a fresh vault, checked to have stored and listed every item. */
async function importOnce(bytes: Uint8Array, expected: number) {
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
    if (read.importer.id !== 'chrome-csv' || stored.length !== expected || listed !== expected) {
      throw new Error(
        `import read the file as ${read.importer.id}, stored ${stored.length} and listed ${listed} of ${expected} items`,
      );
    }
    const phases = {
      parse: (marks.validating ?? start) - start,
      validate: (marks.saving ?? start) - (marks.validating ?? start),
      save: (marks.done ?? start) - (marks.saving ?? start),
    };
    return { elapsed, setup, phases, stored };
  } finally {
    await destroyVaultDatabase(db);
  }
}

/** Stand-ins for the sealed item records: the same ids and byte sizes (nonce, JSON, tag). */
function sealedSizes(stored: readonly Item[]): SealedRecord[] {
  const encoder = new TextEncoder();
  return stored.map((item) => {
    const size = NONCE_BYTES + encoder.encode(JSON.stringify(item)).length + 16; // 16: Poly1305 tag
    return { id: item.id, sealed: crypto.getRandomValues(new Uint8Array(size)) };
  });
}

/** The floor: `records` put into a fresh vault database's items store in one transaction. */
async function storeFloor(records: readonly SealedRecord[]): Promise<number> {
  const db = await openVaultDatabase(`tessera-bench-import-floor-${crypto.randomUUID()}`);
  try {
    const start = performance.now();
    const tx = unwrap(db).transaction('items', 'readwrite');
    const store = tx.objectStore('items');
    for (const record of records) store.put(record);
    await new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
    return performance.now() - start;
  } finally {
    await destroyVaultDatabase(db);
  }
}
