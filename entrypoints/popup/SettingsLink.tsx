/** "Open settings": the options page, where auto-lock, clipboard, biometric and recovery live. */

import { browser } from 'wxt/browser';
import { Icon } from '../../src/ui/components/icons';
import { t } from '../../src/ui/i18n';

export function openSettings(): void {
  // The toolbar popup closes by itself when the options tab takes focus.
  void browser.runtime.openOptionsPage();
}

export function SettingsLink() {
  return (
    <button type="button" class="link-button" onClick={openSettings}>
      <Icon name="settings" size={16} />
      {t('action_open_settings')}
    </button>
  );
}
