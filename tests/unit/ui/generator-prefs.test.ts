import { describe, expect, it } from 'vitest';
import { defaultGeneratorPrefs, sanitizeGeneratorPrefs } from '../../../entrypoints/popup/generator-prefs';
import { PASSPHRASE_WORDS } from '../../../src/generator/passphrase';
import { PASSWORD_LENGTH } from '../../../src/generator/password';

describe('sanitizeGeneratorPrefs', () => {
  it('returns the defaults for anything unreadable', () => {
    expect(sanitizeGeneratorPrefs(null)).toEqual(defaultGeneratorPrefs());
    expect(sanitizeGeneratorPrefs('x')).toEqual(defaultGeneratorPrefs());
  });

  it('keeps valid stored options', () => {
    const stored = {
      mode: 'passphrase',
      password: {
        length: 32,
        lower: true,
        upper: false,
        digits: true,
        symbols: false,
        avoidLookAlikes: true,
      },
      passphrase: { words: 7, separator: ' ', capitalize: true, includeNumber: true },
    };
    expect(sanitizeGeneratorPrefs(stored)).toEqual(stored);
  });

  it('drops out-of-range or wrong-typed values one by one', () => {
    const prefs = sanitizeGeneratorPrefs({
      mode: 'pin',
      password: { length: PASSWORD_LENGTH.max + 1, upper: 'yes', symbols: false },
      passphrase: { words: PASSPHRASE_WORDS.min - 1, separator: 'and' },
    });
    const defaults = defaultGeneratorPrefs();
    expect(prefs.mode).toBe(defaults.mode);
    expect(prefs.password.length).toBe(defaults.password.length);
    expect(prefs.password.upper).toBe(defaults.password.upper);
    expect(prefs.password.symbols).toBe(false);
    expect(prefs.passphrase.words).toBe(defaults.passphrase.words);
    expect(prefs.passphrase.separator).toBe(defaults.passphrase.separator);
  });

  it('never keeps a set with every character class off', () => {
    const prefs = sanitizeGeneratorPrefs({
      password: { length: 20, lower: false, upper: false, digits: false, symbols: false },
    });
    expect(prefs.password).toEqual(defaultGeneratorPrefs().password);
  });
});
