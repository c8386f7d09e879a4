/**
 * "Forgot your password?" while locked (S5). With a recovery key record: the recovery key and a
 * new master password open the vault (recovery.recover), items untouched. Without one: a plain
 * statement that the data cannot be recovered, and what can still be done.
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
import { describeError } from '../../../src/ui/errors';
import { type FormError, useFocusOnError } from '../../../src/ui/form-focus';
import { t } from '../../../src/ui/i18n';
import { Section } from '../components/Section';
import { ask, recoveredWithKey, recoveryRecord, refresh, usableBiometricRecords } from '../state';

export function ForgotPasswordSection() {
  const [open, setOpen] = useState(false);
  return (
    <Section id="forgot" title={t('options_forgot_title')}>
      <button
        type="button"
        class="link-button"
        aria-expanded={open}
        aria-controls="forgot-body"
        onClick={() => setOpen(!open)}
      >
        {t('options_forgot_button')}
      </button>
      <div id="forgot-body" hidden={!open}>
        {open && (recoveryRecord.value ? <RecoverForm /> : <NoRecovery />)}
      </div>
    </Section>
  );
}

function NoRecovery() {
  return (
    <div class="stack">
      <div class="notice warning" role="note">
        <p>{t('options_no_recovery')}</p>
      </div>
      {usableBiometricRecords.value.length > 0 && <p>{t('options_no_recovery_biometric_hint')}</p>}
      <p class="hint">{t('options_no_recovery_backup_hint')}</p>
    </div>
  );
}

function RecoverForm() {
  const [key, setKey] = useState('');
  const [next, setNext] = useState<NewPasswordValue>(EMPTY_NEW_PASSWORD);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<FormError<'key' | 'password' | 'confirm'> | null>(null);
  const keyInput = useRef<HTMLInputElement>(null);
  const passwordInput = useRef<HTMLInputElement>(null);
  const confirmInput = useRef<HTMLInputElement>(null);
  useFocusOnError(error, { key: keyInput, password: passwordInput, confirm: confirmInput });

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    setError(null);
    if (!key.trim()) {
      setError({ text: t('options_recover_empty_key'), field: 'key' });
      return;
    }
    setBusy(true);
    const problem = await checkNewPassword(next);
    if (problem) {
      setBusy(false);
      setError(problem);
      return;
    }
    try {
      await ask({ type: 'recovery.recover', recoveryKey: key, next: next.password });
      // The key was just typed, maybe seen: the unlocked page suggests replacing it.
      recoveredWithKey.value = true;
      await refresh();
    } catch (err) {
      setBusy(false);
      // 'wrong-key' carries the background's sentence (typo found by the checksum, or not this vault).
      setError({ text: describeError(err), field: 'key' });
    }
  }

  return (
    <form class="stack" onSubmit={submit} noValidate aria-busy={busy}>
      <p>{t('options_recover_intro')}</p>
      <div class="field">
        <label for="recover-key">{t('options_recover_key_label')}</label>
        <input
          id="recover-key"
          ref={keyInput}
          class="input mono"
          value={key}
          onInput={(e) => {
            setKey(e.currentTarget.value);
            setError(null);
          }}
          autoComplete="off"
          spellcheck={false}
          autoCapitalize="characters"
          maxLength={200}
          aria-describedby="recover-key-hint recover-error"
          aria-invalid={error?.field === 'key' ? 'true' : undefined}
          disabled={busy}
        />
        <p id="recover-key-hint" class="hint">
          {t('options_recover_key_hint')}
        </p>
      </div>
      <NewPasswordFields
        id="recover"
        value={next}
        onValue={(value) => {
          setNext(value);
          setError(null);
        }}
        disabled={busy}
        invalid={newPasswordInvalid(error?.field)}
        errorId="recover-error"
        passwordRef={passwordInput}
        confirmRef={confirmInput}
      />
      <FormMessages id="recover" error={error?.text ?? null} />
      <div class="actions">
        <BusyButton busy={busy} label={t('options_recover_button')} busyLabel={t('options_recover_busy')} />
      </div>
    </form>
  );
}
