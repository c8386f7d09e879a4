/**
 * Password strength estimates for extension pages, loaded on demand.
 *
 * The estimator (src/strength/estimator.ts) is about a megabyte and a half of dictionaries, so it
 * is imported dynamically and only by the screens that ask for a new password; opening the popup
 * to unlock or search never loads it. (The background loads the same module as a script of its own:
 * src/strength/estimator-script.ts.)
 */

import type { Estimator } from '../strength/estimator';

export type { Estimator, Score, StrengthEstimate } from '../strength/estimator';

let loading: Promise<Estimator> | null = null;

export function loadEstimator(): Promise<Estimator> {
  loading ??= import('../strength/estimator').then(({ createEstimator }) => createEstimator());
  // A failed load (a chunk that could not be fetched) may be retried by the next caller.
  loading.catch(() => {
    loading = null;
  });
  return loading;
}
