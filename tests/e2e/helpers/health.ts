// The health report as the e2e specs read it (Chromium: options-health.spec.ts; Firefox:
// tests/e2e-firefox/health.spec.ts), whatever the driver: `ask` sends one `health.report`.
import { expect } from '@playwright/test';
import type { HealthReport } from '../../../src/health/report';
import { login } from '../popup-support';

/** The global the strength estimator's script sets in the background (src/strength/estimator-script.ts). */
export const ESTIMATOR_GLOBAL = 'tesseraStrengthEstimator';

/** Passwords the first pass cannot vouch for (src/health/first-pass.ts): only zxcvbn rates them. */
export const ZXCVBN_RATED = [
  login('Alpha Mail', { id: 'alpha', password: 'password1', urls: ['https://mail.alpha.test/'] }),
  login('Delta Forum', { id: 'delta', password: 'ok-Unique-Forum-Secret-91', urls: ['https://delta.test/'] }),
];
/** One more, stored after the background was stopped and woken. */
export const RATED_AFTER_WAKE = login('Kappa Blog', {
  id: 'kappa',
  password: 'qwerty123',
  urls: ['https://kappa.test/'],
});

/**
 * The report once every password is rated: the background rates ~250 ms per request and the
 * options page asks again while some are unrated; so does this. Returns the weak logins' names.
 */
export async function weakAfterRating(ask: () => Promise<HealthReport>): Promise<string[]> {
  let report = await ask();
  for (let i = 0; i < 20 && report.unrated > 0; i++) report = await ask();
  expect(report.unrated).toBe(0);
  return report.weak.map((entry) => entry.name);
}
