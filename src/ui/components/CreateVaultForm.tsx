/**
 * The form that creates a new vault: a master password, its confirmation and the strength meter,
 * refused when too weak (src/ui/master-password.ts). Shared by the options page (first run without
 * a backup) and the welcome page opened at install. Creating derives the key with Argon2id, about
 * a second, so the button shows a busy state meanwhile.
 *
 * The page says how to create: `create` sends the request (and reloads the page's picture of the
 * vault); a refusal it throws is shown under the form, with the password kept for another try.
 */

import type { JSX } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { describeError } from '../errors';
import { type FormError, useFocusOnError } from '../form-focus';
import { t } from '../i18n';
import { BusyButton } from './BusyButton';
import { FormMessages } from './FormMessages';
import {
  checkNewPassword,
  EMPTY_NEW_PASSWORD,
  NewPasswordFields,
  type NewPasswordValue,
} from './NewPasswordFields';

export interface CreateVaultFormProps {
  /** Prefix of the form's element ids (ids must stay unique on the page). */
  id: string;
  create(password: string): Promise<void>;
}

export function CreateVaultForm(props: CreateVaultFormProps): JSX.Element {
  const { id } = props;
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
      await props.create(value.password);
    } catch (err) {
      setBusy(false);
      setError({ text: describeError(err), field: null });
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
        label={t('create_password_label')}
        confirmLabel={t('create_confirm_label')}
        disabled={busy}
        invalid={error?.field ?? null}
        errorId={`${id}-error`}
        passwordRef={passwordInput}
        confirmRef={confirmInput}
      />
      <FormMessages id={id} error={error?.text ?? null} />
      <div class="actions">
        <BusyButton busy={busy} label={t('create_button')} busyLabel={t('create_busy')} />
      </div>
    </form>
  );
}
