import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareHlc, type Hlc, HlcClock, hlcKey, ZERO_HLC } from '../../../src/sync/hlc';

const hlc = fc.record({
  wall: fc.integer({ min: 0, max: 4_000_000_000_000 }),
  count: fc.integer({ min: 0, max: 1000 }),
  node: fc.constantFrom('a', 'b', 'c'),
});

describe('hybrid logical clock', () => {
  it('every tick is greater than every timestamp issued or observed before, whatever the wall clock does', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.record({ now: fc.integer({ min: 0, max: 4e12 }) }), fc.record({ seen: hlc })), {
          maxLength: 60,
        }),
        (steps) => {
          let wall = 0;
          const clock = new HlcClock('me', ZERO_HLC, () => wall);
          let highest: Hlc = ZERO_HLC;
          for (const step of steps) {
            if ('now' in step) {
              wall = step.now; // may jump back by hours
              const t = clock.tick();
              expect(compareHlc(t, highest)).toBe(1);
              highest = t;
            } else {
              clock.observe(step.seen);
              if (compareHlc(step.seen, highest) > 0) highest = step.seen;
            }
          }
          expect(compareHlc(clock.tick(), highest)).toBe(1);
        },
      ),
    );
  });

  it('an event after seeing another sorts after it even when its wall clock is hours behind', () => {
    const fast = new HlcClock('fast', ZERO_HLC, () => 1_800_000_000_000 + 5 * 3600_000);
    const slow = new HlcClock('slow', ZERO_HLC, () => 1_800_000_000_000);
    const first = fast.tick();
    slow.observe(first);
    expect(compareHlc(slow.tick(), first)).toBe(1);
  });

  it('compareHlc is a total order and hlcKey sorts the same way', () => {
    fc.assert(
      fc.property(hlc, hlc, hlc, (a, b, c) => {
        expect(Math.sign(compareHlc(a, b))).toBe(-Math.sign(compareHlc(b, a)));
        if (compareHlc(a, b) <= 0 && compareHlc(b, c) <= 0) expect(compareHlc(a, c)).toBeLessThanOrEqual(0);
        const byKey = hlcKey(a) < hlcKey(b) ? -1 : hlcKey(a) > hlcKey(b) ? 1 : 0;
        if (byKey !== 0) expect(byKey).toBe(Math.sign(compareHlc(a, b)));
      }),
    );
  });
});
