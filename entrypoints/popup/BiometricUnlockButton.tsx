/**
 * "Unlock with biometric" on the popup's unlock screen, shown only when a biometric enrolment
 * exists that is not known to fail on this device (src/ui/biometric-marks.ts: the options page
 * marks an enrolment whose authenticator was removed or reset), and WebAuthn can work in this
 * browser. When every enrolment is marked, the screen says so and what to do instead. The WebAuthn ceremony moves focus to the browser's or the system's dialog, which closes a
 * toolbar popup mid-ceremony, so the button opens a small extension window on the options page's
 * unlock section (options.html#unlock), where the ceremony runs with a page that keeps focus.
 */

import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { loadUnavailable, usableBiometric } from '../../src/ui/biometric-marks';
import { t } from '../../src/ui/i18n';
import { ask } from '../../src/ui/state';
import { webauthnAvailable } from '../../src/ui/webauthn';

export const BIOMETRIC_WINDOW = { width: 480, height: 640 } as const;

export function BiometricUnlockButton() {
  const [offer, setOffer] = useState<'none' | 'button' | 'unavailable'>('none');

  useEffect(() => {
    // Where WebAuthn cannot work (e.g. Firefox before 150) the button could only fail: never shown.
    if (!webauthnAvailable()) return;
    // After the first paint: the password field must not wait for this.
    Promise.all([ask({ type: 'keys.list' }), loadUnavailable()])
      .then(([{ records }, marks]) => {
        if (usableBiometric(records, marks).length > 0) setOffer('button');
        else if (records.some((r) => r.kind === 'prf')) setOffer('unavailable');
      })
      .catch(() => setOffer('none'));
  }, []);

  if (offer === 'none') return null;
  if (offer === 'unavailable') return <p class="hint">{t('unlock_biometric_unavailable')}</p>;

  async function open() {
    await browser.windows.create({
      url: browser.runtime.getURL('/options.html#unlock'),
      type: 'popup',
      ...BIOMETRIC_WINDOW,
    });
    window.close();
  }

  return (
    <button type="button" class="button wide" onClick={() => void open()}>
      {t('unlock_biometric_button')}
    </button>
  );
}
