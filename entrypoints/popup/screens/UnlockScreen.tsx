/**
 * Unlock with the master password. The background derives the key (Argon2id, about a second) and
 * throttles repeated failures; this screen shows the wait and refuses to submit until it is over.
 */

import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { Brand } from '../../../src/ui/components/Brand';
import { PasswordInput } from '../../../src/ui/components/PasswordInput';
import { describeError, secondsFromMs } from '../../../src/ui/errors';
import { useCountdown } from '../../../src/ui/hooks';
import { t } from '../../../src/ui/i18n';
import { lazyComponent } from '../../../src/ui/lazy';
import { markReady } from '../../../src/ui/ready';
import { unlockAllowedAt, unlockVault } from '../../../src/ui/state';
import { SettingsLink } from '../SettingsLink';

/**
 * The biometric button asks the background after the first paint anyway (BiometricUnlockButton), so
 * its code (WebAuthn, base64 codecs) loads then too, not before the password field shows.
 */
const LazyBiometricUnlockButton = lazyComponent<Record<string, never>>(
  () => import('../BiometricUnlockButton').then((m) => m.BiometricUnlockButton),
  () => null,
);

export function UnlockScreen() {
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const waitMs = useCountdown(unlockAllowedAt.value);

  useLayoutEffect(() => {
    markReady('unlock');
    input.current?.focus();
  }, []);

  async function submit(event: Event) {
    event.preventDefault();
    if (busy || waitMs > 0) return;
    if (!password) {
      setError(t('unlock_empty'));
      input.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await unlockVault(password);
      // The page now shows the list; this screen is gone.
    } catch (err) {
      setBusy(false);
      setError(describeError(err));
      input.current?.select();
    }
  }

  const waiting = waitMs > 0;
  return (
    <main class="screen centered" aria-busy={busy}>
      <Brand />
      <form class="stack" onSubmit={submit} noValidate>
        <h1 class="title">{t('unlock_title')}</h1>
        <div class="field">
          <label for="unlock-password">{t('unlock_password_label')}</label>
          <PasswordInput
            id="unlock-password"
            inputRef={input}
            value={password}
            onValue={(value) => {
              setPassword(value);
              setError(null);
            }}
            autoComplete="current-password"
            describedBy="unlock-error"
            invalid={error !== null}
          />
        </div>
        <p id="unlock-error" class="error" role="alert">
          {error}
        </p>
        {waiting && (
          <p class="hint" data-testid="unlock-wait">
            {t('unlock_wait', secondsFromMs(waitMs))}
          </p>
        )}
        <button type="submit" class="button primary wide" disabled={busy || waiting}>
          {busy ? <span class="spinner" aria-hidden="true" /> : null}
          {busy ? t('unlock_busy') : t('unlock_button')}
        </button>
        <LazyBiometricUnlockButton />
      </form>
      <footer class="screen-footer">
        <p class="hint">{t('unlock_forgot_hint')}</p>
        <SettingsLink />
      </footer>
    </main>
  );
}
