/**
 * Auto-lock timing. The deadline is a chrome.alarms alarm, not a setTimeout: a timer dies with the
 * service worker (stopped after ~30 s idle), an alarm wakes the worker when it fires.
 *
 * "Idle" means no one used Tessera: only an unlock, a person's input on Tessera's own pages
 * (src/ui/activity.ts: trusted input events, no timer) and a fill the person asked for (popup
 * Fill, the shortcut, an inline-menu click) push the deadline back. Requests a web page can cause
 * through the content script never do (entrypoints/background/handlers.ts).
 */

import type { Settings } from '../messages/protocol';

export const AUTO_LOCK_ALARM = 'tessera.autolock';

/** The moment the vault should lock, or null for "never". */
export function autoLockDeadline(
  settings: Pick<Settings, 'autoLockMinutes'>,
  lastActivity: number,
): number | null {
  return settings.autoLockMinutes === 0 ? null : lastActivity + settings.autoLockMinutes * 60_000;
}

export interface AlarmsApi {
  create(name: string, info: { when: number }): void | Promise<void>;
  clear(name: string): Promise<boolean>;
}

/** Minimum spacing between alarm updates; activity bursts need not each reschedule. */
export const RESCHEDULE_EVERY_MS = 5_000;

export function createAutoLockScheduler(
  alarms: AlarmsApi,
  loadSettings: () => Promise<Settings>,
  now: () => number,
) {
  let lastScheduled = 0;
  return {
    /** Pushes the deadline back from now (rate-limited). */
    async touch(force = false): Promise<void> {
      const t = now();
      if (!force && t - lastScheduled < RESCHEDULE_EVERY_MS) return;
      lastScheduled = t;
      const deadline = autoLockDeadline(await loadSettings(), t);
      if (deadline === null) await alarms.clear(AUTO_LOCK_ALARM);
      else await alarms.create(AUTO_LOCK_ALARM, { when: deadline });
    },
    async cancel(): Promise<void> {
      lastScheduled = 0;
      await alarms.clear(AUTO_LOCK_ALARM);
    },
  };
}
