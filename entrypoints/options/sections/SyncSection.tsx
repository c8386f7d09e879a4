/**
 * Options > Sync: turn sync on with a WebDAV folder, and, once on, what it last did.
 *
 *   off, unlocked   the folder's address, user name and app password; "Check the folder" asks the
 *                   browser for access to that server only (an optional host permission, asked from
 *                   the click itself), then shows what connecting would do before doing anything:
 *                   upload to an empty folder, join this vault, or refuse a different vault by name.
 *   on              "Syncing with <folder> as <user>", last synced, the error of the last sync, the
 *                   service's warnings, Sync now and Turn off sync.
 *   locked          what is known without the key; syncing waits for the unlock.
 */

import { useEffect, useRef, useState } from 'preact/hooks';
import type { VaultState } from '../../../src/messages/protocol';
import { BusyButton } from '../../../src/ui/components/BusyButton';
import { FormMessages } from '../../../src/ui/components/FormMessages';
import { t } from '../../../src/ui/i18n';
import type { SyncStatus } from '../../../src/ui/sync-client';
import { askSync } from '../../../src/ui/sync-client';
import { lastSyncedLine } from '../../../src/ui/sync-time';
import { Section } from '../components/Section';
import { refreshSyncStatus, syncStatus, useSyncStatus } from '../sync-state';
import { describeSyncCode, describeSyncError } from '../sync-text';
import { SyncConnectForm } from './SyncConnectForm';
import { SyncRejoinForm } from './SyncRejoinForm';

export function SyncSection({ state }: { state: VaultState }) {
  const status = useSyncStatus();
  /** "Sync is off": said after Connected has gone, so it lives here. */
  const [turnedOff, setTurnedOff] = useState(false);
  return (
    <Section id="sync-server" title={t('sync_title')} intro={t('sync_intro')}>
      {status?.connected ? (
        <Connected status={status} onTurnedOff={() => setTurnedOff(true)} />
      ) : state === 'unlocked' ? (
        status && <SyncConnectForm />
      ) : (
        <p class="hint">{t('sync_off_locked')}</p>
      )}
      <p class="done" role="status">
        {turnedOff && !status?.connected ? t('sync_disconnect_done') : null}
      </p>
    </Section>
  );
}

function Connected({ status, onTurnedOff }: { status: SyncStatus; onTurnedOff(): void }) {
  const [busy, setBusy] = useState<'now' | 'disconnect' | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const confirmBox = useRef<HTMLDivElement>(null);
  // The button that was pressed is gone: the keyboard lands on the confirming one.
  useEffect(() => {
    if (confirming) confirmBox.current?.querySelector('button')?.focus();
  }, [confirming]);

  async function run(kind: 'now' | 'disconnect') {
    if (busy) return;
    setBusy(kind);
    setError(null);
    setDone(null);
    try {
      const next = await askSync(kind === 'now' ? 'sync.now' : 'sync.disconnect', {});
      if (kind === 'disconnect') onTurnedOff();
      syncStatus.value = next;
      if (kind === 'disconnect') return;
      if (next.lastError) setError(describeSyncCode(next.lastError.code, next.lastError.message));
      else setDone(t('sync_now_done'));
    } catch (err) {
      setError(describeSyncError(err));
      void refreshSyncStatus();
    } finally {
      setBusy(null);
      setConfirming(false);
    }
  }

  const server = status.server;
  return (
    <div class="stack" aria-busy={busy !== null}>
      {server && <p>{t('sync_connected_to', [server.url, server.username])}</p>}
      <p role="status" data-testid="sync-state">
        {lastSyncedLine(status)}
      </p>
      {status.state === 'locked' && <p class="notice info">{t('sync_state_locked')}</p>}
      {status.state === 'error' && status.lastError && (
        <div class="notice danger-notice" data-testid="sync-error">
          <p>
            <strong>{t('sync_error_heading')}</strong>:{' '}
            {describeSyncCode(status.lastError.code, status.lastError.message)}
          </p>
        </div>
      )}
      {status.lastError?.code === 'key-rotated' && status.state !== 'locked' && <SyncRejoinForm />}
      {status.warnings.length > 0 && (
        <ul class="notice info" data-testid="sync-warnings">
          {status.warnings.map((warning) => (
            <li key={warning}>{t('sync_warning', warning)}</li>
          ))}
        </ul>
      )}
      <FormMessages id="sync-server" error={error} done={done} />
      {confirming ? (
        <div class="stack" ref={confirmBox}>
          <p>{t('sync_disconnect_confirm')}</p>
          <div class="actions">
            <BusyButton
              type="button"
              kind="danger"
              busy={busy === 'disconnect'}
              label={t('sync_disconnect_button')}
              busyLabel={t('sync_disconnect_busy')}
              onClick={() => void run('disconnect')}
            />
            <button type="button" class="button" onClick={() => setConfirming(false)}>
              {t('sync_cancel')}
            </button>
          </div>
        </div>
      ) : (
        <div class="actions">
          <BusyButton
            type="button"
            busy={busy === 'now'}
            disabled={status.state === 'locked'}
            label={t('sync_now_button')}
            busyLabel={t('sync_now_busy')}
            onClick={() => void run('now')}
          />
          <button type="button" class="button" disabled={busy !== null} onClick={() => setConfirming(true)}>
            {t('sync_disconnect_button')}
          </button>
        </div>
      )}
    </div>
  );
}
