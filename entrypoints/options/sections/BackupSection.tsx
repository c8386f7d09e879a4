/**
 * Encrypted backup: export the whole vault to one file, and import one. Import decrypts first and
 * shows what a merge or a replace would do (backup.import mode 'preview'); only then can the person
 * merge, or replace after a confirmation. A wrong password or a damaged file changes nothing and
 * says so.
 */

import { useRef, useState } from 'preact/hooks';
import type { BackupImportReport } from '../../../src/messages/protocol';
import { BusyButton } from '../../../src/ui/components/BusyButton';
import { ConfirmDialog } from '../../../src/ui/components/ConfirmDialog';
import { FormMessages } from '../../../src/ui/components/FormMessages';
import { errorCode } from '../../../src/ui/errors';
import { type FormError, useFocusOnError } from '../../../src/ui/form-focus';
import { t } from '../../../src/ui/i18n';
import { describeBackupError } from '../backup-errors';
import { BackupFilePicker, type ChosenBackup } from '../components/BackupFilePicker';
import { PasswordField } from '../components/PasswordField';
import { Section } from '../components/Section';
import { formatDate } from '../format';
import { ask } from '../state';
import { ExportBackupForm } from './ExportBackupForm';

export function BackupSection() {
  return (
    <Section id="backup" title={t('options_backup_title')} intro={t('options_backup_intro')}>
      <h3 class="subtitle">{t('options_export_title')}</h3>
      <ExportBackupForm id="export" purpose="backup" />
      <h3 class="subtitle">{t('options_import_title')}</h3>
      <ImportForm />
    </Section>
  );
}

type Field = 'file' | 'password';
type Busy = 'preview' | 'merge' | 'replace' | null;

function ImportForm() {
  const [backup, setBackup] = useState<ChosenBackup | null>(null);
  const [password, setPassword] = useState('');
  const [preview, setPreview] = useState<BackupImportReport | null>(null);
  const [busy, setBusy] = useState<Busy>(null);
  const [confirmReplace, setConfirmReplace] = useState(false);
  const [error, setError] = useState<FormError<Field> | null>(null);
  const [done, setDone] = useState<string | null>(null);
  // The picker remounts (and forgets its file) after an import.
  const [pickerKey, setPickerKey] = useState(0);
  const refs = { file: useRef<HTMLInputElement>(null), password: useRef<HTMLInputElement>(null) };
  useFocusOnError(error, refs);

  async function check(event: Event) {
    event.preventDefault();
    if (busy) return;
    setError(null);
    setDone(null);
    setPreview(null);
    if (!backup) return setError({ text: t('options_restore_no_file'), field: 'file' });
    if (!password) return setError({ text: t('options_backup_password_empty'), field: 'password' });
    await run('preview');
  }

  async function run(mode: 'preview' | 'merge' | 'replace') {
    if (!backup) return;
    setBusy(mode);
    setError(null);
    try {
      const report = await ask({ type: 'backup.import', text: backup.text, password, mode });
      if (mode === 'preview') {
        setPreview(report);
      } else {
        setDone(
          mode === 'merge'
            ? t('options_import_done_merge', [report.added, report.updated])
            : t('options_import_done_replace', report.inBackup),
        );
        setPreview(null);
        setBackup(null);
        setPassword('');
        setPickerKey((k) => k + 1);
      }
    } catch (err) {
      setPreview(null);
      setError({
        text: describeBackupError(err),
        field: errorCode(err) === 'wrong-password' ? 'password' : null,
      });
    } finally {
      setBusy(null);
    }
  }

  const busyLabel = busy === 'preview' ? t('options_import_busy_check') : t('options_import_busy');
  return (
    <form class="stack" onSubmit={check} noValidate aria-busy={busy !== null}>
      <BackupFilePicker
        key={pickerKey}
        id="import-file"
        inputRef={refs.file}
        disabled={busy !== null}
        invalid={error?.field === 'file'}
        errorId="import-error"
        onChoose={(chosen, problem) => {
          setBackup(chosen);
          setPreview(null);
          setError(problem ? { text: problem, field: 'file' } : null);
        }}
      />
      <PasswordField
        label={t('options_import_password_label')}
        id="import-password"
        inputRef={refs.password}
        value={password}
        onValue={(value) => {
          setPassword(value);
          setPreview(null);
          setError(null);
        }}
        autoComplete="off"
        describedBy="import-error"
        invalid={error?.field === 'password'}
        disabled={busy !== null}
      />
      {preview && (
        <div class="preview" data-testid="import-preview">
          <p>
            {t(preview.inBackup === 1 ? 'options_import_preview_one' : 'options_import_preview_other', [
              formatDate(preview.createdAt),
              preview.inBackup,
            ])}
          </p>
          <ul>
            <li>{t('options_import_added', preview.added)}</li>
            <li>{t('options_import_updated', preview.updated)}</li>
            <li>{t('options_import_only_vault', preview.onlyInVault)}</li>
          </ul>
        </div>
      )}
      <FormMessages id="import" error={error?.text ?? null} done={done} />
      <div class="actions">
        {preview ? (
          <>
            <BusyButton
              type="button"
              busy={busy === 'merge'}
              disabled={busy !== null}
              label={t('options_import_merge')}
              busyLabel={busyLabel}
              onClick={() => void run('merge')}
            />
            <BusyButton
              type="button"
              kind="danger"
              busy={busy === 'replace'}
              disabled={busy !== null}
              label={t('options_import_replace')}
              busyLabel={busyLabel}
              onClick={() => setConfirmReplace(true)}
            />
          </>
        ) : (
          <BusyButton busy={busy === 'preview'} label={t('options_import_check')} busyLabel={busyLabel} />
        )}
      </div>
      {confirmReplace && preview && (
        <ConfirmDialog
          title={t('options_import_replace_title')}
          message={t('options_import_replace_message', [preview.inBackup, preview.onlyInVault])}
          confirmLabel={t('options_import_replace_confirm')}
          cancelLabel={t('action_cancel')}
          danger
          onConfirm={() => {
            setConfirmReplace(false);
            void run('replace');
          }}
          onCancel={() => setConfirmReplace(false)}
        />
      )}
    </form>
  );
}
