/**
 * "Your master password", asked again before actions that would give lasting access to the vault
 * (a recovery key, a new biometric enrolment, a backup file). Being unlocked is not enough for
 * these: someone at an unlocked browser must not be able to mint a way back in. Several of these
 * fields are on the page at once, so each label says what it is for ("..., to make a recovery
 * key"): a screen reader lists fields by label, and five "Your master password" are no help.
 */

import type { Ref } from 'preact';
import type { FormError } from '../../../src/ui/form-focus';
import { type MessageKey, t } from '../../../src/ui/i18n';
import { PasswordField } from './PasswordField';

/** The labels, one per action: "Your master password, to <action>". */
export type MasterPasswordPurpose = Extract<MessageKey, `options_confirm_master_label_${string}`>;

export function MasterPasswordField(props: {
  id: string;
  label: MasterPasswordPurpose;
  value: string;
  onValue(value: string): void;
  disabled?: boolean;
  inputRef?: Ref<HTMLInputElement>;
  /** Set only after a submit found it empty or the background refused it. */
  invalid?: boolean;
  /** Id of the form's error line, read out with the field. */
  errorId: string;
}) {
  return (
    <PasswordField
      label={t(props.label)}
      id={props.id}
      value={props.value}
      onValue={props.onValue}
      autoComplete="current-password"
      disabled={props.disabled}
      inputRef={props.inputRef}
      describedBy={`${props.id}-hint ${props.errorId}`}
      invalid={props.invalid}
      hint={
        <p class="hint" id={`${props.id}-hint`}>
          {t('options_confirm_master_hint')}
        </p>
      }
    />
  );
}

/**
 * The field as the confirming forms use it: typing sets the value and clears the form's error,
 * and it is marked invalid when the form's error is about the master password ('current').
 */
export function ConfirmMasterField(props: {
  id: string;
  label: MasterPasswordPurpose;
  value: string;
  setValue(value: string): void;
  error: FormError | null;
  setError(error: null): void;
  busy: boolean;
  inputRef: Ref<HTMLInputElement>;
  errorId: string;
}) {
  return (
    <MasterPasswordField
      id={props.id}
      label={props.label}
      value={props.value}
      onValue={(value) => {
        props.setValue(value);
        props.setError(null);
      }}
      disabled={props.busy}
      inputRef={props.inputRef}
      invalid={props.error?.field === 'current'}
      errorId={props.errorId}
    />
  );
}
