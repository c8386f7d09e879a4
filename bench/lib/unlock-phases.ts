// unlock_to_list split into its steps, from the marks one unlock leaves in the page and in the
// worker (src/messages/perf-marks.ts) and the worker's Argon2id measure (KDF_MEASURE). Each
// context's times are converted to one clock through its timeline's timeOrigin (ms since the
// epoch, sub-millisecond). The page's and the worker's timeOrigin need not agree: each is the wall
// clock read when its context started, and one run here had them 29-48 ms apart (a single leg
// page -> worker came out negative). So no step is a difference between the two clocks: the two
// legs between them are one step, `transport` (the page's round trip minus the worker's part of
// it), in which any offset between the clocks cancels.

import { KDF_MEASURE } from '../../src/crypto/kdf';
import { UNLOCK_MARKS } from '../../src/messages/perf-marks';
import { LIST_READY_MARK } from '../../src/ui/ready';

/** Mark name -> absolute time (timeOrigin + startTime); a measure adds `<name>:end`. */
export type Timeline = Record<string, number>;

/**
 * The steps on the unlock's path, in order; their sum is click to list. `writes` is off the path
 * (the reply leaves before the storage.session writes land) and reported for reference.
 */
export const UNLOCK_PHASES = [
  'click', // the click until the page sends the request
  'transport', // both legs between page and worker: request to the session (router checks) and reply back
  'checked', // the session's queue turn, the key slot and throttle count read
  'before_kdf', // the key records read (the chunks' read starts beside Argon2id)
  'open', // after Argon2id: the key record opened, the index read and decrypted
  'hold', // the first screen picked, the storage.session writes issued
  'render', // the page's first render of the list
  'writes', // off the path: the storage.session writes until they landed
] as const;

export type UnlockPhase = (typeof UNLOCK_PHASES)[number];

const M = UNLOCK_MARKS;

/** Expression evaluated in a page or the worker: its unlock marks and Argon2id measure as a Timeline. */
export const TIMELINE_EXPRESSION = `(() => {
  const names = ${JSON.stringify([...Object.values(M), LIST_READY_MARK, KDF_MEASURE])};
  const out = {};
  for (const name of names) {
    const entry = performance.getEntriesByName(name).at(-1);
    if (!entry) continue;
    out[name] = performance.timeOrigin + entry.startTime;
    if (entry.duration > 0) out[name + ':end'] = performance.timeOrigin + entry.startTime + entry.duration;
  }
  return out;
})()`;

/** The steps of one unlock, or null when a mark is missing (an older build's popup). */
export function unlockPhases(
  clickAt: number,
  page: Timeline,
  worker: Timeline,
): Record<UnlockPhase, number> | null {
  const at = (t: Timeline, name: string) => t[name];
  const points = [
    clickAt,
    at(page, M.asked),
    at(worker, M.received),
    at(worker, M.checked),
    at(worker, KDF_MEASURE),
    at(worker, `${KDF_MEASURE}:end`),
    at(worker, M.opened),
    at(worker, M.issued),
    at(page, M.replied),
    at(page, LIST_READY_MARK),
    at(worker, M.held),
  ];
  if (points.some((p) => p === undefined)) return null;
  const [click, asked, received, checked, kdfStart, kdfEnd, opened, issued, replied, ready, held] =
    points as number[];
  return {
    click: asked! - click!,
    // (replied - asked) on the page's clock minus (issued - received) on the worker's.
    transport: replied! - asked! - (issued! - received!),
    checked: checked! - received!,
    before_kdf: kdfStart! - checked!,
    open: opened! - kdfEnd!,
    hold: issued! - opened!,
    render: ready! - replied!,
    writes: held! - issued!,
  };
}
