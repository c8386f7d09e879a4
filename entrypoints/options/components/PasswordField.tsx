/**
 * A labelled password field: the label and src/ui's PasswordInput (with its Show toggle), which
 * every form on the options page needs at least once.
 */

import type { ComponentChildren } from 'preact';
import { PasswordInput, type PasswordInputProps } from '../../../src/ui/components/PasswordInput';

export function PasswordField({
  label,
  hint,
  ...input
}: PasswordInputProps & { label: string; hint?: ComponentChildren }) {
  return (
    <div class="field">
      <label for={input.id}>{label}</label>
      <PasswordInput {...input} />
      {hint}
    </div>
  );
}
