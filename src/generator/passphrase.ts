// Diceware-style passphrases: words drawn from the EFF large wordlist (7,776 words), joined by a
// separator, optionally capitalised and with one digit appended to one word.
//
// Why it is unbiased: every word index, the position of the digit and the digit itself are each
// drawn independently with uniformInt (rejection sampling, no modulo bias), so every word
// sequence is equally likely, as with real dice. The EFF list has no word that is a prefix of
// another, and a separator may contain no letters or digits, so each passphrase decodes back to
// exactly one choice of words, digit position and digit: passphraseEntropyBits is the exact log2
// of the number of equally likely outputs.
//
// Safety fact: every random choice goes through uniformInt; nothing here is seeded or reused.

import { uniformInt } from './random';
import { EFF_LARGE_WORDLIST } from './wordlist';

export interface PassphraseOptions {
  words: number;
  separator: string;
  capitalize: boolean;
  includeNumber: boolean;
}

export const DEFAULT_PASSPHRASE_OPTIONS: PassphraseOptions = Object.freeze({
  words: 5,
  separator: '-',
  capitalize: false,
  includeNumber: false,
});

export const PASSPHRASE_WORDS = { min: 3, max: 20 } as const;

/** Longest separator accepted, in characters (code points). */
export const PASSPHRASE_SEPARATOR_MAX_LENGTH = 8;

// Letters or digits in a separator could merge with the words or the appended digit and make two
// different choices print the same passphrase, which would make the entropy figure a lie.
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

function validate(o: PassphraseOptions): void {
  if (!Number.isInteger(o.words) || o.words < PASSPHRASE_WORDS.min || o.words > PASSPHRASE_WORDS.max) {
    throw new RangeError(
      `Passphrase word count must be a whole number from ${PASSPHRASE_WORDS.min} to ${PASSPHRASE_WORDS.max}, got ${String(o.words)}`,
    );
  }
  if (typeof o.separator !== 'string' || [...o.separator].length > PASSPHRASE_SEPARATOR_MAX_LENGTH) {
    throw new RangeError(
      `Passphrase separator must be at most ${PASSPHRASE_SEPARATOR_MAX_LENGTH} characters long`,
    );
  }
  if (LETTER_OR_DIGIT.test(o.separator)) {
    throw new Error('Passphrase separator may not contain letters or digits');
  }
}

/**
 * Returns `o.words` random EFF words joined by `o.separator`. With `capitalize`, each word's
 * first letter is upper-cased; with `includeNumber`, one random digit (0–9) is appended to one
 * randomly chosen word. Throws RangeError for a word count outside PASSPHRASE_WORDS or an
 * over-long separator, Error for a separator with letters or digits.
 */
export function generatePassphrase(o: PassphraseOptions): string {
  validate(o);
  const words: string[] = [];
  for (let i = 0; i < o.words; i++) {
    const word = EFF_LARGE_WORDLIST[uniformInt(EFF_LARGE_WORDLIST.length)]!;
    words.push(o.capitalize ? word.charAt(0).toUpperCase() + word.slice(1) : word);
  }
  if (o.includeNumber) {
    const at = uniformInt(words.length);
    words[at] += String(uniformInt(10));
  }
  return words.join(o.separator);
}

/**
 * Entropy in bits of generatePassphrase(o): words × log2(7776) (≈ 12.925 bits a word), plus
 * log2(10 × words) when a digit is appended (10 digits × `words` positions, all distinguishable).
 * Capitalisation and the separator are fixed by the options and add nothing. Throws for invalid
 * options, as generatePassphrase does.
 */
export function passphraseEntropyBits(o: PassphraseOptions): number {
  validate(o);
  const wordBits = o.words * Math.log2(EFF_LARGE_WORDLIST.length);
  return o.includeNumber ? wordBits + Math.log2(10 * o.words) : wordBits;
}
