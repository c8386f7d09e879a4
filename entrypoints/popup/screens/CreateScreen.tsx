/**
 * First run: choose the master password. The strength meter (zxcvbn, loaded only here) must rate
 * it at least "fair" (see src/ui/master-password.ts for why weak ones are refused outright), and
 * the confirmation must match. Creating derives the key with Argon2id, so the button shows a busy
 * state for about a second.
 */

import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { Brand } from '../../../src/ui/components/Brand';
import { Icon } from '../../../src/ui/components/icons';
import { PasswordInput } from '../../../src/ui/components/PasswordInput';
import { RestoreFromBackupLink } from '../../../src/ui/components/RestoreFromBackupLink';
import { StrengthMeter } from '../../../src/ui/components/StrengthMeter';
import { describeError } from '../../../src/ui/errors';
import { type MessageKey, t } from '../../../src/ui/i18n';
import { MAX_LENGTH, newPasswordProblem, type PasswordProblem } from '../../../src/ui/master-password';
import { markReady } from '../../../src/ui/ready';
import { createVault } from '../../../src/ui/state';
import { loadEstimator } from '../../../src/ui/strength';

const PROBLEM_TEXT: Record<PasswordProblem, MessageKey> = {
  empty: 'create_error_empty',
  'too-long': 'create_error_too_long',
  mismatch: 'create_error_mismatch',
  weak: 'create_error_weak',
};

export function CreateScreen() {
  const [password, setPassword] = useState('');
  const [confirmation, setConfirmation] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ text: string; field: 'password' | 'confirm' | null } | null>(null);
  const first = useRef<HTMLInputElement>(null);
  const second = useRef<HTMLInputElement>(null);

  useLayoutEffect(() => {
    markReady('create');
    first.current?.focus();
  }, []);

  // After a refusal, put the cursor where the fix goes (once the inputs are enabled again).
  useEffect(() => {
    if (error?.field) (error.field === 'confirm' ? second : first).current?.focus();
  }, [error]);

  async function submit(event: Event) {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(null);
    const score = await loadEstimator().then(
      (estimate) => estimate(password).score,
      () => null,
    );
    const problem = newPasswordProblem(password, confirmation, score);
    if (problem) {
      setBusy(false);
      const field = problem === 'mismatch' ? 'confirm' : 'password';
      setError({ text: t(PROBLEM_TEXT[problem]), field });
      return;
    }
    try {
      await createVault(password);
    } catch (err) {
      setBusy(false);
      setError({ text: describeError(err), field: null });
    }
  }

  return (
    <main class="screen scroll" aria-busy={busy}>
      <Brand />
      <form class="stack" onSubmit={submit} noValidate>
        <h1 class="title">{t('create_title')}</h1>
        <p class="lead">{t('create_intro')}</p>
        <div class="field">
          <label for="create-password">{t('create_password_label')}</label>
          <PasswordInput
            id="create-password"
            inputRef={first}
            value={password}
            onValue={(value) => {
              setPassword(value);
              setError(null);
            }}
            autoComplete="new-password"
            maxLength={MAX_LENGTH}
            describedBy="create-strength create-error"
            invalid={error?.field === 'password'}
            disabled={busy}
          />
          <StrengthMeter id="create-strength" password={password} />
        </div>
        <div class="field">
          <label for="create-confirm">{t('create_confirm_label')}</label>
          <PasswordInput
            id="create-confirm"
            inputRef={second}
            value={confirmation}
            onValue={(value) => {
              setConfirmation(value);
              setError(null);
            }}
            autoComplete="new-password"
            maxLength={MAX_LENGTH}
            describedBy="create-error"
            invalid={error?.field === 'confirm'}
            disabled={busy}
          />
        </div>
        <div class="notice warning" role="note">
          <Icon name="warning" />
          <p>{t('create_recovery_warning')}</p>
        </div>
        <p id="create-error" class="error" role="alert">
          {error?.text}
        </p>
        <button type="submit" class="button primary wide" disabled={busy}>
          {busy ? <span class="spinner" aria-hidden="true" /> : null}
          {busy ? t('create_busy') : t('create_button')}
        </button>
      </form>
      <footer class="screen-footer">
        <RestoreFromBackupLink />
      </footer>
    </main>
  );
}
