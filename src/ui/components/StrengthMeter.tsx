/**
 * Shows how hard a new password is to guess (zxcvbn score 0-4) with zxcvbn's main warning and
 * suggestion, in Tessera's own localized words. Mounting it starts loading the estimator.
 */

import type { JSX } from 'preact';
import { useEffect, useMemo, useState } from 'preact/hooks';
import { type MessageKey, t } from '../i18n';
import { type Estimator, loadEstimator, type StrengthEstimate } from '../strength';

const SCORE_LABELS: readonly MessageKey[] = [
  'strength_score_0',
  'strength_score_1',
  'strength_score_2',
  'strength_score_3',
  'strength_score_4',
];

export interface StrengthMeterProps {
  id: string;
  password: string;
  /** Told the estimate whenever it changes (null while the estimator loads or fails). */
  onEstimate?(estimate: StrengthEstimate | null): void;
}

export function StrengthMeter({ id, password, onEstimate }: StrengthMeterProps): JSX.Element {
  const [estimator, setEstimator] = useState<Estimator | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let live = true;
    loadEstimator().then(
      (loaded) => live && setEstimator(() => loaded),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, []);

  const estimate = useMemo(() => (estimator && password ? estimator(password) : null), [estimator, password]);
  useEffect(() => onEstimate?.(estimate), [estimate]);

  const score = estimate?.score ?? 0;
  const label = !password
    ? t('strength_empty')
    : estimate
      ? t(SCORE_LABELS[score]!)
      : failed
        ? t('strength_unavailable')
        : t('strength_loading');
  const warning = estimate?.warning ? message(`strength_warning_${estimate.warning}`) : null;
  const suggestion = estimate?.suggestions[0]
    ? message(`strength_suggestion_${estimate.suggestions[0]}`)
    : null;

  return (
    <div id={id} class="strength" data-score={estimate ? score : undefined}>
      <div class="strength-bar" aria-hidden="true">
        {[0, 1, 2, 3].map((i) => (
          <span key={i} class={estimate && password && score > i ? 'on' : ''} />
        ))}
      </div>
      <p class="strength-text" aria-live="polite">
        <span class="strength-label">{t('strength_label', label)}</span>
        {warning && <span class="strength-hint">{warning}</span>}
        {suggestion && <span class="strength-hint">{suggestion}</span>}
      </p>
    </div>
  );
}

/** zxcvbn feedback keys map to "strength_warning_<key>"; an unknown key shows nothing. */
function message(key: string): string | null {
  const text = t(key as MessageKey);
  return text === key ? null : text;
}
