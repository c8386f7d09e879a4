/**
 * Turns a failed request into a sentence for the person at the keyboard.
 *
 * Codes the interface reacts to (wrong password, throttled, locked) get localized text; any other
 * background error already carries a human sentence (src/vault/errors.ts) and is shown as it is.
 */

import { RequestError } from '../messages/client';
import { t } from './i18n';

export function errorCode(err: unknown): string | null {
  return err instanceof RequestError ? err.code : null;
}

export function describeError(err: unknown): string {
  if (!(err instanceof RequestError)) return t('error_unexpected');
  switch (err.code) {
    case 'wrong-password':
      return t('error_wrong_password');
    case 'throttled':
      return t('error_throttled', secondsFromMs(err.body.retryAfterMs ?? 0));
    case 'locked':
      return t('error_locked');
    default:
      return err.message || t('error_unexpected');
  }
}

/** Whole seconds to wait, never showing "0 s" for a wait that has not ended. */
export function secondsFromMs(ms: number): number {
  return Math.max(1, Math.ceil(ms / 1000));
}
