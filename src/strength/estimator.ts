/**
 * The password strength estimator: zxcvbn-ts with its common and English dictionaries.
 *
 * This module is heavy (~1.6 MB of dictionaries, compiled wherever it is bundled), so nothing
 * imports it statically at start: extension pages import it on demand (src/ui/strength.ts), and the
 * background loads it as a script of its own (estimator-script.ts, entrypoints/strength-estimator.ts).
 * The dictionaries are turned into zxcvbn's ranked lookup tables only when createEstimator runs.
 *
 * Feedback comes back as zxcvbn's translation keys (no zxcvbn translation pack is loaded), which the
 * strength meter maps to Tessera's own localized messages.
 */

import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary as commonDictionary } from '@zxcvbn-ts/language-common';
import { dictionary as englishDictionary } from '@zxcvbn-ts/language-en';

export type Score = 0 | 1 | 2 | 3 | 4;

export interface StrengthEstimate {
  score: Score;
  /** zxcvbn warning key (e.g. "topTen"), or null. */
  warning: string | null;
  /** zxcvbn suggestion keys (e.g. "useWords"). */
  suggestions: string[];
}

export type Estimator = (password: string) => StrengthEstimate;

// Longer input only costs time: a password past this length is far beyond what zxcvbn can rate
// as weak, and its matcher is super-linear in the length.
const ESTIMATE_PREFIX = 100;

/** Words that make a master password easy to guess for anyone who knows it protects Tessera. */
const CONTEXT_WORDS = ['tessera', 'password', 'manager', 'vault', 'master'];

/** A new estimator: builds zxcvbn's tables from the dictionaries (tens of ms; call once). */
export function createEstimator(): Estimator {
  const zxcvbn = new ZxcvbnFactory({
    dictionary: { ...commonDictionary, ...englishDictionary },
    graphs: adjacencyGraphs,
  });
  return (password: string) => {
    const result = zxcvbn.check(password.slice(0, ESTIMATE_PREFIX), CONTEXT_WORDS);
    return {
      score: result.score as Score,
      warning: result.feedback.warning || null,
      suggestions: result.feedback.suggestions,
    };
  };
}
