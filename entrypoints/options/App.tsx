/**
 * The options page: one column of sections chosen by the vault's state.
 *   empty     restore from backup (S4) or create a new vault
 *   locked    unlock (password or biometric), forgot password (S5), settings, sites that never
 *             offer to save, reset (S4)
 *   unlocked  after a recovery with the recovery key, the suggestion to make a new one (S5);
 *             master password (S1, S2), biometric unlock (S3), recovery key (S5), backup,
 *             settings, sites that never offer to save, key derivation strength, reset
 * Changing state unmounts the sections of the old one, so nothing typed or shown (a recovery key)
 * survives a lock.
 */

import { useLayoutEffect, useRef } from 'preact/hooks';
import { Brand } from '../../src/ui/components/Brand';
import { describeError } from '../../src/ui/errors';
import { t } from '../../src/ui/i18n';
import { BackupSection } from './sections/BackupSection';
import { BiometricSection } from './sections/BiometricSection';
import { ChangePasswordSection } from './sections/ChangePasswordSection';
import { CreateVaultSection } from './sections/CreateVaultSection';
import { ForgotPasswordSection } from './sections/ForgotPasswordSection';
import { KdfSection } from './sections/KdfSection';
import { NeverSaveSection } from './sections/NeverSaveSection';
import { RECOVERED_TITLE_ID, RecoveredNotice } from './sections/RecoveredNotice';
import { RecoveryKeySection } from './sections/RecoveryKeySection';
import { ResetSection } from './sections/ResetSection';
import { RestoreSection } from './sections/RestoreSection';
import { SettingsSection } from './sections/SettingsSection';
import { TransferSections } from './sections/TransferSections';
import { UnlockSection } from './sections/UnlockSection';
import { ask, loadError, recoveredWithKey, refresh, status } from './state';

export function App() {
  const state = status.value?.state ?? null;

  // Tests and assistive technology: the body says which state the page shows.
  useLayoutEffect(() => {
    if (state) document.body.dataset.ready = `options-${state}`;
    else delete document.body.dataset.ready;
  }, [state]);

  // A new state is a new page for a screen reader: announce it by moving focus to the heading, or
  // to the suggestion to replace the recovery key when that key just opened the vault. The lock
  // screen focuses its password field itself; a #section target wins over all of these.
  const heading = useRef<HTMLHeadingElement>(null);
  const previous = useRef<string | null>(null);
  useLayoutEffect(() => {
    if (!state) return;
    const changed = previous.current !== null && previous.current !== state;
    previous.current = state;
    if (revealHashTarget()) return;
    if (!changed || state === 'locked') return;
    const suggestion = state === 'unlocked' && recoveredWithKey.value;
    (suggestion ? document.getElementById(RECOVERED_TITLE_ID) : heading.current)?.focus();
  }, [state]);

  if (!state) {
    if (loadError.value) {
      return (
        <main class="options">
          <h1 class="title">{t('failed_title')}</h1>
          <p class="error" role="alert">
            {describeError(loadError.value)}
          </p>
          <button type="button" class="button primary" onClick={() => void refresh()}>
            {t('action_retry')}
          </button>
        </main>
      );
    }
    return <main class="options" aria-busy="true" aria-label={t('loading')} />;
  }

  return (
    <main class="options">
      <header class="options-header">
        <Brand compact />
        <div class="options-heading">
          <h1 ref={heading} class="title" tabIndex={-1}>
            {t('options_title')}
          </h1>
          <p class="lead" role="status">
            {state === 'empty'
              ? t('options_state_empty')
              : state === 'locked'
                ? t('options_state_locked')
                : t('options_state_unlocked')}
          </p>
        </div>
        {state === 'unlocked' && (
          <button
            type="button"
            class="button"
            onClick={() => void ask({ type: 'vault.lock' }).finally(() => void refresh())}
          >
            {t('action_lock')}
          </button>
        )}
      </header>
      {state === 'empty' && (
        <>
          <p class="lead">{t('options_firstrun_intro')}</p>
          <RestoreSection />
          <CreateVaultSection />
        </>
      )}
      {state === 'locked' && (
        <>
          <UnlockSection />
          <ForgotPasswordSection />
          <SettingsSection />
          <NeverSaveSection />
          <ResetSection unlocked={false} />
        </>
      )}
      {state === 'unlocked' && (
        <>
          {recoveredWithKey.value && <RecoveredNotice />}
          <ChangePasswordSection />
          <BiometricSection />
          <RecoveryKeySection />
          <BackupSection />
          <TransferSections />
          <SettingsSection />
          <NeverSaveSection />
          <KdfSection />
          <ResetSection unlocked />
        </>
      )}
    </main>
  );
}

/**
 * options.html#restore (from the popup's first-run screen) scrolls to and focuses that section.
 * Returns whether there was such a target.
 */
function revealHashTarget(): boolean {
  const id = decodeURIComponent(location.hash.slice(1));
  if (!/^[a-z-]+$/.test(id)) return false;
  const heading = document.getElementById(`${id}-title`);
  if (!heading) return false;
  heading.scrollIntoView({ block: 'start' });
  heading.focus();
  // Once only: a later change of state must not jump back here.
  history.replaceState(null, '', location.pathname + location.search);
  return true;
}
