// Timing and statistics shared by the Node side and the bench page (so: no Node imports here).
//
// Safety fact: every sampler runs `warmup` discarded iterations first (JIT tiers, wasm compilation,
// caches) and reports only the measured ones; summaries use the median, which one noisy run on a
// shared 2-core machine cannot drag the way it drags a mean.

import type { Result, Unit } from './types';

export function median(samples: readonly number[]): number {
  if (samples.length === 0) throw new RangeError('median of no samples');
  const sorted = [...samples].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Median of `samples` as a Result; ms, mb and ratios are rounded to 0.01, bytes to whole bytes. */
export function summarize(samples: readonly number[], unit: Unit): Result {
  const m = median(samples);
  return {
    median: unit === 'bytes' ? Math.round(m) : Math.round(m * 100) / 100,
    unit,
    runs: samples.length,
  };
}

export interface SampleOptions {
  runs: number;
  warmup: number;
}

/**
 * Milliseconds each measured call of `fn` took. `after` runs untimed after every call (checks,
 * clean-up), so only the work itself is in the numbers.
 */
export async function sample(
  fn: () => unknown,
  { runs, warmup }: SampleOptions,
  after?: () => void,
): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < warmup + runs; i++) {
    const start = performance.now();
    await fn();
    const elapsed = performance.now() - start;
    after?.();
    if (i >= warmup) times.push(elapsed);
  }
  return times;
}

/**
 * Times several tasks in rounds, one call of each per round, rotating which goes first so that
 * drift in machine load and any "second call is cheaper" effect fall on every task alike.
 * `afterRound` runs untimed after each round (e.g. to check the tasks agreed).
 *
 * A task that resolves to a number reports its own measurement (ms), which is recorded instead of
 * the call's wall time: for work timed elsewhere (a page's own mark from navigation start, CPU time
 * read from the browser) whose call also includes untimed setup.
 */
export async function sampleInterleaved<K extends string>(
  tasks: Record<K, () => unknown>,
  { runs, warmup }: SampleOptions,
  afterRound?: () => void,
): Promise<Record<K, number[]>> {
  const names = Object.keys(tasks) as K[];
  const times = Object.fromEntries(names.map((n) => [n, [] as number[]])) as Record<K, number[]>;
  for (let round = 0; round < warmup + runs; round++) {
    for (let j = 0; j < names.length; j++) {
      const name = names[(round + j) % names.length]!;
      const start = performance.now();
      const own = await tasks[name]();
      const elapsed = typeof own === 'number' ? own : performance.now() - start;
      if (round >= warmup) times[name].push(elapsed);
    }
    afterRound?.();
  }
  return times;
}

/**
 * A measurement divided by its floor measured in the same run: median over median, rounded to
 * 0.01. Counted over the fewer of the two sample sets.
 */
export function ratioOf(measured: Result, floor: Result): Result {
  if (floor.median <= 0) throw new RangeError(`a floor of ${floor.median} ${floor.unit} cannot divide`);
  return {
    median: Math.round((measured.median / floor.median) * 100) / 100,
    unit: 'ratio',
    runs: Math.min(measured.runs, floor.runs),
  };
}

/**
 * The median of per-round ratios `measured[i] / floor[i]`, for samples taken by sampleInterleaved
 * (index i = the same round, the two run back to back): load that changes between rounds moves
 * both halves of a pair, so it cancels, where a ratio of two medians takes each median from
 * whichever rounds happened to be quiet. Rounded to 0.01.
 */
export function pairedRatio(measured: readonly number[], floor: readonly number[]): Result {
  if (measured.length !== floor.length || measured.length === 0)
    throw new RangeError(`paired ratio of ${measured.length} and ${floor.length} samples`);
  const ratios = measured.map((m, i) => {
    const f = floor[i]!;
    if (!(f > 0)) throw new RangeError(`a floor of ${f} ms cannot divide`);
    return m / f;
  });
  return { median: Math.round(median(ratios) * 100) / 100, unit: 'ratio', runs: ratios.length };
}
