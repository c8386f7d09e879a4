/**
 * Change the master password (S1): the current password and the new one twice. Only the vault key
 * is rewrapped, in one transaction, so the cost does not depend on the vault's size, and biometric
 * unlock and the recovery key keep working.
 *
 * "Verify with biometric instead" (S2): when the current password is forgotten but biometric unlock
 * works, a fresh WebAuthn PRF assertion with user verification authorises the new password
 * (biometric.setPassword). No path here changes the password without one of the two proofs.
 */

import { useRef, useState } from 'preact/hooks';
import { markUnavailable } from '../../../src/ui/biometric-marks';
import { BusyButton } from '../../../src/ui/components/BusyButton';
import { FormMessages } from '../../../src/ui/components/FormMessages';
import {
  checkNewPassword,
  EMPTY_NEW_PASSWORD,
  NewPasswordFields,
  type NewPasswordValue,
  newPasswordInvalid,
} from '../../../src/ui/components/NewPasswordFields';
import { describeError, errorCode } from '../../../src/ui/errors';
import { type FormError, useFocusOnError } from '../../../src/ui/form-focus';
import { t } from '../../../src/ui/i18n';
import { assertPrf, webauthnTimeoutMs } from '../../../src/ui/webauthn';
import { biometricMessage, failedRecordIds } from '../biometric-errors';
import { PasswordField } from '../components/PasswordField';
import { Section } from '../components/Section';
import { ask, recordIdFor, unavailable, usableBiometricRecords } from '../state';

type Field = 'current' | 'password' | 'confirm';
type Proof = 'password' | 'biometric';

export function ChangePasswordSection() {
  const [proof, setProof] = useState<Proof>('password');
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState<NewPasswordValue>(EMPTY_NEW_PASSWORD);
  /** What the busy button says: waiting for the authenticator, then deriving the new key. */
  const [phase, setPhase] = useState<'verify' | 'save' | null>(null);
  const busy = phase !== null;
  const [error, setError] = useState<FormError<Field> | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const refs = {
    current: useRef<HTMLInputElement>(null),
    password: useRef<HTMLInputElement>(null),
    confirm: useRef<HTMLInputElement>(null),
  };
  useFocusOnError(error, refs);
  // Not offered with an enrolment known to fail on this device (S3): it could only fail again.
  const enrolled = usableBiometricRecords.value;
  const canUseBiometric = enrolled.length > 0;
  const useBiometric = proof === 'biometric' && canUseBiometric;

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    setError(null);
    setDone(null);
    if (!useBiometric && !current) return setError({ text: t('options_current_empty'), field: 'current' });
    setPhase('save');
    const problem = await checkNewPassword(next);
    if (problem) {
      setPhase(null);
      setError(problem);
      return;
    }
    try {
      if (useBiometric) {
        setPhase('verify');
        const credentials = enrolled.map((r) => ({ credentialId: r.credentialId!, prfSalt: r.prfSalt! }));
        const assertion = await assertPrf(credentials, webauthnTimeoutMs());
        setPhase('save');
        await ask({ type: 'biometric.setPassword', ...assertion, next: next.password });
      } else {
        await ask({ type: 'vault.changePassword', current, next: next.password });
      }
      setCurrent('');
      setNext(EMPTY_NEW_PASSWORD);
      setDone(t('options_change_done'));
    } catch (err) {
      if (useBiometric) {
        const dead = failedRecordIds(err, 'verify', recordIdFor);
        if (dead.length > 0) unavailable.value = await markUnavailable(dead).catch(() => unavailable.value);
        setError({ text: biometricMessage(err, 'verify'), field: null });
      } else if (errorCode(err) === 'wrong-password') {
        setError({ text: t('options_current_wrong'), field: 'current' });
      } else {
        setError({ text: describeError(err), field: null });
      }
    } finally {
      setPhase(null);
    }
  }

  function switchProof(to: Proof) {
    setProof(to);
    setError(null);
    setDone(null);
    setCurrent('');
  }

  return (
    <Section id="password" title={t('options_password_title')} intro={t('options_password_intro')}>
      <form class="stack" onSubmit={submit} noValidate aria-busy={busy}>
        {useBiometric ? (
          <p class="notice info">{t('options_verify_biometric_intro')}</p>
        ) : (
          <PasswordField
            label={t('options_current_password_label')}
            id="password-current"
            inputRef={refs.current}
            value={current}
            onValue={(value) => {
              setCurrent(value);
              setError(null);
            }}
            autoComplete="current-password"
            describedBy="password-error"
            invalid={error?.field === 'current'}
            disabled={busy}
          />
        )}
        {canUseBiometric && (
          <button
            type="button"
            class="link-button align-start"
            disabled={busy}
            onClick={() => switchProof(useBiometric ? 'password' : 'biometric')}
          >
            {useBiometric ? t('options_verify_password') : t('options_verify_biometric')}
          </button>
        )}
        <NewPasswordFields
          id="password"
          value={next}
          onValue={(value) => {
            setNext(value);
            setError(null);
          }}
          disabled={busy}
          invalid={newPasswordInvalid(error?.field)}
          errorId="password-error"
          passwordRef={refs.password}
          confirmRef={refs.confirm}
        />
        <FormMessages id="password" error={error?.text ?? null} done={done} />
        <div class="actions">
          <BusyButton
            busy={busy}
            label={useBiometric ? t('options_change_biometric_button') : t('options_change_button')}
            busyLabel={phase === 'verify' ? t('options_biometric_waiting') : t('options_change_busy')}
          />
        </div>
      </form>
    </Section>
  );
}
