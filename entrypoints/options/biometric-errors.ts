/**
 * What to tell the person when a biometric ceremony or a biometric request fails, and which
 * enrolments that failure shows to be dead on this device.
 *
 * S3 (the biometric key is gone): a removed authenticator never answers (NotAllowedError once the
 * timeout ends), a reset one answers without the PRF result, and a different one with the same
 * credential id yields another PRF output, which the background refuses with 'wrong-key'. All three
 * get the same sentence, saying what happened and what to do; none falls back silently.
 */

import { RequestError } from '../../src/messages/client';
import { describeError, errorCode } from '../../src/ui/errors';
import { t } from '../../src/ui/i18n';
import { BiometricError } from '../../src/ui/webauthn';

export type BiometricContext = 'unlock' | 'enrol' | 'verify';

export function biometricMessage(err: unknown, context: BiometricContext): string {
  if (err instanceof BiometricError) {
    switch (err.reason) {
      case 'unsupported':
        return t('options_biometric_unsupported');
      case 'no-prf':
        return context === 'enrol' ? t('options_biometric_no_prf') : gone(context);
      case 'not-allowed':
        // Only a ceremony that ran into its timeout says the key is gone; a quick refusal is
        // (almost always) the person cancelling.
        return context === 'enrol' || !err.timedOut ? t('options_biometric_cancelled') : gone(context);
      case 'failed':
        return t('options_biometric_failed', err.message);
    }
  }
  if (errorCode(err) === 'wrong-key') return gone(context);
  return describeError(err);
}

function gone(context: BiometricContext): string {
  return context === 'verify' ? t('options_biometric_verify_gone') : t('options_biometric_gone');
}

/**
 * Key record ids that this failure proves unusable here. `idOf` maps a base64url credential id to
 * its record id. A timeout while unlocking marks every credential asked for: none answered; a
 * NotAllowedError well before the timeout (a person's cancel) marks nothing.
 */
export function failedRecordIds(
  err: unknown,
  context: BiometricContext,
  idOf: (credentialId: string) => string | undefined,
): string[] {
  if (err instanceof BiometricError) {
    // A cancel is not a dead key: marking it would hide biometric unlock after one "Cancel".
    const definite =
      err.reason === 'no-prf' || (err.reason === 'not-allowed' && err.timedOut && context === 'unlock');
    if (!definite) return [];
    return err.credentialIds.map(idOf).filter((id): id is string => id !== undefined);
  }
  if (err instanceof RequestError && err.code === 'wrong-key' && err.body.recordId?.startsWith('prf:')) {
    return [err.body.recordId];
  }
  return [];
}
