/**
 * A password input with a "Show" toggle. The toggle keeps one accessible name and reports its state
 * with aria-pressed, as the ARIA Authoring Practices recommend for toggle buttons.
 *
 * Safety fact: the field is type="password" unless the person presses Show, and spellcheck and
 * autocapitalize are off so the text is never sent to a spelling service.
 */

import type { JSX, Ref } from 'preact';
import { useState } from 'preact/hooks';
import { t } from '../i18n';
import { IconButton } from './IconButton';

export interface PasswordInputProps {
  id: string;
  value: string;
  onValue(value: string): void;
  autoComplete: 'current-password' | 'new-password' | 'off';
  inputRef?: Ref<HTMLInputElement>;
  disabled?: boolean;
  maxLength?: number;
  describedBy?: string;
  invalid?: boolean;
  required?: boolean;
  class?: string;
}

export function PasswordInput(props: PasswordInputProps): JSX.Element {
  const [shown, setShown] = useState(false);
  return (
    <div class={`password-input ${props.class ?? ''}`}>
      <input
        id={props.id}
        ref={props.inputRef}
        type={shown ? 'text' : 'password'}
        class="input mono"
        value={props.value}
        onInput={(e) => props.onValue(e.currentTarget.value)}
        autoComplete={props.autoComplete}
        spellcheck={false}
        autoCapitalize="off"
        autoCorrect="off"
        disabled={props.disabled}
        maxLength={props.maxLength}
        aria-describedby={props.describedBy}
        aria-invalid={props.invalid ? 'true' : undefined}
        required={props.required}
      />
      <IconButton
        icon={shown ? 'eyeOff' : 'eye'}
        label={t('action_show_password')}
        aria-pressed={shown}
        aria-controls={props.id}
        disabled={props.disabled}
        onClick={() => setShown(!shown)}
      />
    </div>
  );
}
