/**
 * The rule a new master password must meet (pure, no DOM).
 *
 * Policy: a zxcvbn score below 2 is refused outright, with no "use anyway". The master password
 * guards every other secret, and an attacker who copies the browser profile can guess offline,
 * where nothing rate-limits them; Argon2id only slows each guess. Score 1 means roughly under 10^6
 * guesses, which a GPU rig gets through in hours even at Argon2id's cost. 1Password likewise refuses
 * weak account passwords; Bitwarden's "use anyway" dialog is the behaviour we chose not to copy.
 *
 * If the estimator could not load, a plain length rule stands in for it.
 */

export const MIN_SCORE = 2;
export const FALLBACK_MIN_LENGTH = 12;
/** The background accepts passwords up to this length (see src/messages/protocol.ts). */
export const MAX_LENGTH = 4096;

export type PasswordProblem = 'empty' | 'too-long' | 'mismatch' | 'weak';

/**
 * What is wrong with a new password and its confirmation, or null if it may be used.
 * `score` is the zxcvbn score, or null when no estimate is available.
 */
export function newPasswordProblem(
  password: string,
  confirmation: string,
  score: number | null,
): PasswordProblem | null {
  if (password.length === 0) return 'empty';
  if (password.length > MAX_LENGTH) return 'too-long';
  if (password !== confirmation) return 'mismatch';
  if (score === null) return password.length >= FALLBACK_MIN_LENGTH ? null : 'weak';
  return score < MIN_SCORE ? 'weak' : null;
}
