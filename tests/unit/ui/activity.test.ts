import { describe, expect, it, vi } from 'vitest';
import { createThrottledReporter, INPUT_THROTTLE_MS, startActivityReporting } from '../../../src/ui/activity';

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

/** An input event as the browser makes it from real input (scripts cannot set isTrusted). */
function trusted(type: string): Event {
  const event = new Event(type);
  Object.defineProperty(event, 'isTrusted', { value: true });
  return event;
}

describe('startActivityReporting', () => {
  function setup() {
    let now = 0;
    let sent = 0;
    const target = new EventTarget();
    const stop = startActivityReporting({ send: () => sent++, now: () => now, target });
    return {
      target,
      stop,
      advance: (ms: number) => {
        now += ms;
      },
      sent: () => sent,
    };
  }

  it('reports on start and on trusted input, throttled', () => {
    const s = setup();
    expect(s.sent()).toBe(1);
    s.target.dispatchEvent(trusted('keydown'));
    expect(s.sent()).toBe(1); // within 10 s of the opening report
    s.advance(INPUT_THROTTLE_MS);
    s.target.dispatchEvent(trusted('pointerdown'));
    s.target.dispatchEvent(trusted('input'));
    expect(s.sent()).toBe(2);
  });

  it('a page left open without input reports nothing more: there is no timer', () => {
    vi.useFakeTimers();
    try {
      const s = setup();
      vi.advanceTimersByTime(10 * 60_000);
      s.advance(10 * 60_000);
      expect(s.sent()).toBe(1);
    } finally {
      vi.useRealTimers();
    }
  });

  it('ignores input events a script dispatched (untrusted)', () => {
    const s = setup();
    s.advance(INPUT_THROTTLE_MS);
    s.target.dispatchEvent(new Event('keydown'));
    s.target.dispatchEvent(new Event('pointerdown'));
    expect(s.sent()).toBe(1);
  });

  it('stops listening', () => {
    const s = setup();
    s.stop();
    s.advance(INPUT_THROTTLE_MS * 2);
    s.target.dispatchEvent(trusted('keydown'));
    expect(s.sent()).toBe(1);
  });
});
