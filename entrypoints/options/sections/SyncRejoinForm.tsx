/**
 * After another device rotated the vault key ("change password after a leak"), this device stops
 * syncing with 'key-rotated' until the person enters the new master password: it opens the folder's
 * new key, re-encrypts this vault under it and syncs again (sync.rejoin). Nothing is lost meanwhile.
 */

import { useRef, useState } from 'preact/hooks';
import { BusyButton } from '../../../src/ui/components/BusyButton';
import { FormMessages } from '../../../src/ui/components/FormMessages';
import { errorCode } from '../../../src/ui/errors';
import { type FormError, useFocusOnError } from '../../../src/ui/form-focus';
import { t } from '../../../src/ui/i18n';
import { askSync } from '../../../src/ui/sync-client';
import { PasswordField } from '../components/PasswordField';
import { syncStatus } from '../sync-state';
import { describeSyncError } from '../sync-text';

export function SyncRejoinForm() {
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<FormError<'password'> | null>(null);
  const refs = { password: useRef<HTMLInputElement>(null) };
  useFocusOnError(error, refs);

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    if (!password) return setError({ text: t('sync_rejoin_empty'), field: 'password' });
    setBusy(true);
    setError(null);
    try {
      syncStatus.value = await askSync('sync.rejoin', { masterPassword: password });
      setPassword('');
    } catch (err) {
      const code = errorCode(err);
      setError({ text: describeSyncError(err), field: code === 'wrong-password' ? 'password' : null });
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="stack" onSubmit={submit} noValidate aria-busy={busy}>
      <PasswordField
        label={t('sync_rejoin_label')}
        id="sync-rejoin"
        inputRef={refs.password}
        value={password}
        onValue={(value) => {
          setPassword(value);
          setError(null);
        }}
        autoComplete="current-password"
        describedBy="sync-rejoin-error"
        invalid={error?.field === 'password'}
        disabled={busy}
      />
      <FormMessages id="sync-rejoin" error={error?.text ?? null} />
      <div class="actions">
        <BusyButton busy={busy} label={t('sync_rejoin_button')} busyLabel={t('sync_rejoin_busy')} />
      </div>
    </form>
  );
}
