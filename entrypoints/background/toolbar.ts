/**
 * The toolbar button shows whether the vault is open: the blue mark and "Tessera (unlocked)", or
 * the slate mark with a padlock and "Tessera (locked)" (icons: assets/icons, manifest default is
 * the locked one, since every browser start is locked).
 *
 * The browser keeps an action's icon and title outside the worker, so they survive a stopped
 * worker, and resets them to the manifest's (locked) at a browser start or an update, which is
 * exactly when storage.session (and so the unlocked session) is emptied. So the worker does not read
 * the session at start (that would decrypt the vault at every wake) and changes them only at the
 * session's unlocks and locks (auto-lock included). show() skips repeats.
 */

import { browser } from 'wxt/browser';
import type { VaultState } from '../../src/messages/protocol';
import { t } from '../../src/ui/i18n';

type ActionApi = Pick<typeof browser.action, 'setIcon' | 'setTitle'>;

const SIZES = [16, 32, 48, 128] as const;

function iconPaths(variant: 'tessera' | 'tessera-locked'): Record<string, string> {
  return Object.fromEntries(SIZES.map((size) => [String(size), `/icons/${variant}-${size}.png`]));
}

export function createToolbarState(action: ActionApi = browser.action) {
  let shown: 'locked' | 'unlocked' | null = null;
  return {
    async show(state: VaultState): Promise<void> {
      const next = state === 'unlocked' ? 'unlocked' : 'locked';
      if (next === shown) return;
      shown = next;
      try {
        await Promise.all([
          action.setIcon({ path: iconPaths(next === 'unlocked' ? 'tessera' : 'tessera-locked') }),
          action.setTitle({
            title: t(next === 'unlocked' ? 'toolbar_title_unlocked' : 'toolbar_title_locked'),
          }),
        ]);
      } catch {
        // A failed update (the browser is closing) is retried by the next change.
        shown = null;
      }
    },
  };
}
