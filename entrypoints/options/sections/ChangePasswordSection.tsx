/**
 * Change the master password (S1): the current password and the new one twice. Only the vault key
 * is rewrapped, in one transaction, so the cost does not depend on the vault's size, and biometric
 * unlock and the recovery key keep working.
 *
 * "Verify with biometric instead" (S2): when the current password is forgotten but biometric unlock
 * works, a fresh WebAuthn PRF assertion with user verification authorises the new password
 * (biometric.setPassword). No path here changes the password without one of the two proofs.
 *
 * "Also replace the vault key" (change password after a leak, issue 14): the current password,
 * then vault.rotateKey re-encrypts every record under a new key (with sync on, the other devices
 * ask for the new password). It is the only way to make a copied backup or an old key useless, so
 * what it costs is said before and after: biometric enrolments wrapped the old key and go (set up
 * again), and a recovery key is replaced by a new one, shown here once.
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
import { ask, recordIdFor, refresh, unavailable, usableBiometricRecords } from '../state';
import { refreshSyncStatus } from '../sync-state';
import { RecoveryKeyShown } from './RecoveryKeySection';

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
  const [rotate, setRotate] = useState(false);
  /** After a rotation that replaced the recovery key: the new key, shown once. */
  const [newRecovery, setNewRecovery] = useState<{ key: string; createdAt: number } | null>(null);
  const refs = {
    current: useRef<HTMLInputElement>(null),
    password: useRef<HTMLInputElement>(null),
    confirm: useRef<HTMLInputElement>(null),
  };
  useFocusOnError(error, refs);
  // Not offered with an enrolment known to fail on this device (S3): it could only fail again.
  const enrolled = usableBiometricRecords.value;
  const canUseBiometric = enrolled.length > 0;
  // A rotation is proven by the current password only (it also replaces the biometric records).
  const useBiometric = proof === 'biometric' && canUseBiometric && !rotate;

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
      let message = t('options_change_done');
      if (useBiometric) {
        setPhase('verify');
        const credentials = enrolled.map((r) => ({ credentialId: r.credentialId!, prfSalt: r.prfSalt! }));
        const assertion = await assertPrf(credentials, webauthnTimeoutMs());
        setPhase('save');
        await ask({ type: 'biometric.setPassword', ...assertion, next: next.password });
      } else if (rotate) {
        const rotation = await ask({ type: 'vault.rotateKey', current, next: next.password });
        message = t('options_rotate_done');
        if (rotation.biometricDropped > 0) message += ` ${t('options_rotate_biometric_gone')}`;
        if (rotation.recoveryKey) setNewRecovery({ key: rotation.recoveryKey, createdAt: Date.now() });
        setRotate(false);
        await Promise.all([refresh(), refreshSyncStatus()]);
      } else {
        await ask({ type: 'vault.changePassword', current, next: next.password });
      }
      setCurrent('');
      setNext(EMPTY_NEW_PASSWORD);
      setDone(message);
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
        {canUseBiometric && !rotate && (
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
        {!useBiometric && (
          <div class="stack">
            <label class="check">
              <input
                type="checkbox"
                checked={rotate}
                disabled={busy}
                aria-describedby="password-rotate-hint"
                onChange={(e) => {
                  setRotate(e.currentTarget.checked);
                  setDone(null);
                }}
              />
              {t('options_rotate_check')}
            </label>
            <p id="password-rotate-hint" class="hint">
              {t('options_rotate_hint')}
            </p>
          </div>
        )}
        <FormMessages id="password" error={error?.text ?? null} done={done} />
        <div class="actions">
          <BusyButton
            busy={busy}
            label={
              useBiometric
                ? t('options_change_biometric_button')
                : rotate
                  ? t('options_rotate_button')
                  : t('options_change_button')
            }
            busyLabel={
              phase === 'verify'
                ? t('options_biometric_waiting')
                : rotate
                  ? t('options_rotate_busy')
                  : t('options_change_busy')
            }
          />
        </div>
      </form>
      {newRecovery && (
        <div class="stack" data-testid="rotated-recovery">
          <p class="notice info">{t('options_rotate_recovery_replaced')}</p>
          <RecoveryKeyShown
            recoveryKey={newRecovery.key}
            createdAt={newRecovery.createdAt}
            onClose={() => setNewRecovery(null)}
          />
        </div>
      )}
    </Section>
  );
}
