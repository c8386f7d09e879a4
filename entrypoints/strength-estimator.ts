/**
 * `strength-estimator.js`: the password strength estimator (src/strength/estimator.ts) as a
 * classic script that the background loads at its first rating (src/strength/estimator-script.ts
 * says how, in Chrome's service worker and in Firefox's event page). Evaluating it only publishes
 * the estimator's factory on the global scope; zxcvbn's tables are built when the factory is called.
 * Not web-accessible: only the extension's own background loads it.
 */

import { createEstimator } from '../src/strength/estimator';
import { type EstimatorSlot, publishEstimator } from '../src/strength/estimator-script';

export default defineUnlistedScript(() => {
  publishEstimator(globalThis as unknown as EstimatorSlot, createEstimator);
});
