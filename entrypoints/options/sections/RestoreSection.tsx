/**
 * First run after a reset (S4), or on a new browser: restore a vault from an encrypted backup file.
 * The background decrypts the file with the backup password and creates a new vault holding every
 * item, under a new master password, in one transaction (backup.restore).
 */

import { useRef, useState } from 'preact/hooks';
import { BusyButton } from '../../../src/ui/components/BusyButton';
import { FormMessages } from '../../../src/ui/components/FormMessages';
import {
  checkNewPassword,
  EMPTY_NEW_PASSWORD,
  NewPasswordFields,
  type NewPasswordValue,
  newPasswordInvalid,
} from '../../../src/ui/components/NewPasswordFields';
import { errorCode } from '../../../src/ui/errors';
import { type FormError, useFocusOnError } from '../../../src/ui/form-focus';
import { t } from '../../../src/ui/i18n';
import { describeBackupError } from '../backup-errors';
import { BackupFilePicker, type ChosenBackup } from '../components/BackupFilePicker';
import { PasswordField } from '../components/PasswordField';
import { Section } from '../components/Section';
import { ask, refresh } from '../state';

type Field = 'file' | 'backupPassword' | 'password' | 'confirm';

export function RestoreSection() {
  const [backup, setBackup] = useState<ChosenBackup | null>(null);
  const [backupPassword, setBackupPassword] = useState('');
  const [next, setNext] = useState<NewPasswordValue>(EMPTY_NEW_PASSWORD);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<FormError<Field> | null>(null);
  const refs = {
    file: useRef<HTMLInputElement>(null),
    backupPassword: useRef<HTMLInputElement>(null),
    password: useRef<HTMLInputElement>(null),
    confirm: useRef<HTMLInputElement>(null),
  };
  useFocusOnError(error, refs);

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    setError(null);
    if (!backup) return setError({ text: t('options_restore_no_file'), field: 'file' });
    if (!backupPassword)
      return setError({ text: t('options_backup_password_empty'), field: 'backupPassword' });
    setBusy(true);
    const problem = await checkNewPassword(next);
    if (problem) {
      setBusy(false);
      setError(problem);
      return;
    }
    try {
      await ask({
        type: 'backup.restore',
        text: backup.text,
        password: backupPassword,
        masterPassword: next.password,
      });
      await refresh();
    } catch (err) {
      setBusy(false);
      setError({
        text: describeBackupError(err),
        field: errorCode(err) === 'wrong-password' ? 'backupPassword' : null,
      });
    }
  }

  return (
    <Section id="restore" title={t('options_restore_title')} intro={t('options_restore_intro')}>
      <form class="stack" onSubmit={submit} noValidate aria-busy={busy}>
        <BackupFilePicker
          id="restore-file"
          inputRef={refs.file}
          disabled={busy}
          invalid={error?.field === 'file'}
          errorId="restore-error"
          onChoose={(chosen, problem) => {
            setBackup(chosen);
            setError(problem ? { text: problem, field: 'file' } : null);
          }}
        />
        <PasswordField
          label={t('options_backup_password_label')}
          id="restore-backup-password"
          inputRef={refs.backupPassword}
          value={backupPassword}
          onValue={(value) => {
            setBackupPassword(value);
            setError(null);
          }}
          autoComplete="off"
          describedBy="restore-error"
          invalid={error?.field === 'backupPassword'}
          disabled={busy}
        />
        <NewPasswordFields
          id="restore-master"
          value={next}
          onValue={(value) => {
            setNext(value);
            setError(null);
          }}
          disabled={busy}
          invalid={newPasswordInvalid(error?.field)}
          errorId="restore-error"
          passwordRef={refs.password}
          confirmRef={refs.confirm}
        />
        <FormMessages id="restore" error={error?.text ?? null} />
        <div class="actions">
          <BusyButton busy={busy} label={t('options_restore_button')} busyLabel={t('options_restore_busy')} />
        </div>
      </form>
    </Section>
  );
}
