/**
 * The sync status as the options page shows it: one signal, read by the sync section and the
 * "password changed on another device" notice, reloaded after every sync request this page sends and
 * every few seconds while a section that shows it is mounted (a sync on unlock, after an edit or on
 * the alarm runs in the background without telling the page).
 *
 * Safety fact: SyncStatus holds no secret (the server's address and user name, never its password).
 */

import { signal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { askSync, type SyncStatus } from '../../src/ui/sync-client';

export const syncStatus = signal<SyncStatus | null>(null);

const POLL_MS = 4_000;

export async function refreshSyncStatus(): Promise<void> {
  try {
    syncStatus.value = await askSync('sync.status', {});
  } catch {
    // An older background without sync, or one that stopped mid-request: keep what is shown.
  }
}

/** Keeps syncStatus fresh while the calling component is mounted. */
export function useSyncStatus(): SyncStatus | null {
  useEffect(() => {
    void refreshSyncStatus();
    const timer = setInterval(() => void refreshSyncStatus(), POLL_MS);
    return () => clearInterval(timer);
  }, []);
  return syncStatus.value;
}
