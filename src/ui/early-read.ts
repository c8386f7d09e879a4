/**
 * The popup's first-screen read, started before its modules load (issue 18). Opening the popup
 * warm is: parse the page, fetch and run its chunks (~50 ms above a blank extension page, measured
 * on the bench), then read the first screen from storage.session (one IPC round trip, ~15 ms), then
 * render. A tiny classic script at the top of popup.html (entrypoints/popup-early.ts) starts that
 * read while the chunks load; loadInitial (state.ts) then takes its answer instead of asking again.
 *
 * Safety facts: the read is the same one loadInitial would make (same keys, same epoch check by
 * readFirstScreen), from the same extension page. It is answered once, to the first read of the
 * first screen only: any later read (after an unlock, a retry) goes to storage.session. And a lock
 * broadcast that arrives before it is taken makes it unusable: the early script listens from the
 * start, before the page's own lock listener exists, so a lock in between is never missed.
 */

import { EPOCH_SLOT, FIRST_SCREEN_SLOT, type SnapshotSource } from '../messages/list-snapshot';
import { type LockRuntime, onLockBroadcast } from './lock-broadcast';

/** The keys readFirstScreen asks for, in its order. */
const FIRST_SCREEN_KEYS = [EPOCH_SLOT, FIRST_SCREEN_SLOT] as const;

/** Where the early script leaves its read for the page's modules (a global of this page only). */
const EARLY_READ = Symbol.for('tessera.popup.firstScreenRead');

interface EarlyRead {
  read: Promise<Record<string, unknown>>;
  /** A lock broadcast came in since the read began. */
  locked: boolean;
  stopListening(): void;
}

type WithEarlyRead = { [EARLY_READ]?: EarlyRead };

/** Starts the first-screen read and listens for a lock meanwhile (the early script's whole job). */
export function startEarlyRead(area: SnapshotSource, runtime: LockRuntime): void {
  const read = area.get([...FIRST_SCREEN_KEYS]);
  read.catch(() => undefined);
  const early: EarlyRead = { read, locked: false, stopListening: () => undefined };
  early.stopListening = onLockBroadcast(runtime, () => {
    early.locked = true;
  });
  (globalThis as WithEarlyRead)[EARLY_READ] = early;
}

/**
 * `area`, except that its first read of the first screen is answered by the early read, if one was
 * started and no lock came in since. Taken once either way.
 */
export function withEarlyRead(area: SnapshotSource): SnapshotSource {
  return {
    get(keys: string[]) {
      const early = takeEarlyRead();
      const same =
        keys.length === FIRST_SCREEN_KEYS.length && keys.every((k, i) => k === FIRST_SCREEN_KEYS[i]);
      return early && !early.locked && same ? early.read : area.get(keys);
    },
  };
}

function takeEarlyRead(): EarlyRead | undefined {
  const holder = globalThis as WithEarlyRead;
  const early = holder[EARLY_READ];
  delete holder[EARLY_READ];
  early?.stopListening();
  return early;
}
