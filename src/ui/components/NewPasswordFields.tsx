/**
 * A new password and its confirmation, with the strength meter. Used for a new master password
 * (change, recovery, restore, first run) and for a backup password. checkNewPassword() applies
 * the same rule as the popup's first-run screen (src/ui/master-password.ts): too weak is refused.
 */

import type { JSX, Ref } from 'preact';
import { type MessageKey, t } from '../i18n';
import { MAX_LENGTH, newPasswordProblem, type PasswordProblem } from '../master-password';
import { loadEstimator } from '../strength';
import { PasswordInput } from './PasswordInput';
import { StrengthMeter } from './StrengthMeter';

export interface NewPasswordValue {
  password: string;
  confirmation: string;
}

export const EMPTY_NEW_PASSWORD: NewPasswordValue = { password: '', confirmation: '' };

const PROBLEM_TEXT: Record<PasswordProblem, MessageKey> = {
  empty: 'create_error_empty',
  'too-long': 'create_error_too_long',
  mismatch: 'create_error_mismatch',
  weak: 'create_error_weak',
};

export interface NewPasswordCheck {
  text: string;
  field: 'password' | 'confirm';
}

/** What is wrong with the new password (localized, with the field to fix), or null. */
export async function checkNewPassword(value: NewPasswordValue): Promise<NewPasswordCheck | null> {
  const score = await loadEstimator().then(
    (estimate) => estimate(value.password).score,
    () => null,
  );
  const problem = newPasswordProblem(value.password, value.confirmation, score);
  if (!problem) return null;
  return { text: t(PROBLEM_TEXT[problem]), field: problem === 'mismatch' ? 'confirm' : 'password' };
}

/** The field a form error points at, if it is one of these two (else null: no field is marked). */
export function newPasswordInvalid(field: string | null | undefined): 'password' | 'confirm' | null {
  return field === 'password' || field === 'confirm' ? field : null;
}

export function NewPasswordFields(props: {
  id: string;
  value: NewPasswordValue;
  onValue(value: NewPasswordValue): void;
  /** Labels; by default those of a new master password. */
  label?: string;
  confirmLabel?: string;
  disabled: boolean;
  invalid: 'password' | 'confirm' | null;
  /** Id of the form's error line. */
  errorId: string;
  passwordRef?: Ref<HTMLInputElement>;
  confirmRef?: Ref<HTMLInputElement>;
}): JSX.Element {
  const { id, value } = props;
  return (
    <>
      <div class="field">
        <label for={`${id}-new`}>{props.label ?? t('options_new_password_label')}</label>
        <PasswordInput
          id={`${id}-new`}
          inputRef={props.passwordRef}
          value={value.password}
          onValue={(password) => props.onValue({ ...value, password })}
          autoComplete="new-password"
          maxLength={MAX_LENGTH}
          describedBy={`${id}-strength ${props.errorId}`}
          invalid={props.invalid === 'password'}
          disabled={props.disabled}
        />
        <StrengthMeter id={`${id}-strength`} password={value.password} />
      </div>
      <div class="field">
        <label for={`${id}-confirm`}>{props.confirmLabel ?? t('options_new_password_confirm_label')}</label>
        <PasswordInput
          id={`${id}-confirm`}
          inputRef={props.confirmRef}
          value={value.confirmation}
          onValue={(confirmation) => props.onValue({ ...value, confirmation })}
          autoComplete="new-password"
          maxLength={MAX_LENGTH}
          describedBy={props.errorId}
          invalid={props.invalid === 'confirm'}
          disabled={props.disabled}
        />
      </div>
    </>
  );
}
