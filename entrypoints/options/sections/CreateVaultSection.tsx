/**
 * First run without a backup: create a new vault here (the same rule for the master password as
 * the popup's first-run screen). Creating derives the key with Argon2id, about a second.
 */

import { useRef, useState } from 'preact/hooks';
import { describeError } from '../../../src/ui/errors';
import { t } from '../../../src/ui/i18n';
import { BusyButton } from '../components/BusyButton';
import { type FormError, useFocusOnError } from '../components/focus';
import { FormMessages } from '../components/Messages';
import {
  checkNewPassword,
  EMPTY_NEW_PASSWORD,
  NewPasswordFields,
  type NewPasswordValue,
} from '../components/NewPasswordFields';
import { Section } from '../components/Section';
import { ask, refresh } from '../state';

export function CreateVaultSection() {
  const [value, setValue] = useState<NewPasswordValue>(EMPTY_NEW_PASSWORD);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<FormError<'password' | 'confirm'> | null>(null);
  const passwordInput = useRef<HTMLInputElement>(null);
  const confirmInput = useRef<HTMLInputElement>(null);
  useFocusOnError(error, { password: passwordInput, confirm: confirmInput });

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    setError(null);
    setBusy(true);
    const problem = await checkNewPassword(value);
    if (problem) {
      setBusy(false);
      setError(problem);
      return;
    }
    try {
      await ask({ type: 'vault.create', password: value.password });
      await refresh();
    } catch (err) {
      setBusy(false);
      setError({ text: describeError(err), field: null });
    }
  }

  return (
    <Section id="create" title={t('options_create_title')} intro={t('create_intro')}>
      <form class="stack" onSubmit={submit} noValidate aria-busy={busy}>
        <NewPasswordFields
          id="create"
          value={value}
          onValue={(next) => {
            setValue(next);
            setError(null);
          }}
          label={t('create_password_label')}
          confirmLabel={t('create_confirm_label')}
          disabled={busy}
          invalid={error?.field ?? null}
          errorId="create-error"
          passwordRef={passwordInput}
          confirmRef={confirmInput}
        />
        <FormMessages id="create" error={error?.text ?? null} />
        <div class="actions">
          <BusyButton busy={busy} label={t('create_button')} busyLabel={t('create_busy')} />
        </div>
      </form>
    </Section>
  );
}
