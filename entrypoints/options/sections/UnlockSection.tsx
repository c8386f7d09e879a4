/**
 * Unlock while the vault is locked: the master password, or biometric unlock when an enrolment
 * exists. A biometric failure says what happened (S3) and marks the dead enrolment; it never
 * falls back to anything silently. A marked enrolment is not offered again on this device (the
 * mark is kept in storage.local, so a reload does not offer it either); the section says instead
 * how to remove or replace it, and the cursor goes to the password field, which is the way in now.
 * Only a refused password marks the password field invalid: a biometric failure is not its fault.
 */

import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { clearUnavailable, markUnavailable } from '../../../src/ui/biometric-marks';
import { BusyButton } from '../../../src/ui/components/BusyButton';
import { FormMessages } from '../../../src/ui/components/FormMessages';
import { describeError, errorCode, secondsFromMs } from '../../../src/ui/errors';
import { useCountdown } from '../../../src/ui/hooks';
import { t } from '../../../src/ui/i18n';
import { assertPrf, webauthnAvailable, webauthnTimeoutMs } from '../../../src/ui/webauthn';
import { biometricMessage, failedRecordIds } from '../biometric-errors';
import { PasswordField } from '../components/PasswordField';
import { Section } from '../components/Section';
import {
  ask,
  biometricRecords,
  recordIdFor,
  refresh,
  status,
  unavailable,
  usableBiometricRecords,
} from '../state';

export function UnlockSection() {
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState<'password' | 'biometric' | null>(null);
  /** The message, and whether it is about the typed password (then the field is marked invalid). */
  const [error, setError] = useState<{ text: string; password: boolean } | null>(null);
  const [allowedAt, setAllowedAt] = useState(() => Date.now() + (status.value?.retryAfterMs ?? 0));
  const input = useRef<HTMLInputElement>(null);
  const waitMs = useCountdown(allowedAt);
  const usable = usableBiometricRecords.value;
  const someUnavailable = usable.length < biometricRecords.value.length;

  useLayoutEffect(() => input.current?.focus(), []);
  // After any refusal the cursor goes to the password field: to retype a refused password
  // (selected), or because after a biometric failure the password is the way in; the biometric
  // button was disabled while waiting, which dropped focus to the page, and may now be gone. An
  // effect, so it runs once the field is enabled again.
  useEffect(() => {
    if (!error) return;
    input.current?.focus();
    if (error.password) input.current?.select();
  }, [error]);

  async function unlock(event: Event) {
    event.preventDefault();
    if (busy || waitMs > 0) return;
    if (!password) {
      setError({ text: t('unlock_empty'), password: true });
      return;
    }
    setBusy('password');
    setError(null);
    try {
      await ask({ type: 'vault.unlock', password });
      await refresh();
    } catch (err) {
      const code = errorCode(err);
      if (code === 'wrong-password' || code === 'throttled') {
        const next = await ask({ type: 'vault.status' }).catch(() => null);
        if (next) setAllowedAt(Date.now() + next.retryAfterMs);
      }
      setBusy(null);
      setError({ text: describeError(err), password: true });
    }
  }

  async function unlockWithBiometric() {
    if (busy) return;
    setBusy('biometric');
    setError(null);
    try {
      const refs = usable.map((r) => ({ credentialId: r.credentialId!, prfSalt: r.prfSalt! }));
      const proof = await assertPrf(refs, webauthnTimeoutMs());
      await ask({ type: 'biometric.unlock', ...proof });
      // It worked: if this enrolment was marked dead earlier, it is not.
      const id = recordIdFor(proof.credentialId);
      if (id && unavailable.value.has(id)) await clearUnavailable([id]);
      await refresh();
    } catch (err) {
      const dead = failedRecordIds(err, 'unlock', recordIdFor);
      if (dead.length > 0) unavailable.value = await markUnavailable(dead).catch(() => unavailable.value);
      setBusy(null);
      setError({ text: biometricMessage(err, 'unlock'), password: false });
    }
  }

  const waiting = waitMs > 0;
  return (
    <Section id="unlock" title={t('unlock_title')} intro={t('options_unlock_intro')}>
      <form class="stack" onSubmit={unlock} noValidate aria-busy={busy !== null}>
        <PasswordField
          label={t('unlock_password_label')}
          id="unlock-password"
          inputRef={input}
          value={password}
          onValue={(value) => {
            setPassword(value);
            setError(null);
          }}
          autoComplete="current-password"
          describedBy="unlock-error"
          invalid={error?.password === true && busy === null}
          disabled={busy !== null}
        />
        {waiting && <p class="hint">{t('unlock_wait', secondsFromMs(waitMs))}</p>}
        <div class="actions">
          <BusyButton
            busy={busy === 'password'}
            disabled={busy !== null || waiting}
            label={t('unlock_button')}
            busyLabel={t('unlock_busy')}
          />
          {/* Not where WebAuthn cannot work (e.g. Firefox before 150): a button that can only fail. */}
          {usable.length > 0 && webauthnAvailable() && (
            <BusyButton
              type="button"
              kind="plain"
              busy={busy === 'biometric'}
              disabled={busy !== null}
              label={t('options_unlock_biometric')}
              busyLabel={t('options_biometric_waiting')}
              onClick={unlockWithBiometric}
            />
          )}
        </div>
        {someUnavailable && <p class="hint">{t('options_unlock_biometric_unavailable')}</p>}
        <FormMessages id="unlock" error={error?.text ?? null} />
      </form>
    </Section>
  );
}
