/**
 * Performance marks for the bench (bench/metrics/popup.ts), in the contexts that do the work.
 *
 * WORKER_MAIN_MARK: the background's main() begins, on the worker's own timeline (from the
 * worker's start): what fetching, compiling and running background.js's top level cost a cold
 * start, before any listener can answer (worker_start_*_ms).
 *
 * The unlock marks: along one master-password unlock, in the page that asks and in the background
 * that answers, so the bench can split unlock-to-list into its steps (bench/metrics/popup.ts,
 * unlock_phase_*_ms). Each context keeps the marks of its latest unlock only: an unlock clears
 * the earlier ones when it starts. A mark is a name and a time, nothing else: the same timeline
 * already holds the Argon2id measure (KDF_MEASURE), and no other context can read it.
 *
 * Order of one unlock (page P, background W; the bench converts W's times to P's clock through
 * each timeline's timeOrigin):
 *   P asked -> W received -> W checked (queue turn, key slot and throttle count read)
 *   -> [Argon2id: KDF_MEASURE] -> W opened (key record, index) -> W issued (first screen picked,
 *   storage.session writes issued) -> P replied -> P tessera:list-ready (first render)
 *   W held: the storage.session writes landed (after `issued`; the reply does not wait for it).
 */

export const WORKER_MAIN_MARK = 'tessera:worker-main';

export const UNLOCK_MARKS = {
  asked: 'tessera:unlock:asked',
  replied: 'tessera:unlock:replied',
  received: 'tessera:unlock:received',
  checked: 'tessera:unlock:checked',
  opened: 'tessera:unlock:opened',
  issued: 'tessera:unlock:issued',
  held: 'tessera:unlock:held',
} as const;

export type UnlockMark = keyof typeof UNLOCK_MARKS;

/** Records `step` of the current unlock; `asked` and `received` begin one and drop the last one's marks. */
export function markUnlock(step: UnlockMark): void {
  if (step === 'asked' || step === 'received') {
    for (const name of Object.values(UNLOCK_MARKS)) performance.clearMarks(name);
  }
  performance.mark(UNLOCK_MARKS[step]);
}
