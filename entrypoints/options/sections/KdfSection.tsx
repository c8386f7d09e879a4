/**
 * Key derivation strength: the current Argon2id cost of the master password (vault.kdfCost), a
 * choice of presets with "about N ms on this device" measured here (kdf-calibration.ts), and
 * applying one. Applying rewraps the vault key under the same password at the new cost
 * (vault.changePassword with next = current and the cost), which needs the current password.
 */

import type { RefObject } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { BusyButton } from '../../../src/ui/components/BusyButton';
import { FormMessages } from '../../../src/ui/components/FormMessages';
import { describeError, errorCode } from '../../../src/ui/errors';
import { type FormError, useFocusOnError } from '../../../src/ui/form-focus';
import { type MessageKey, t } from '../../../src/ui/i18n';
import { PasswordField } from '../components/PasswordField';
import { Section } from '../components/Section';
import { KDF_PRESETS, type KdfPreset, measureKdfMs, sameCost } from '../kdf-calibration';
import { ask } from '../state';

type Cost = Omit<KdfPreset, 'id'>;

const PRESET_NAMES: Record<KdfPreset['id'], MessageKey> = {
  light: 'options_kdf_light',
  standard: 'options_kdf_standard',
  strong: 'options_kdf_strong',
  strongest: 'options_kdf_strongest',
};

export function KdfSection() {
  const [current, setCurrent] = useState<Cost | null>(null);
  const [choice, setChoice] = useState<string>('');
  const [estimate, setEstimate] = useState<{ key: string; ms: number | null } | null>(null);
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<FormError<'password'> | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const passwordInput = useRef<HTMLInputElement>(null);
  const estimateLine = useRef<HTMLParagraphElement>(null);
  useFocusOnError(error, { password: passwordInput });

  useEffect(() => {
    ask({ type: 'vault.kdfCost' }).then(
      (cost) => {
        setCurrent(cost);
        setChoice(KDF_PRESETS.find((p) => sameCost(p, cost))?.id ?? 'current');
      },
      (err) => setError({ text: describeError(err), field: null }),
    );
  }, []);

  const options: { key: string; cost: Cost; name: string }[] = [
    ...(current && !KDF_PRESETS.some((p) => sameCost(p, current))
      ? [{ key: 'current', cost: current, name: t('options_kdf_custom') }]
      : []),
    ...KDF_PRESETS.map((p) => ({ key: p.id, cost: p, name: t(PRESET_NAMES[p.id]) })),
  ];
  const chosen = options.find((o) => o.key === choice) ?? null;

  // Measuring costs a second of CPU and up to 256 MiB: only once the section is on screen.
  const seen = useSeen(estimateLine);

  // Measure the chosen cost once per choice; a newer choice makes an older result irrelevant.
  useEffect(() => {
    if (!chosen || !seen) return;
    let live = true;
    setEstimate({ key: chosen.key, ms: null });
    measureKdfMs(chosen.cost).then(
      (ms) => live && setEstimate({ key: chosen.key, ms }),
      () => live && setEstimate({ key: chosen.key, ms: -1 }),
    );
    return () => {
      live = false;
    };
  }, [chosen?.key, seen]);

  async function apply(event: Event) {
    event.preventDefault();
    if (busy || !chosen || !current) return;
    setError(null);
    setDone(null);
    if (sameCost(chosen.cost, current)) {
      setDone(t('options_kdf_same'));
      return;
    }
    if (!password) return setError({ text: t('options_current_empty'), field: 'password' });
    setBusy(true);
    try {
      const { memoryKiB, iterations, parallelism } = chosen.cost;
      await ask({
        type: 'vault.changePassword',
        current: password,
        next: password,
        cost: { memoryKiB, iterations, parallelism },
      });
      setCurrent(await ask({ type: 'vault.kdfCost' }));
      setPassword('');
      setDone(t('options_kdf_done'));
    } catch (err) {
      setError(
        errorCode(err) === 'wrong-password'
          ? { text: t('options_current_wrong'), field: 'password' }
          : { text: describeError(err), field: null },
      );
    } finally {
      setBusy(false);
    }
  }

  const measuring = estimate !== null && estimate.ms === null;
  return (
    <Section id="kdf" title={t('options_kdf_title')} intro={t('options_kdf_intro')}>
      {current && <p data-testid="kdf-current">{t('options_kdf_current', describeCost(current))}</p>}
      {chosen && (
        <form class="stack" onSubmit={apply} noValidate aria-busy={busy}>
          <div class="field">
            <label for="kdf-choice">{t('options_kdf_choice_label')}</label>
            <select
              id="kdf-choice"
              class="input select"
              value={choice}
              disabled={busy}
              aria-describedby="kdf-estimate"
              onChange={(e) => {
                setChoice(e.currentTarget.value);
                setDone(null);
              }}
            >
              {options.map((o) => (
                <option key={o.key} value={o.key}>
                  {`${o.name}: ${t('options_kdf_short', [Math.round(o.cost.memoryKiB / 1024), o.cost.iterations])}`}
                </option>
              ))}
            </select>
            <p
              id="kdf-estimate"
              ref={estimateLine}
              class="hint estimate"
              aria-live="polite"
              aria-busy={measuring}
            >
              {measuring && <span class="spinner" aria-hidden="true" />}
              {estimate === null
                ? ''
                : estimate.ms === null
                  ? t('options_kdf_measuring')
                  : estimate.ms < 0
                    ? t('options_kdf_measure_failed')
                    : t('options_kdf_estimate', Math.max(1, Math.round(estimate.ms)))}
            </p>
          </div>
          <PasswordField
            label={t('options_kdf_password_label')}
            id="kdf-password"
            inputRef={passwordInput}
            value={password}
            onValue={(value) => {
              setPassword(value);
              setError(null);
            }}
            autoComplete="current-password"
            describedBy="kdf-error"
            invalid={error?.field === 'password'}
            disabled={busy}
          />
          <FormMessages id="kdf" error={error?.text ?? null} done={done} />
          <div class="actions">
            <BusyButton busy={busy} label={t('options_kdf_apply')} busyLabel={t('options_kdf_apply_busy')} />
          </div>
        </form>
      )}
      {!current && error && <FormMessages id="kdf-load" error={error.text} />}
    </Section>
  );
}

/** True from the first time the element is on screen (IntersectionObserver). */
function useSeen(target: RefObject<Element>): boolean {
  const [seen, setSeen] = useState(false);
  useEffect(() => {
    const el = target.current;
    if (seen || !el) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) setSeen(true);
    });
    observer.observe(el);
    return () => observer.disconnect();
  });
  return seen;
}

function describeCost(cost: Cost): string {
  return t('options_kdf_desc', [Math.round(cost.memoryKiB / 1024), cost.iterations, cost.parallelism]);
}
