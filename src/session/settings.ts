/**
 * Non-secret preferences (auto-lock, clipboard), kept in storage.local outside the vault so they
 * apply while the vault is locked. A damaged or missing value falls back to the default.
 */

import * as v from 'valibot';
import { type Settings, SettingsSchema } from '../messages/protocol';
import type { KeyValueArea } from './storage-area';

export const DEFAULT_SETTINGS: Settings = {
  autoLockMinutes: 15,
  lockOnSystemLock: true,
  clipboardClearSeconds: 30,
  passwordAgeDays: 365,
  copyCodeAfterFill: false,
};

const KEY = 'settings';

export async function loadSettings(area: KeyValueArea): Promise<Settings> {
  const stored = (await area.get(KEY))[KEY];
  const merged = { ...DEFAULT_SETTINGS, ...(typeof stored === 'object' && stored ? stored : {}) };
  const parsed = v.safeParse(SettingsSchema, merged);
  return parsed.success ? parsed.output : { ...DEFAULT_SETTINGS };
}

export async function saveSettings(area: KeyValueArea, change: Partial<Settings>): Promise<Settings> {
  const next = v.parse(SettingsSchema, { ...(await loadSettings(area)), ...change });
  await area.set({ [KEY]: next });
  return next;
}
