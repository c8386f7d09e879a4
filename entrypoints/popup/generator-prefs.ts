/**
 * The generator's last-used options, kept in the popup's localStorage so the next visit starts the
 * same way. Only options are stored, never a generated value; anything unreadable or out of range
 * falls back to the generator's defaults.
 */

import {
  DEFAULT_PASSPHRASE_OPTIONS,
  PASSPHRASE_SEPARATOR_MAX_LENGTH,
  PASSPHRASE_WORDS,
  type PassphraseOptions,
} from '../../src/generator/passphrase';
import {
  DEFAULT_PASSWORD_OPTIONS,
  PASSWORD_LENGTH,
  type PasswordOptions,
} from '../../src/generator/password';

export interface GeneratorPrefs {
  mode: 'password' | 'passphrase';
  password: PasswordOptions;
  passphrase: PassphraseOptions;
}

const KEY = 'tessera.generator';

export function defaultGeneratorPrefs(): GeneratorPrefs {
  return {
    mode: 'password',
    password: { ...DEFAULT_PASSWORD_OPTIONS },
    passphrase: { ...DEFAULT_PASSPHRASE_OPTIONS },
  };
}

/** Keeps each stored option that is valid; the rest come from the defaults. */
export function sanitizeGeneratorPrefs(raw: unknown): GeneratorPrefs {
  const prefs = defaultGeneratorPrefs();
  if (!isRecord(raw)) return prefs;
  if (raw.mode === 'password' || raw.mode === 'passphrase') prefs.mode = raw.mode;
  const pw = isRecord(raw.password) ? raw.password : {};
  if (isIntIn(pw.length, PASSWORD_LENGTH.min, PASSWORD_LENGTH.max)) prefs.password.length = pw.length;
  for (const key of ['lower', 'upper', 'digits', 'symbols', 'avoidLookAlikes'] as const) {
    if (typeof pw[key] === 'boolean') prefs.password[key] = pw[key];
  }
  if (!prefs.password.lower && !prefs.password.upper && !prefs.password.digits && !prefs.password.symbols) {
    prefs.password = { ...DEFAULT_PASSWORD_OPTIONS };
  }
  const pp = isRecord(raw.passphrase) ? raw.passphrase : {};
  if (isIntIn(pp.words, PASSPHRASE_WORDS.min, PASSPHRASE_WORDS.max)) prefs.passphrase.words = pp.words;
  if (
    typeof pp.separator === 'string' &&
    [...pp.separator].length <= PASSPHRASE_SEPARATOR_MAX_LENGTH &&
    !/[\p{L}\p{N}]/u.test(pp.separator)
  ) {
    prefs.passphrase.separator = pp.separator;
  }
  for (const key of ['capitalize', 'includeNumber'] as const) {
    if (typeof pp[key] === 'boolean') prefs.passphrase[key] = pp[key];
  }
  return prefs;
}

export function loadGeneratorPrefs(): GeneratorPrefs {
  try {
    return sanitizeGeneratorPrefs(JSON.parse(localStorage.getItem(KEY) ?? 'null'));
  } catch {
    return defaultGeneratorPrefs();
  }
}

export function saveGeneratorPrefs(prefs: GeneratorPrefs): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(prefs));
  } catch {
    // Storage full or disabled: the options just are not remembered.
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isIntIn(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}
