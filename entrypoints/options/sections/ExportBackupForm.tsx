/**
 * Export an encrypted backup: a backup password (twice, rated like a master password, since the
 * file may end up anywhere), then the background encrypts every item (Argon2id + XChaCha20-Poly1305,
 * src/vault/backup.ts) and the page saves the file. Used in the backup section and, before a
 * reset, in the reset section: both can be open at once, so each names its fields for its purpose.
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
import { describeError, errorCode } from '../../../src/ui/errors';
import { type FormError, masterPasswordError, useFocusOnError } from '../../../src/ui/form-focus';
import { type MessageKey, t, tCount } from '../../../src/ui/i18n';
import { ConfirmMasterField, type MasterPasswordPurpose } from '../components/MasterPasswordField';
import { downloadText } from '../download';
import { ask } from '../state';

const LABELS: Record<
  'backup' | 'reset',
  { password: MessageKey; confirm: MessageKey; current: MasterPasswordPurpose }
> = {
  backup: {
    password: 'options_backup_password_new_label',
    confirm: 'options_backup_password_confirm_label',
    current: 'options_confirm_master_label_backup',
  },
  reset: {
    password: 'options_backup_password_reset_label',
    confirm: 'options_backup_password_reset_confirm_label',
    current: 'options_confirm_master_label_reset_backup',
  },
};

export function ExportBackupForm({ id, purpose }: { id: string; purpose: 'backup' | 'reset' }) {
  const labels = LABELS[purpose];
  const [value, setValue] = useState<NewPasswordValue>(EMPTY_NEW_PASSWORD);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<FormError<'password' | 'confirm' | 'current'> | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [current, setCurrent] = useState('');
  const passwordInput = useRef<HTMLInputElement>(null);
  const confirmInput = useRef<HTMLInputElement>(null);
  const currentInput = useRef<HTMLInputElement>(null);
  useFocusOnError(error, { password: passwordInput, confirm: confirmInput, current: currentInput });

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    setError(null);
    setDone(null);
    setBusy(true);
    if (!current) {
      setBusy(false);
      setError({ text: t('options_confirm_master_missing'), field: 'current' });
      return;
    }
    const problem = await checkNewPassword(value);
    if (problem) {
      setBusy(false);
      setError(problem);
      return;
    }
    try {
      const backup = await ask({ type: 'backup.export', password: value.password, current });
      setCurrent('');
      downloadText(backup.fileName, backup.text);
      const saved = t(backup.itemCount === 1 ? 'options_export_done_one' : 'options_export_done_other', [
        backup.fileName,
        backup.itemCount,
      ]);
      const damaged =
        backup.damaged > 0
          ? ` ${tCount(backup.damaged, 'options_export_damaged_one', 'options_export_damaged_other')}`
          : '';
      setDone(`${saved}${damaged}`);
      setValue(EMPTY_NEW_PASSWORD);
    } catch (err) {
      setError(masterPasswordError(describeError(err), errorCode(err)));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form class="stack" onSubmit={submit} noValidate aria-busy={busy}>
      <NewPasswordFields
        id={id}
        value={value}
        onValue={(next) => {
          setValue(next);
          setError(null);
        }}
        label={t(labels.password)}
        confirmLabel={t(labels.confirm)}
        disabled={busy}
        invalid={newPasswordInvalid(error?.field)}
        errorId={`${id}-error`}
        passwordRef={passwordInput}
        confirmRef={confirmInput}
      />
      <p class="hint">{t('options_backup_password_hint')}</p>
      <ConfirmMasterField
        id={`${id}-current`}
        label={labels.current}
        value={current}
        setValue={setCurrent}
        error={error}
        setError={setError}
        busy={busy}
        inputRef={currentInput}
        errorId={`${id}-error`}
      />
      <FormMessages id={id} error={error?.text ?? null} done={done} />
      <div class="actions">
        <BusyButton busy={busy} label={t('options_export_button')} busyLabel={t('options_export_busy')} />
      </div>
    </form>
  );
}
