/**
 * Non-secret preferences, kept outside the vault so they apply while it is locked: auto-lock,
 * locking with the computer, clearing copied secrets from the clipboard, and copying a login's
 * two-factor code after a fill. Each change is saved
 * at once (settings.set) and confirmed.
 */

import { useEffect, useRef, useState } from 'preact/hooks';
import { AUTO_LOCK_CHOICES, CLIPBOARD_CHOICES, type Settings } from '../../../src/messages/protocol';
import { FormMessages } from '../../../src/ui/components/FormMessages';
import { Icon } from '../../../src/ui/components/icons';
import { describeError } from '../../../src/ui/errors';
import { t } from '../../../src/ui/i18n';
import { Section } from '../components/Section';
import { ask } from '../state';

/**
 * Firefox's idle API reports only "idle" and "active", never "locked" (MDN browser-compat data;
 * Firefox's ext-idle.js forwards only those two), so "lock when the computer locks" could never act
 * there. On Firefox the choice is shown off and disabled, with the reason; auto-lock still works.
 */
const SYSTEM_LOCK_SUPPORTED = !import.meta.env.FIREFOX;

export function SettingsSection() {
  const [settings, setSettings] = useState<Settings | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const saveCount = useRef(0);

  useEffect(() => {
    ask({ type: 'settings.get' }).then(setSettings, (err) => setError(describeError(err)));
  }, []);

  async function save(change: Partial<Settings>) {
    setError(null);
    setDone(null);
    // Show the choice at once; a reply to an older save must not put an older value back.
    setSettings((current) => (current ? { ...current, ...change } : current));
    const mine = ++saveCount.current;
    try {
      const stored = await ask({ type: 'settings.set', settings: change });
      if (mine === saveCount.current) setSettings(stored);
      setDone(t('options_saved'));
    } catch (err) {
      setError(describeError(err));
      if (mine === saveCount.current) ask({ type: 'settings.get' }).then(setSettings, () => undefined);
    }
  }

  return (
    <Section id="settings" title={t('options_settings_title')}>
      {settings ? (
        <div class="stack">
          <div class="field">
            <label for="settings-autolock">{t('options_autolock_label')}</label>
            <select
              id="settings-autolock"
              class="input select"
              value={String(settings.autoLockMinutes)}
              aria-describedby={settings.autoLockMinutes === 0 ? 'settings-autolock-warning' : undefined}
              onChange={(e) =>
                void save({ autoLockMinutes: Number(e.currentTarget.value) as Settings['autoLockMinutes'] })
              }
            >
              {AUTO_LOCK_CHOICES.map((minutes) => (
                <option key={minutes} value={String(minutes)}>
                  {autoLockLabel(minutes)}
                </option>
              ))}
            </select>
            {settings.autoLockMinutes === 0 && (
              <div id="settings-autolock-warning" class="notice warning" role="note">
                <Icon name="warning" />
                <p>{t('options_autolock_never_warning')}</p>
              </div>
            )}
          </div>
          <label class="check">
            <input
              type="checkbox"
              checked={SYSTEM_LOCK_SUPPORTED && settings.lockOnSystemLock}
              disabled={!SYSTEM_LOCK_SUPPORTED}
              aria-describedby={SYSTEM_LOCK_SUPPORTED ? undefined : 'settings-system-lock-hint'}
              onChange={(e) => void save({ lockOnSystemLock: e.currentTarget.checked })}
            />
            {t('options_lock_on_system_lock')}
          </label>
          {!SYSTEM_LOCK_SUPPORTED && (
            <p id="settings-system-lock-hint" class="hint">
              {t('options_lock_on_system_lock_unsupported')}
            </p>
          )}
          <div class="field">
            <label for="settings-clipboard">{t('options_clipboard_label')}</label>
            <select
              id="settings-clipboard"
              class="input select"
              value={String(settings.clipboardClearSeconds)}
              onChange={(e) =>
                void save({
                  clipboardClearSeconds: Number(e.currentTarget.value) as Settings['clipboardClearSeconds'],
                })
              }
            >
              {CLIPBOARD_CHOICES.map((seconds) => (
                <option key={seconds} value={String(seconds)}>
                  {clipboardLabel(seconds)}
                </option>
              ))}
            </select>
            <p class="hint">{t('options_clipboard_hint')}</p>
          </div>
          <label class="check">
            <input
              type="checkbox"
              checked={settings.copyCodeAfterFill}
              aria-describedby="settings-copy-code-hint"
              onChange={(e) => void save({ copyCodeAfterFill: e.currentTarget.checked })}
            />
            {t('options_copy_code_after_fill')}
          </label>
          <p id="settings-copy-code-hint" class="hint">
            {t('options_copy_code_after_fill_hint')}
          </p>
        </div>
      ) : (
        !error && <p class="hint">{t('loading')}</p>
      )}
      <FormMessages id="settings" error={error} done={done} />
    </Section>
  );
}

function autoLockLabel(minutes: number): string {
  if (minutes === 0) return t('options_never');
  if (minutes % 60 === 0) {
    const hours = minutes / 60;
    return t(hours === 1 ? 'options_after_hours_one' : 'options_after_hours_other', hours);
  }
  return t(minutes === 1 ? 'options_after_minutes_one' : 'options_after_minutes_other', minutes);
}

function clipboardLabel(seconds: number): string {
  if (seconds === 0) return t('options_never');
  if (seconds % 60 === 0) return autoLockLabel(seconds / 60);
  return t('options_after_seconds', seconds);
}
