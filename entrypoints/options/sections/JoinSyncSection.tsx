/**
 * First run on a browser with no vault: join the vault another browser syncs. The folder, its user
 * name and app password, and the synced vault's master password: the background fetches the synced
 * key records, opens them with the password, builds this browser's vault from the folder and leaves
 * it unlocked (sync.joinNew). The server's credentials alone open nothing.
 */

import { useRef, useState } from 'preact/hooks';
import { BusyButton } from '../../../src/ui/components/BusyButton';
import { FormMessages } from '../../../src/ui/components/FormMessages';
import { errorCode } from '../../../src/ui/errors';
import { type FormError, useFocusOnError } from '../../../src/ui/form-focus';
import { t } from '../../../src/ui/i18n';
import { askSync, type SyncCredentials } from '../../../src/ui/sync-client';
import { PasswordField } from '../components/PasswordField';
import { Section } from '../components/Section';
import { EMPTY_SERVER, type ServerField, SyncServerFields } from '../components/SyncServerFields';
import { refresh } from '../state';
import { askHostPermission, checkedServer } from '../sync-permission';
import { syncStatus } from '../sync-state';
import { describeSyncError, serverFieldFor } from '../sync-text';

type Field = ServerField | 'master';

export function JoinSyncSection() {
  const [value, setValue] = useState<SyncCredentials>(EMPTY_SERVER);
  const [master, setMaster] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<FormError<Field> | null>(null);
  const refs = {
    url: useRef<HTMLInputElement>(null),
    username: useRef<HTMLInputElement>(null),
    password: useRef<HTMLInputElement>(null),
    master: useRef<HTMLInputElement>(null),
  };
  useFocusOnError(error, refs);

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    setError(null);
    const server = checkedServer(value);
    if ('error' in server) return setError(server.error);
    if (!master) return setError({ text: t('sync_join_master_empty'), field: 'master' });
    // Before any await: the permission prompt needs this click.
    const permission = askHostPermission(server.folder);
    setBusy(true);
    try {
      if (!(await permission)) {
        setError({ text: t('sync_permission_denied', server.folder.hostname), field: null });
        setBusy(false);
        return;
      }
      syncStatus.value = await askSync('sync.joinNew', {
        ...value,
        url: server.folder.href,
        masterPassword: master,
      });
      // The page changes state (now unlocked) and this section goes away.
      await refresh();
    } catch (err) {
      setBusy(false);
      const code = errorCode(err);
      setError({
        text: describeSyncError(err),
        field: code === 'wrong-password' || code === 'throttled' ? 'master' : serverFieldFor(err),
      });
    }
  }

  return (
    <Section id="sync-join" title={t('sync_join_title')} intro={t('sync_join_intro')}>
      <form class="stack" onSubmit={submit} noValidate aria-busy={busy}>
        <SyncServerFields
          id="sync-join"
          value={value}
          onValue={(next) => {
            setValue(next);
            setError(null);
          }}
          refs={refs}
          invalid={error?.field && error.field !== 'master' ? error.field : null}
          errorId="sync-join-error"
          disabled={busy}
        />
        <PasswordField
          label={t('sync_join_master_label')}
          id="sync-join-master"
          inputRef={refs.master}
          value={master}
          onValue={(next) => {
            setMaster(next);
            setError(null);
          }}
          autoComplete="current-password"
          describedBy="sync-join-error"
          invalid={error?.field === 'master'}
          disabled={busy}
        />
        <FormMessages id="sync-join" error={error?.text ?? null} />
        <div class="actions">
          <BusyButton busy={busy} label={t('sync_join_button')} busyLabel={t('sync_join_busy')} />
        </div>
      </form>
    </Section>
  );
}
