/**
 * Shown at the top of the unlocked page after the recovery key opened the vault and set a new
 * master password (ForgotPasswordSection): that key was just typed, so it may have been seen (over a
 * shoulder, by a camera, in a clipboard), and it still opens the vault. One button leads to the
 * recovery key section's own flow, which asks for the (new) master password like every other way
 * of making a lasting way in. Gone once a new key is made or the vault locks (recoveredWithKey).
 */

import { t } from '../../../src/ui/i18n';
import { Section } from '../components/Section';
import { navigate } from '../fragment';
import { RECOVERY_CURRENT_ID } from './RecoveryKeySection';

/** Id of the heading App focuses when the page opens on this suggestion. */
export const RECOVERED_TITLE_ID = 'recovered-title';

export function RecoveredNotice() {
  function goToRecoveryKey() {
    // The master password field of the recovery key section; while a key is on screen it is
    // replaced by that key, and its section heading is the place to land instead.
    navigate('unlocking', [RECOVERY_CURRENT_ID, 'recovery-title']);
  }

  return (
    <Section id="recovered" title={t('options_recovered_title')}>
      <p>{t('options_recovered_text')}</p>
      <div class="actions">
        <button type="button" class="button primary" onClick={goToRecoveryKey}>
          {t('options_recovered_button')}
        </button>
      </div>
    </Section>
  );
}
