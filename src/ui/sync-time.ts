/**
 * "Last synced <when>" for the options page and the popup: the time of day for today, the date and
 * time before that, and "just now" for the last minute (a sync that just ran should not read as
 * "14:05" while the clock says 14:05). A time ahead of this device's clock (another device's clock, or
 * this one set back) reads as the date and time, never as something in the future.
 */

import type { SyncStatus } from '../sync/status';
import { t } from './i18n';

const MINUTE_MS = 60_000;

export function syncedWhen(at: number, now: number = Date.now()): string {
  const locale = t('lang');
  if (now - at >= 0 && now - at < MINUTE_MS) return t('sync_just_now');
  const then = new Date(at);
  const sameDay = then.toDateString() === new Date(now).toDateString() && at <= now;
  return sameDay
    ? then.toLocaleTimeString(locale, { hour: 'numeric', minute: '2-digit' })
    : then.toLocaleString(locale, { dateStyle: 'medium', timeStyle: 'short' });
}

/** The options page's and the popup's one line: syncing now, when it last synced, or not yet. */
export function lastSyncedLine(status: Pick<SyncStatus, 'state' | 'lastSyncedAt'>): string {
  if (status.state === 'syncing') return t('sync_state_syncing');
  return status.lastSyncedAt
    ? t('sync_last_synced', syncedWhen(status.lastSyncedAt))
    : t('sync_never_synced');
}
