/**
 * "The master password was changed on another device on <date>" (or "The vault key was replaced
 * on another device on <date>", when the unlock re-encrypted this vault under it): shown above the vault's security
 * settings once this device has learned of a newer synced password record, so the person knows why
 * the old password stopped working here. The unlock that adopted it says so in VaultStatus; the sync
 * status keeps it across unlocks. Nothing when sync is off.
 */

import { t } from '../../../src/ui/i18n';
import { formatDate } from '../format';
import { status } from '../state';
import { useSyncStatus } from '../sync-state';

export function KeysChangedNotice() {
  const synced = useSyncStatus();
  const changedAt = status.value?.keysChangedAt ?? synced?.keysChangedAt;
  if (!changedAt) return null;
  return (
    <p class="notice info" role="status" data-testid="sync-keys-changed">
      {t(status.value?.keyReplaced ? 'sync_key_replaced' : 'sync_keys_changed', formatDate(changedAt))}
    </p>
  );
}
