/**
 * Tells the background that the person is still using Tessera, so auto-lock counts from the last
 * real activity: once when the page opens, on input (at most once per 10 s), and every 30 s while
 * the page is visible.
 *
 * Safety fact: the report carries no data; it only postpones the auto-lock alarm, and the
 * background ignores it while the vault is locked.
 */

export const INPUT_THROTTLE_MS = 10_000;
export const VISIBLE_INTERVAL_MS = 30_000;

/** Calls `send` at most once per `minIntervalMs`, unless forced. */
export function createThrottledReporter(
  send: () => void,
  now: () => number,
  minIntervalMs = INPUT_THROTTLE_MS,
) {
  let last = Number.NEGATIVE_INFINITY;
  return (force = false): boolean => {
    const time = now();
    if (!force && time - last < minIntervalMs) return false;
    last = time;
    send();
    return true;
  };
}

export interface ActivityDeps {
  send(): void;
  now(): number;
  /** Where input events arrive (the document). */
  target: EventTarget;
  isVisible(): boolean;
  setInterval(run: () => void, ms: number): unknown;
  clearInterval(handle: unknown): void;
}

const INPUT_EVENTS = ['keydown', 'pointerdown', 'input', 'wheel'] as const;

/** Starts reporting; returns a function that stops it. */
export function startActivityReporting(deps: ActivityDeps): () => void {
  const report = createThrottledReporter(deps.send, deps.now);
  const onInput = () => report();
  report(true);
  for (const type of INPUT_EVENTS)
    deps.target.addEventListener(type, onInput, { passive: true, capture: true });
  const timer = deps.setInterval(() => {
    if (deps.isVisible()) report(true);
  }, VISIBLE_INTERVAL_MS);
  return () => {
    deps.clearInterval(timer);
    for (const type of INPUT_EVENTS) deps.target.removeEventListener(type, onInput, { capture: true });
  };
}
