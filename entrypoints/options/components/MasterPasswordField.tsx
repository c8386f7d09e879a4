/**
 * "Your master password", asked again before actions that would give lasting access to the vault
 * (a recovery key, a new biometric enrolment, a backup file). Being unlocked is not enough for
 * these: someone at an unlocked browser must not be able to mint a way back in.
 */

import type { Ref } from 'preact';
import { PasswordInput } from '../../../src/ui/components/PasswordInput';
import { t } from '../../../src/ui/i18n';

export function MasterPasswordField(props: {
  id: string;
  value: string;
  onValue(value: string): void;
  disabled?: boolean;
  inputRef?: Ref<HTMLInputElement>;
}) {
  return (
    <div class="field">
      <label for={props.id}>{t('options_confirm_master_label')}</label>
      <PasswordInput
        id={props.id}
        value={props.value}
        onValue={props.onValue}
        autoComplete="current-password"
        disabled={props.disabled}
        inputRef={props.inputRef}
        describedBy={`${props.id}-hint`}
      />
      <p class="hint" id={`${props.id}-hint`}>
        {t('options_confirm_master_hint')}
      </p>
    </div>
  );
}
