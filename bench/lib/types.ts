// The shapes every bench module shares: a metric's result, a metric module, a target and the context
// the orchestrator (bench/run.ts) hands each module.
//
// Safety fact: a Result is a median over `runs` measured samples; warm-up runs are never counted, so
// `runs` is exactly how many numbers the median was taken over.

import type { BrowserContext, Page } from 'playwright-core';

/** `ratio`: a measurement divided by its floor from the same run (sampling.ts ratioOf). */
export type Unit = 'ms' | 'bytes' | 'mb' | 'ratio' | 'requests';

/** One metric as written to bench-results.json. */
export interface Result {
  median: number;
  unit: Unit;
  runs: number;
}

export type Results = Record<string, Result>;

/**
 * A pass/fail check printed after the table. `value` reads the results of this run (merged with the
 * file when only some modules ran) and returns undefined when an input is missing.
 */
export interface Target {
  /** What is checked, as printed, e.g. "vault_open_10k_ms". */
  label: string;
  value: (results: Results) => number | undefined;
  /** Pass when value < limit (or <= limit when `inclusive`). */
  limit: number;
  inclusive: boolean;
}

/** One bench module under bench/metrics/, listed once in bench/metrics/index.ts. */
export interface MetricModule {
  /** Name used on the command line: `node --import tsx bench/run.ts <name> ...`. */
  name: string;
  description: string;
  run: (ctx: BenchContext) => Promise<Results>;
  targets?: readonly Target[];
}

/** Shared, lazily created resources. Everything a module opens through it is closed by run.ts. */
export interface BenchContext {
  /** Absolute path of the repository root. */
  readonly repoRoot: string;
  /** The Chrome build `wxt build` produced (.output/chrome-mv3), for metrics on the real extension. */
  readonly extensionDir: string;
  /** Progress, to stderr (stdout carries only the report). */
  log(message: string): void;
  /** A line printed under the table, e.g. which runtime a metric was measured in. */
  note(message: string): void;
  /**
   * Headless Chromium on a fresh on-disk profile, shared by all modules. Not an incognito context:
   * there IndexedDB lives in memory, which is not what users run.
   */
  chromium(): Promise<BrowserContext>;
  /** A new tab on the bench page (bench/browser, built once per run, served from 127.0.0.1). */
  openBenchPage(): Promise<Page>;
  /** Runs at the end of the bench, last registered first, even when a module failed. */
  onCleanup(fn: () => Promise<void> | void): void;
}
