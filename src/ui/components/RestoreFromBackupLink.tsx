/**
 * "Restore from backup" on a first-run screen: opens the options page at its restore section
 * (options.html#restore), where a backup file, its password and a new master password bring every
 * item back. A tab rather than runtime.openOptionsPage(), which cannot carry the #restore target.
 */

import type { JSX } from 'preact';
import { browser } from 'wxt/browser';
import { t } from '../i18n';

export function openOptionsAt(section: string): void {
  void browser.tabs.create({ url: `${browser.runtime.getURL('/options.html')}#${section}` });
}

export function RestoreFromBackupLink(): JSX.Element {
  return (
    <button type="button" class="link-button" onClick={() => openOptionsAt('restore')}>
      {t('options_restore_title')}
    </button>
  );
}
