/**
 * How long to wait after wrong master passwords (at unlock, and when re-entered while unlocked to
 * change it, enrol biometrics, mint a recovery key or export). The first two mistakes are free;
 * from the third, each failure doubles the wait, up to five minutes.
 *
 * This slows guessing through the interface only. Offline guessing is slowed by Argon2id.
 */

export const FREE_ATTEMPTS = 2;
export const MAX_DELAY_MS = 5 * 60_000;

export interface FailureRecord {
  failures: number;
  lastFailureAt: number;
}

export function delayAfter(failures: number): number {
  if (failures <= FREE_ATTEMPTS) return 0;
  return Math.min(1000 * 2 ** (failures - FREE_ATTEMPTS - 1), MAX_DELAY_MS);
}

/** Milliseconds left before another attempt is accepted. */
export function retryAfterMs(record: FailureRecord | undefined, now: number): number {
  if (!record) return 0;
  return Math.max(0, record.lastFailureAt + delayAfter(record.failures) - now);
}
