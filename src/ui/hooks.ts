/** Small Preact hooks shared by screens. */

import { useEffect, useState } from 'preact/hooks';

/**
 * Milliseconds left until `until` (a Date.now() time), re-rendering as it counts down to 0. The
 * time left is computed from the clock at each render, so a new `until` is right at once.
 */
export function useCountdown(until: number, tickMs = 250): number {
  const [, setTick] = useState(0);
  const left = Math.max(0, until - Date.now());
  const counting = left > 0;
  useEffect(() => {
    if (!counting) return;
    const timer = setInterval(() => setTick((n) => n + 1), tickMs);
    return () => clearInterval(timer);
  }, [until, counting, tickMs]);
  return left;
}
