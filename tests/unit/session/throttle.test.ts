import { describe, expect, it } from 'vitest';
import { delayAfter, MAX_DELAY_MS, retryAfterMs } from '../../../src/session/throttle';

describe('unlock throttle', () => {
  it('lets two mistakes pass, then doubles the wait up to a cap', () => {
    expect([0, 1, 2, 3, 4, 5, 6].map(delayAfter)).toEqual([0, 0, 0, 1000, 2000, 4000, 8000]);
    expect(delayAfter(40)).toBe(MAX_DELAY_MS);
  });

  it('counts down from the last failure', () => {
    const rec = { failures: 4, lastFailureAt: 10_000 };
    expect(retryAfterMs(rec, 10_500)).toBe(1500);
    expect(retryAfterMs(rec, 12_000)).toBe(0);
    expect(retryAfterMs(undefined, 0)).toBe(0);
  });
});
