/**
 * After a refusal, put the cursor where the fix goes. Runs as an effect, once the form has
 * re-rendered with its inputs enabled again (a disabled input cannot take focus).
 */

import type { RefObject } from 'preact';
import { useEffect } from 'preact/hooks';

export interface FormError<F extends string = string> {
  text: string;
  /** The field to fix, or null when the problem is not one field's. */
  field: F | null;
}

export function useFocusOnError<F extends string>(
  error: FormError<F> | null,
  fields: Partial<Record<F, RefObject<HTMLInputElement>>>,
): void {
  useEffect(() => {
    if (!error?.field) return;
    const input = fields[error.field]?.current;
    input?.focus();
    input?.select?.();
  }, [error]);
}

/**
 * The form error for a refused re-entered master password (MasterPasswordField): 'wrong-password'
 * and the throttle's wait point at that field, anything else at no field.
 */
export function masterPasswordError(text: string, code: string | null): FormError<'current'> {
  return { text, field: code === 'wrong-password' || code === 'throttled' ? 'current' : null };
}
