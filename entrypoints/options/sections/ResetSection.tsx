/**
 * Reset local data (S4): deletes the vault, its key records (biometric enrolments, recovery key),
 * the session and the settings of this browser. It works while locked, because that is when people
 * need it. The person types a word to confirm, after reading exactly what will be lost; when the
 * vault is unlocked, exporting an encrypted backup is offered right here first.
 */

import { useRef, useState } from 'preact/hooks';
import { BusyButton } from '../../../src/ui/components/BusyButton';
import { FormMessages } from '../../../src/ui/components/FormMessages';
import { describeError } from '../../../src/ui/errors';
import { type FormError, useFocusOnError } from '../../../src/ui/form-focus';
import { t } from '../../../src/ui/i18n';
import { Section } from '../components/Section';
import { ask, refresh } from '../state';
import { ExportBackupForm } from './ExportBackupForm';

/** The literal the background requires; the person types a localized word instead (see below). */
const RESET_CONFIRMATION = 'RESET LOCAL DATA';

export function ResetSection({ unlocked }: { unlocked: boolean }) {
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<FormError<'typed'> | null>(null);
  const [exporting, setExporting] = useState(false);
  const typedInput = useRef<HTMLInputElement>(null);
  useFocusOnError(error, { typed: typedInput });
  const word = t('options_reset_word');
  const confirmed = typed.trim().toLocaleLowerCase() === word.toLocaleLowerCase();

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    if (!confirmed) {
      setError({ text: t('options_reset_type_word', word), field: 'typed' });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await ask({ type: 'vault.reset', confirm: RESET_CONFIRMATION });
      // The page now shows first run (restore from backup, or a new vault).
      await refresh();
    } catch (err) {
      setBusy(false);
      setError({ text: describeError(err), field: null });
    }
  }

  return (
    <Section id="reset" title={t('options_reset_title')}>
      <div class="notice danger-notice" role="note">
        <div class="notice-body">
          <p>{t('options_reset_intro')}</p>
          <ul>
            <li>{t('options_reset_lose_items')}</li>
            <li>{t('options_reset_lose_biometric')}</li>
            <li>{t('options_reset_lose_recovery')}</li>
            <li>{t('options_reset_lose_settings')}</li>
          </ul>
          <p>{t('options_reset_backup_hint')}</p>
        </div>
      </div>
      {unlocked && (
        <div class="stack">
          <button
            type="button"
            class="button align-start"
            aria-expanded={exporting}
            aria-controls="reset-export"
            onClick={() => setExporting(!exporting)}
          >
            {t('options_reset_backup_first')}
          </button>
          <div id="reset-export" hidden={!exporting}>
            {exporting && <ExportBackupForm id="reset-export-form" purpose="reset" />}
          </div>
        </div>
      )}
      <form class="stack" onSubmit={submit} noValidate aria-busy={busy}>
        <div class="field">
          <label for="reset-typed">{t('options_reset_confirm_label', word)}</label>
          <input
            id="reset-typed"
            ref={typedInput}
            class="input short-wide"
            value={typed}
            onInput={(e) => {
              setTyped(e.currentTarget.value);
              setError(null);
            }}
            autoComplete="off"
            spellcheck={false}
            aria-describedby="reset-error"
            aria-invalid={error?.field === 'typed' ? 'true' : undefined}
            disabled={busy}
          />
        </div>
        <FormMessages id="reset" error={error?.text ?? null} />
        <div class="actions">
          <BusyButton
            busy={busy}
            kind="danger"
            label={t('options_reset_button')}
            busyLabel={t('options_reset_busy')}
          />
        </div>
      </form>
    </Section>
  );
}
