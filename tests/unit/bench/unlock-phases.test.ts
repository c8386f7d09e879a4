// bench/lib/unlock-phases.ts: one unlock's steps from the page's and the worker's marks, each on its
// own context's clock (timeOrigin + startTime). Those clocks can disagree by tens of ms (a bench run
// had them 29-48 ms apart and a page -> worker leg came out negative), so no step may depend on it.

import { describe, expect, it } from 'vitest';
import { type Timeline, UNLOCK_PHASES, unlockPhases } from '../../../bench/lib/unlock-phases';
import { KDF_MEASURE } from '../../../src/crypto/kdf';
import { UNLOCK_MARKS as M } from '../../../src/messages/perf-marks';
import { LIST_READY_MARK } from '../../../src/ui/ready';

/** One unlock on a single true clock: page marks shifted by `pageOffset`, worker marks by `workerOffset`. */
function timelines(
  pageOffset: number,
  workerOffset: number,
): { click: number; page: Timeline; worker: Timeline } {
  const page: Timeline = {
    [M.asked]: 1_001 + pageOffset,
    [M.replied]: 1_409 + pageOffset,
    [LIST_READY_MARK]: 1_420 + pageOffset,
  };
  const worker: Timeline = {
    [M.received]: 1_004 + workerOffset,
    [M.checked]: 1_005 + workerOffset,
    [KDF_MEASURE]: 1_007 + workerOffset,
    [`${KDF_MEASURE}:end`]: 1_400 + workerOffset,
    [M.opened]: 1_402 + workerOffset,
    [M.issued]: 1_405 + workerOffset,
    [M.held]: 1_480 + workerOffset,
  };
  return { click: 1_000 + pageOffset, page, worker };
}

describe('unlockPhases', () => {
  it('splits the path into steps that sum to click-to-list without the Argon2id', () => {
    const { click, page, worker } = timelines(0, 0);
    const steps = unlockPhases(click, page, worker)!;
    expect(steps).toEqual({
      click: 1,
      transport: 7, // 3 there, 4 back
      checked: 1,
      before_kdf: 2,
      open: 2,
      hold: 3,
      render: 11,
      writes: 75,
    });
    const path = UNLOCK_PHASES.filter((p) => p !== 'writes').reduce((sum, p) => sum + steps[p], 0);
    expect(path).toBe(1_420 - 1_000 - (1_400 - 1_007));
  });

  it('gives the same steps, none negative, when the two clocks disagree either way', () => {
    const { click, page, worker } = timelines(0, 0);
    const same = unlockPhases(click, page, worker);
    for (const [pageOffset, workerOffset] of [
      [0, -45],
      [0, 45],
      [123.4, -7.25],
    ] as const) {
      const shifted = timelines(pageOffset, workerOffset);
      const steps = unlockPhases(shifted.click, shifted.page, shifted.worker)!;
      for (const p of UNLOCK_PHASES) expect(steps[p]).toBeCloseTo(same![p], 9);
      expect(Object.values(steps).every((v) => v >= 0)).toBe(true);
    }
  });

  it('is null when a mark is missing (an older build)', () => {
    const { click, page, worker } = timelines(0, 0);
    delete worker[M.issued];
    expect(unlockPhases(click, page, worker)).toBeNull();
  });
});
