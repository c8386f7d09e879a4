import { describe, expect, it } from 'vitest';
import {
  createThrottledReporter,
  INPUT_THROTTLE_MS,
  startActivityReporting,
  VISIBLE_INTERVAL_MS,
} from '../../../src/ui/activity';

describe('createThrottledReporter', () => {
  it('sends at most once per interval unless forced', () => {
    let now = 1_000;
    let sent = 0;
    const report = createThrottledReporter(
      () => sent++,
      () => now,
    );
    expect(report()).toBe(true);
    now += INPUT_THROTTLE_MS - 1;
    expect(report()).toBe(false);
    expect(report(true)).toBe(true);
    now += INPUT_THROTTLE_MS;
    expect(report()).toBe(true);
    expect(sent).toBe(3);
  });
});

describe('startActivityReporting', () => {
  function setup(visible: boolean) {
    let now = 0;
    let sent = 0;
    const target = new EventTarget();
    const intervals: { run: () => void; ms: number }[] = [];
    let cleared = false;
    const stop = startActivityReporting({
      send: () => sent++,
      now: () => now,
      target,
      isVisible: () => visible,
      setInterval: (run, ms) => intervals.push({ run, ms }),
      clearInterval: () => {
        cleared = true;
      },
    });
    return {
      target,
      intervals,
      stop,
      advance: (ms: number) => {
        now += ms;
      },
      sent: () => sent,
      cleared: () => cleared,
    };
  }

  it('reports on start, on input (throttled) and on the visible-page interval', () => {
    const s = setup(true);
    expect(s.sent()).toBe(1);
    s.target.dispatchEvent(new Event('keydown'));
    expect(s.sent()).toBe(1); // within 10 s of the opening report
    s.advance(INPUT_THROTTLE_MS);
    s.target.dispatchEvent(new Event('pointerdown'));
    s.target.dispatchEvent(new Event('input'));
    expect(s.sent()).toBe(2);
    expect(s.intervals.map((i) => i.ms)).toEqual([VISIBLE_INTERVAL_MS]);
    s.intervals[0]!.run();
    expect(s.sent()).toBe(3);
  });

  it('does not report on the interval while the page is hidden', () => {
    const s = setup(false);
    s.intervals[0]!.run();
    expect(s.sent()).toBe(1);
  });

  it('stops listening and clears the interval', () => {
    const s = setup(true);
    s.stop();
    s.advance(INPUT_THROTTLE_MS * 2);
    s.target.dispatchEvent(new Event('keydown'));
    expect(s.sent()).toBe(1);
    expect(s.cleared()).toBe(true);
  });
});
