/**
 * Tells the background that the person is still using Tessera, so auto-lock counts from the last
 * real activity: once when the page opens (a person opened it: the toolbar button, the shortcut,
 * the options link), then on the person's own input, at most once per 10 s.
 *
 * Only input counts (issue 13, item 4): a page that is merely visible reports nothing, so an
 * options tab left open lets the vault auto-lock. Only trusted events count: those the browser
 * makes from real input, never one a script dispatched.
 *
 * Safety fact: the report carries no data; it only postpones the auto-lock alarm, and the
 * background ignores it while the vault is locked.
 */

export const INPUT_THROTTLE_MS = 10_000;

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
}

const INPUT_EVENTS = ['keydown', 'pointerdown', 'input', 'wheel'] as const;

/** Starts reporting; returns a function that stops it. */
export function startActivityReporting(deps: ActivityDeps): () => void {
  const report = createThrottledReporter(deps.send, deps.now);
  const onInput = (event: Event) => {
    if (event.isTrusted) report();
  };
  report(true);
  for (const type of INPUT_EVENTS)
    deps.target.addEventListener(type, onInput, { passive: true, capture: true });
  return () => {
    for (const type of INPUT_EVENTS) deps.target.removeEventListener(type, onInput, { capture: true });
  };
}
