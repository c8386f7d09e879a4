/**
 * The password generator: random characters (length, character classes, avoid look-alikes) or a
 * passphrase (words, separator). Regenerates on every change; Copy, and "Use this password" when
 * opened from the item form.
 *
 * Loaded on demand (LazyGenerator), because the passphrase word list is large. The chosen options
 * (never a generated value) are remembered in localStorage for next time.
 */

import type { JSX } from 'preact';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import {
  generatePassphrase,
  PASSPHRASE_SEPARATOR_MAX_LENGTH,
  PASSPHRASE_WORDS,
  type PassphraseOptions,
  passphraseEntropyBits,
} from '../../../src/generator/passphrase';
import {
  generatePassword,
  PASSWORD_LENGTH,
  type PasswordOptions,
  passwordEntropyBits,
} from '../../../src/generator/password';
import { IconButton } from '../../../src/ui/components/IconButton';
import { Icon } from '../../../src/ui/components/icons';
import { copyToClipboard } from '../../../src/ui/copy';
import { useEscape } from '../../../src/ui/escape';
import { type MessageKey, t } from '../../../src/ui/i18n';
import { markReady } from '../../../src/ui/ready';
import { type GeneratorPrefs, loadGeneratorPrefs, saveGeneratorPrefs } from '../generator-prefs';

export interface GeneratorScreenProps {
  onBack(): void;
  /** Present when opened from the item form: puts the value into its password field. */
  onUse?(value: string): void;
}

type ClassKey = 'lower' | 'upper' | 'digits' | 'symbols';
const CLASSES: readonly { key: ClassKey; label: MessageKey }[] = [
  { key: 'upper', label: 'generator_upper' },
  { key: 'lower', label: 'generator_lower' },
  { key: 'digits', label: 'generator_digits' },
  { key: 'symbols', label: 'generator_symbols' },
];

const SEPARATOR_INVALID = /[\p{L}\p{N}]/u;

export function GeneratorScreen({ onBack, onUse }: GeneratorScreenProps) {
  const [prefs, setPrefs] = useState<GeneratorPrefs>(loadGeneratorPrefs);
  const [nonce, setNonce] = useState(0);
  const [status, setStatus] = useState('');
  const heading = useRef<HTMLHeadingElement>(null);

  useEscape(onBack);
  useLayoutEffect(() => {
    markReady('generator');
    heading.current?.focus();
  }, []);
  useEffect(() => saveGeneratorPrefs(prefs), [prefs]);

  const separatorError =
    [...prefs.passphrase.separator].length > PASSPHRASE_SEPARATOR_MAX_LENGTH ||
    SEPARATOR_INVALID.test(prefs.passphrase.separator);

  // A new value whenever an option changes or Regenerate is pressed; the last valid one otherwise.
  const result = useMemo(() => {
    try {
      return prefs.mode === 'password'
        ? { value: generatePassword(prefs.password), bits: passwordEntropyBits(prefs.password) }
        : { value: generatePassphrase(prefs.passphrase), bits: passphraseEntropyBits(prefs.passphrase) };
    } catch {
      return null;
    }
  }, [prefs, nonce]);

  function setPassword(change: Partial<PasswordOptions>) {
    setPrefs((p) => ({ ...p, password: { ...p.password, ...change } }));
    setStatus('');
  }
  function setPassphrase(change: Partial<PassphraseOptions>) {
    setPrefs((p) => ({ ...p, passphrase: { ...p.passphrase, ...change } }));
    setStatus('');
  }

  async function copy() {
    if (!result) return;
    try {
      const seconds = await copyToClipboard(result.value);
      const what = t('generator_value_label');
      setStatus(seconds > 0 ? t('copied_will_clear', [what, seconds]) : t('copied', what));
    } catch {
      setStatus(t('copy_failed'));
    }
  }

  const enabledClasses = CLASSES.filter((c) => prefs.password[c.key]).length;

  return (
    <main class="screen detail-screen">
      <header class="toolbar">
        <IconButton icon="back" label={t('action_back')} onClick={onBack} />
        <h1 class="toolbar-title" tabIndex={-1} ref={heading}>
          {t('generator_title')}
        </h1>
      </header>
      <div class="content stack">
        <section class="generated" aria-labelledby="generated-label">
          <h2 id="generated-label" class="visually-hidden">
            {t('generator_value_label')}
          </h2>
          <output
            class="generated-value mono"
            data-testid="generated-value"
            aria-labelledby="generated-label"
          >
            {result?.value ?? ''}
          </output>
          <div class="generated-actions">
            <span class="hint">{result ? t('generator_entropy', Math.floor(result.bits)) : ''}</span>
            <IconButton
              icon="refresh"
              label={t('action_regenerate')}
              onClick={() => setNonce((n) => n + 1)}
            />
            <IconButton icon="copy" label={t('action_copy', t('generator_value_label'))} onClick={copy} />
          </div>
        </section>

        <fieldset class="segmented">
          <legend class="visually-hidden">{t('generator_mode')}</legend>
          {(['password', 'passphrase'] as const).map((mode) => (
            <label key={mode} class={prefs.mode === mode ? 'selected' : ''}>
              <input
                type="radio"
                name="generator-mode"
                value={mode}
                checked={prefs.mode === mode}
                onChange={() => setPrefs((p) => ({ ...p, mode }))}
              />
              {t(mode === 'password' ? 'generator_mode_password' : 'generator_mode_passphrase')}
            </label>
          ))}
        </fieldset>

        {prefs.mode === 'password' ? (
          <>
            <NumberSlider
              id="gen-length"
              label={t('generator_length')}
              value={prefs.password.length}
              min={PASSWORD_LENGTH.min}
              max={PASSWORD_LENGTH.max}
              onValue={(length) => setPassword({ length })}
            />
            <fieldset class="checks">
              <legend>{t('generator_characters')}</legend>
              {CLASSES.map(({ key, label }) => (
                <Check
                  key={key}
                  id={`gen-${key}`}
                  label={t(label)}
                  checked={prefs.password[key]}
                  // At least one kind of character must stay on.
                  disabled={prefs.password[key] && enabledClasses === 1}
                  onValue={(on) => setPassword({ [key]: on })}
                />
              ))}
              <Check
                id="gen-lookalikes"
                label={t('generator_avoid_lookalikes')}
                checked={prefs.password.avoidLookAlikes}
                onValue={(avoidLookAlikes) => setPassword({ avoidLookAlikes })}
              />
            </fieldset>
          </>
        ) : (
          <>
            <NumberSlider
              id="gen-words"
              label={t('generator_words')}
              value={prefs.passphrase.words}
              min={PASSPHRASE_WORDS.min}
              max={PASSPHRASE_WORDS.max}
              onValue={(words) => setPassphrase({ words })}
            />
            <div class="field">
              <label for="gen-separator">{t('generator_separator')}</label>
              <input
                id="gen-separator"
                class="input mono short"
                value={prefs.passphrase.separator}
                maxLength={PASSPHRASE_SEPARATOR_MAX_LENGTH}
                aria-invalid={separatorError ? 'true' : undefined}
                aria-describedby="gen-separator-hint"
                onInput={(e) => setPassphrase({ separator: e.currentTarget.value })}
              />
              <p id="gen-separator-hint" class={separatorError ? 'error' : 'hint'}>
                {t('generator_separator_hint')}
              </p>
            </div>
            <Check
              id="gen-capitalize"
              label={t('generator_capitalize')}
              checked={prefs.passphrase.capitalize}
              onValue={(capitalize) => setPassphrase({ capitalize })}
            />
            <Check
              id="gen-number"
              label={t('generator_include_number')}
              checked={prefs.passphrase.includeNumber}
              onValue={(includeNumber) => setPassphrase({ includeNumber })}
            />
          </>
        )}
        <p class="status-line" role="status">
          {status}
        </p>
      </div>
      {onUse && (
        <footer class="statusbar">
          <button type="button" class="button" onClick={onBack}>
            {t('action_cancel')}
          </button>
          <button
            type="button"
            class="button primary"
            disabled={!result}
            onClick={() => result && onUse(result.value)}
          >
            <Icon name="plus" size={18} />
            {t('generator_use')}
          </button>
        </footer>
      )}
    </main>
  );
}

interface NumberSliderProps {
  id: string;
  label: string;
  value: number;
  min: number;
  max: number;
  onValue(value: number): void;
}

/** A range slider and a number box for the same value; both labelled, both keyboard-usable. */
function NumberSlider({ id, label, value, min, max, onValue }: NumberSliderProps): JSX.Element {
  const [text, setText] = useState(String(value));
  useEffect(() => setText(String(value)), [value]);
  const commit = (raw: string) => {
    const n = Number(raw);
    if (Number.isInteger(n) && n >= min && n <= max) onValue(n);
  };
  return (
    <div class="field slider-field">
      <label for={`${id}-number`}>{label}</label>
      <div class="slider-row">
        <input
          id={`${id}-range`}
          type="range"
          min={min}
          max={max}
          value={value}
          aria-label={label}
          onInput={(e) => onValue(Number(e.currentTarget.value))}
        />
        <input
          id={`${id}-number`}
          type="number"
          class="input number"
          min={min}
          max={max}
          value={text}
          onInput={(e) => {
            setText(e.currentTarget.value);
            commit(e.currentTarget.value);
          }}
          onBlur={() => setText(String(value))}
        />
      </div>
    </div>
  );
}

function Check(props: {
  id: string;
  label: string;
  checked: boolean;
  disabled?: boolean;
  onValue(on: boolean): void;
}): JSX.Element {
  return (
    <label class="check" for={props.id}>
      <input
        id={props.id}
        type="checkbox"
        checked={props.checked}
        disabled={props.disabled}
        onChange={(e) => props.onValue(e.currentTarget.checked)}
      />
      {props.label}
    </label>
  );
}
