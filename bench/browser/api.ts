// The functions the bench page exposes as window.tesseraBench, called from Node with page.evaluate.
// Only plain data crosses between the two (Playwright serialises arguments and results).

import type { KdfPairTimes } from '../lib/kdf-pair';
import type { SampleOptions } from '../lib/sampling';

/** Tessera, hash-wasm and the argon2id package timed round by round (bench/lib/kdf-pair.ts). */
export type KdfPairResult = KdfPairTimes;

export interface VaultOpenOptions extends SampleOptions {
  items: number;
  seed: number;
}

export interface VaultOpenResult {
  /** UnlockedVault.unlockWithKey + list(), ms per call: everything open, the list sorted, searchable. */
  openMs: number[];
  /** UnlockedVault.unlockWithKey + firstScreen(FIRST_SCREEN_ROWS): what the unlock reply waits for. */
  firstMs: number[];
  /** The same records read and opened with the same AEAD, nothing else; interleaved with the above. */
  floorMs: number[];
  /** The floor's read alone (head and chunks from IndexedDB in batches, no decryption); interleaved. */
  readMs: number[];
  /** The same read in one getAll of every chunk, as before the batches (reference); interleaved. */
  readOneMs: number[];
  /** Creating the vault and storing the items (untimed for the metric; logged). */
  setupMs: number;
}

export interface ImportCsvOptions extends SampleOptions {
  items: number;
  seed: number;
}

export interface ImportCsvResult {
  /** importFile (detect, parse, validate, putMany with encryption), ms per call. */
  importMs: number[];
  /**
   * The floor, interleaved with importMs (alternating which goes first): the records that import
   * stores (same ids, same sealed sizes, already sealed) put into an empty vault database's items
   * store in one transaction, nothing else.
   */
  floorMs: number[];
  /**
   * Where each timed import spent its time (ms per run, from importFile's progress reports):
   * detect + parse (includes the two macrotask yields), validate, putMany (encrypt + store).
   */
  phases: { parse: number[]; validate: number[]; save: number[] };
  /** Creating each run's fresh vault (untimed for the metric; logged). */
  setupMs: number[];
  /** Size of the generated CSV file. */
  csvBytes: number;
}

export interface ChangePasswordOptions {
  sizes: number[];
  runs: number;
  seed: number;
}

export interface ChangePasswordResult {
  /** Vault size -> ms per changePassword (first round discarded). */
  ms: Record<number, number[]>;
}

export interface HealthReportOptions extends SampleOptions {
  items: number;
  seed: number;
}

export interface HealthReportResult {
  /** The health report after a later unlock (a new vault object, sealed ratings stored), ms per call. */
  reportMs: number[];
  /** vault.allItems() alone on a new vault object (the report's read and decrypt), interleaved. */
  readMs: number[];
  /** The item records read from IndexedDB alone (one getAll), interleaved. */
  fetchMs: number[];
  /** Size of the stored (sealed) ratings and item names, as JSON in storage.local. */
  storedBytes: number;
  /** Creating the vault, storing the items and the first (rating) report; untimed, logged. */
  setupMs: number;
}

export interface BenchPageApi {
  healthReport(options: HealthReportOptions): Promise<HealthReportResult>;
  changePassword(options: ChangePasswordOptions): Promise<ChangePasswordResult>;
  kdfPair(options: SampleOptions): Promise<KdfPairResult>;
  vaultOpen(options: VaultOpenOptions): Promise<VaultOpenResult>;
  importCsv(options: ImportCsvOptions): Promise<ImportCsvResult>;
}

declare global {
  interface Window {
    tesseraBench?: BenchPageApi;
  }
}
