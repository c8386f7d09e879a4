/**
 * A cheap first pass over a password before zxcvbn (src/ui/strength.ts): it recognises the
 * clearly strong ones, the long random strings and word passphrases a generator makes, so the
 * health report rates them in microseconds instead of zxcvbn's 20-320 ms each.
 *
 * Safety fact: it only ever answers "strong" (score >= 3) or "ask zxcvbn" (null), never "weak",
 * and says "strong" only where zxcvbn agrees: tests/unit/health/first-pass.test.ts compares it
 * with zxcvbn on thousands of random, generated and adversarial corpus passwords.
 *
 * Why it holds (zxcvbn's model, scoring.ts): a password split into k matches is estimated at no
 * fewer than 10^(4(k-1)) guesses, so k >= 3 already means >= 10^8 (score 3). A password is weak
 * only if one or two cheap matches cover it: a dictionary word (possibly capitalised, reversed or
 * in l33t), a repeat, a keyboard walk, a sequence, a date. The rules below refuse every shape
 * that such a cover needs: repeated chunks, runs, few distinct characters, too short.
 */

/** zxcvbn sees only this prefix (src/ui/strength.ts, ESTIMATE_PREFIX): judge the same text. */
const PREFIX = 100;

/** Random strings: at least this long (zxcvbn's bruteforce alone gives 10^16 guesses). */
const RANDOM_MIN_LENGTH = 16;

/**
 * What a dictionary match can span: letters and every character zxcvbn's l33t table reads as a
 * letter (@zxcvbn-ts/core data/l33tTable: 4 @ 8 ( { [ < 6 | ) 3 # 9 & 1 ! 7 ^ / 0 $ 5 + > % 2 \ _).
 */
const WORD_LIKE = /[\p{L}4@8({[<6|)3#9&1!7^/0$5+>%2\\_]/u;
/** Passphrases: at least this many words of at least WORD_MIN_LETTERS letters, all different. */
const PASSPHRASE_MIN_WORDS = 4;
const WORD_MIN_LETTERS = 3;

/** True when zxcvbn is certain to score the password 3 or more; null when only zxcvbn can tell. */
export function clearlyStrong(password: string): true | null {
  const text = [...password.slice(0, PREFIX)];
  return isRandomLooking(text) || isPassphrase(text.join('')) ? true : null;
}

/**
 * Long, of three character classes or more, with mostly distinct characters, no character chunk
 * of three that appears twice (a repeat), and no run of three (abc, 321, aaa): the shape of a
 * generated password, which no one or two dictionary words, walks or sequences can cover.
 */
function isRandomLooking(chars: readonly string[]): boolean {
  if (chars.length < RANDOM_MIN_LENGTH) return false;
  if (classesOf(chars) < 3) return false;
  if (new Set(chars).size < Math.ceil(chars.length * 0.6)) return false;
  // A weak password is one or two cheap matches (zxcvbn: two matches cost 2 x g1 x g2 + 10^4,
  // and a bruteforce stretch of k characters 10^k), so one match would have to span half of it:
  // no word (l33t included) and no date may be that long.
  if (longestRun(chars, (ch) => WORD_LIKE.test(ch)) * 2 >= chars.length) return false;
  if (longestRun(chars, (ch) => /[\d\s/\\_.-]/.test(ch)) * 2 >= chars.length) return false;
  const trigrams = new Set<string>();
  for (let i = 0; i + 2 < chars.length; i++) {
    const trigram = chars[i]! + chars[i + 1]! + chars[i + 2]!;
    if (trigrams.has(trigram)) return false;
    trigrams.add(trigram);
    const a = chars[i]!.codePointAt(0)!;
    const b = chars[i + 1]!.codePointAt(0)!;
    const c = chars[i + 2]!.codePointAt(0)!;
    if (b - a === c - b && Math.abs(b - a) <= 2) return false;
  }
  return true;
}

function longestRun(chars: readonly string[], inRun: (ch: string) => boolean): number {
  let longest = 0;
  let current = 0;
  for (const ch of chars) {
    current = inRun(ch) ? current + 1 : 0;
    longest = Math.max(longest, current);
  }
  return longest;
}

function classesOf(chars: readonly string[]): number {
  let lower = 0;
  let upper = 0;
  let digit = 0;
  let other = 0;
  for (const ch of chars) {
    if (/\p{Ll}/u.test(ch)) lower = 1;
    else if (/\p{Lu}/u.test(ch)) upper = 1;
    else if (/\p{N}/u.test(ch)) digit = 1;
    else other = 1;
  }
  return lower + upper + digit + other;
}

/**
 * Four or more different words of three or more letters, each parted from the next by a symbol or
 * space (the generator's "crisp-tundra-wafer-lunar"): every word and every
 * separator is its own match for zxcvbn, so the count alone puts it past 10^8.
 */
function isPassphrase(text: string): boolean {
  // Parted by symbols or spaces only: digits between letters are how keyboard walks and common
  // passwords look ("1qaz2wsx3edc"), which one dictionary entry can cover whole.
  const words = text.split(/[^\p{L}\p{N}]+/u);
  if (words[0] === '') words.shift();
  if (words.at(-1) === '') words.pop();
  if (words.length < PASSPHRASE_MIN_WORDS) return false;
  // A word may carry the generator's one digit ("lunar7"), no more.
  const letters = (w: string) => w.replace(/\p{N}/gu, '');
  if (words.some((w) => [...letters(w)].length < WORD_MIN_LETTERS || w.length - letters(w).length > 1))
    return false;
  return new Set(words.map((w) => letters(w).toLowerCase())).size === words.length;
}
