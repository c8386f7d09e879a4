/**
 * One small line above the list's footer while sync is on: "Last synced <time>", or "Sync error"
 * as a link to Options > Sync, where the error is explained. Nothing while sync is off.
 *
 * Cheap on purpose (the popup's cold start is benched): the status is asked after the first screen
 * is painted, and an answer that never comes (an older background, a stopped worker) leaves the
 * line away rather than showing a guess.
 */

import { useEffect, useState } from 'preact/hooks';
import { openOptionsAt } from '../../src/ui/components/RestoreFromBackupLink';
import { t } from '../../src/ui/i18n';
import { askSync, type SyncStatus } from '../../src/ui/sync-client';
import { lastSyncedLine } from '../../src/ui/sync-time';

export function SyncLine() {
  const [status, setStatus] = useState<SyncStatus | null>(null);
  useEffect(() => {
    const timer = setTimeout(() => {
      askSync('sync.status', {}).then(setStatus, () => undefined);
    }, 0);
    return () => clearTimeout(timer);
  }, []);
  if (!status?.connected) return null;
  if (status.state === 'error') {
    return (
      <p class="sync-line" data-testid="popup-sync">
        <button type="button" class="link-button sync-error-link" onClick={() => openOptionsAt('sync')}>
          {t('popup_sync_error')}
        </button>
      </p>
    );
  }
  return (
    <p class="sync-line" data-testid="popup-sync">
      {lastSyncedLine(status)}
    </p>
  );
}
