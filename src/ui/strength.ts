/**
 * Password strength estimates with zxcvbn-ts, loaded on demand.
 *
 * The dictionaries are about a megabyte of JavaScript, so they are imported dynamically and only by
 * the screens that ask for a new master password; opening the popup to unlock or search never
 * loads them.
 *
 * Feedback comes back as zxcvbn's translation keys (no zxcvbn translation pack is loaded), which the
 * strength meter maps to Tessera's own localized messages.
 */

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

let loading: Promise<Estimator> | null = null;

export function loadEstimator(): Promise<Estimator> {
  loading ??= (async () => {
    const [{ ZxcvbnFactory }, common, en] = await Promise.all([
      import('@zxcvbn-ts/core'),
      import('@zxcvbn-ts/language-common'),
      import('@zxcvbn-ts/language-en'),
    ]);
    const zxcvbn = new ZxcvbnFactory({
      dictionary: { ...common.dictionary, ...en.dictionary },
      graphs: common.adjacencyGraphs,
    });
    return (password: string) => {
      const result = zxcvbn.check(password.slice(0, ESTIMATE_PREFIX), CONTEXT_WORDS);
      return {
        score: result.score as Score,
        warning: result.feedback.warning || null,
        suggestions: result.feedback.suggestions,
      };
    };
  })();
  // A failed load (should not happen: it is bundled) may be retried by the next caller.
  loading.catch(() => {
    loading = null;
  });
  return loading;
}
