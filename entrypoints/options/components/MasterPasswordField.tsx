/**
 * "Your master password", asked again before actions that would give lasting access to the vault
 * (a recovery key, a new biometric enrolment, a backup file). Being unlocked is not enough for
 * these: someone at an unlocked browser must not be able to mint a way back in.
 */

import type { Ref } from 'preact';

import { t } from '../../../src/ui/i18n';
import { PasswordField } from './PasswordField';

export function MasterPasswordField(props: {
  id: string;
  value: string;
  onValue(value: string): void;
  disabled?: boolean;
  inputRef?: Ref<HTMLInputElement>;
}) {
  return (
    <PasswordField
      label={t('options_confirm_master_label')}
      id={props.id}
      value={props.value}
      onValue={props.onValue}
      autoComplete="current-password"
      disabled={props.disabled}
      inputRef={props.inputRef}
      describedBy={`${props.id}-hint`}
      hint={
        <p class="hint" id={`${props.id}-hint`}>
          {t('options_confirm_master_hint')}
        </p>
      }
    />
  );
}
