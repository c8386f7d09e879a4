/**
 * Turns attribute values and label text into lower-case words, so that one keyword list matches
 * "newPassword", "new_password", "new-password" and "New Password" alike.
 *
 * Safety fact: only word starts are matched (see vocabulary.ts), so "mail" never matches inside
 * "hotmail", but it does match "mailing"; lists that must not, say so with a look-ahead.
 */

const CAMEL = /(\p{Ll})(\p{Lu})/gu;
const LETTER_DIGIT = /(\p{L})(\p{N})/gu;
const DIGIT_LETTER = /(\p{N})(\p{L})/gu;
const NON_WORD = /[^\p{L}\p{N}]+/gu;

/** Longest text we look at per source: a label wrapping a whole form must not cost much. */
const MAX_CHARS = 300;

/** "newPassword_2" → "new password 2"; "E-Mail:" → "e mail". */
export function toWords(text: string | null | undefined): string {
  if (!text) return '';
  return text
    .slice(0, MAX_CHARS)
    .replace(CAMEL, '$1 $2')
    .replace(LETTER_DIGIT, '$1 $2')
    .replace(DIGIT_LETTER, '$1 $2')
    .toLowerCase()
    .replace(NON_WORD, ' ')
    .trim();
}

/**
 * A matcher for word-start stems, written as regular-expression fragments over toWords output.
 * Scripts written without spaces (Chinese, Japanese, Korean) are matched anywhere.
 */
export function wordMatcher(stems: readonly string[], unspaced: readonly string[] = []): RegExp {
  const parts = [`(?:^| )(?:${stems.join('|')})`];
  if (unspaced.length) parts.push(`(?:${unspaced.join('|')})`);
  return new RegExp(parts.join('|'), 'u');
}
