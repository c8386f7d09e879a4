// bench/lib/sampling.ts: the interleaved sampler the bench's ratios rest on (issue 18), and ratioOf.

import { describe, expect, it } from 'vitest';
import { pairedRatio, ratioOf, sampleInterleaved, summarize } from '../../../bench/lib/sampling';

describe('sampleInterleaved', () => {
  it('rotates which task goes first, discards warm-up rounds and keeps one sample per task per round', async () => {
    const order: string[] = [];
    const times = await sampleInterleaved(
      { a: () => void order.push('a'), b: () => void order.push('b'), c: () => void order.push('c') },
      { runs: 3, warmup: 1 },
    );
    expect(order).toEqual(['a', 'b', 'c', 'b', 'c', 'a', 'c', 'a', 'b', 'a', 'b', 'c']);
    for (const samples of Object.values(times)) expect(samples).toHaveLength(3);
  });

  it('records the number a task resolves to (its own measurement) instead of its wall time', async () => {
    let n = 0;
    const times = await sampleInterleaved(
      {
        selfTimed: async () => {
          await new Promise((r) => setTimeout(r, 5));
          return 100 + n++;
        },
        wall: async () => {
          await new Promise((r) => setTimeout(r, 5));
        },
      },
      { runs: 2, warmup: 1 },
    );
    expect(times.selfTimed).toEqual([101, 102]);
    for (const ms of times.wall) expect(ms).toBeGreaterThanOrEqual(4);
  });
});

describe('ratioOf', () => {
  it('divides the medians, rounds to 0.01 and counts the fewer runs', () => {
    const r = ratioOf(summarize([30, 10, 20], 'ms'), summarize([8, 8, 7, 9, 8], 'ms'));
    expect(r).toEqual({ median: 2.5, unit: 'ratio', runs: 3 });
  });

  it('refuses a floor of zero', () => {
    expect(() => ratioOf(summarize([1], 'ms'), summarize([0], 'ms'))).toThrow(RangeError);
  });
});

describe('pairedRatio', () => {
  it('takes the median of per-round ratios, so a loud round moves both halves of its pair', () => {
    // Rounds 1 and 2 are loud for both halves: the medians come from different rounds (300 from a
    // loud one, 100 from a quiet one), so their ratio (3) is what almost no round saw.
    const popup = [300, 310, 320, 130, 140];
    const blank = [200, 210, 90, 95, 100];
    expect(pairedRatio(popup, blank)).toEqual({ median: 1.48, unit: 'ratio', runs: 5 });
    expect(ratioOf(summarize(popup, 'ms'), summarize(blank, 'ms')).median).toBe(3);
  });

  it('refuses unpaired samples and a floor of zero', () => {
    expect(() => pairedRatio([1, 2], [1])).toThrow(RangeError);
    expect(() => pairedRatio([1], [0])).toThrow(RangeError);
  });
});
