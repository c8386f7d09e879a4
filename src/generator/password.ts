// Random character passwords from chosen character classes (lowercase, uppercase, digits,
// symbols), optionally without characters that are easy to misread.
//
// Why it is unbiased: each character is drawn with uniformInt (rejection sampling, no modulo
// bias) from the union of the enabled classes, and a password that misses an enabled class is
// thrown away whole and drawn again. The result is exactly uniform over every string of the
// requested length that contains each enabled class at least once, so the guaranteed characters
// sit at uniformly random positions and passwordEntropyBits is the exact log2 of that count
// (rather than the slight overestimate length × log2(alphabet)).
//
// Safety fact: every random choice goes through uniformInt; nothing here is seeded or reused.

import { uniformInt } from './random';

export interface PasswordOptions {
  length: number;
  lower: boolean;
  upper: boolean;
  digits: boolean;
  symbols: boolean;
  avoidLookAlikes: boolean;
}

export const DEFAULT_PASSWORD_OPTIONS: PasswordOptions = Object.freeze({
  length: 20,
  lower: true,
  upper: true,
  digits: true,
  symbols: true,
  avoidLookAlikes: false,
});

export const PASSWORD_LENGTH = { min: 8, max: 128 } as const;

type ClassName = 'lower' | 'upper' | 'digits' | 'symbols';

// Symbols are the 32 printable ASCII punctuation characters (everything printable that is not
// a letter, digit or space). Space is left out: sites often trim it, silently changing the password.
const CLASS_CHARACTERS: Readonly<Record<ClassName, string>> = {
  lower: 'abcdefghijklmnopqrstuvwxyz',
  upper: 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',
  digits: '0123456789',
  symbols: '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~',
};

const CLASS_ORDER: readonly ClassName[] = ['lower', 'upper', 'digits', 'symbols'];

/**
 * Characters dropped when `avoidLookAlikes` is set: zero and the letter O (either case); one,
 * lowercase L, uppercase i and the pipe; and the three quote marks, which are told apart poorly
 * and are often rewritten as typographic quotes when a password is copied through a document.
 * Every class keeps at least 8 characters after removal.
 */
export const LOOK_ALIKES = '0Oo1lI|`\'"';

// Fewer than 1.4 passwords are thrown away on average for every allowed option set (worst case:
// length 8, all four classes, look-alikes avoided, where 43% of attempts are kept). 1,000 misses
// in a row has probability below 2^-800 with a working random source, so reaching the limit
// means the source is broken.
const MAX_ATTEMPTS = 1000;

/** The character set of each enabled class, in a fixed order. Throws on invalid options. */
function enabledClasses(o: PasswordOptions): string[] {
  if (!Number.isInteger(o.length) || o.length < PASSWORD_LENGTH.min || o.length > PASSWORD_LENGTH.max) {
    throw new RangeError(
      `Password length must be a whole number from ${PASSWORD_LENGTH.min} to ${PASSWORD_LENGTH.max}, got ${String(o.length)}`,
    );
  }
  const classes: string[] = [];
  for (const name of CLASS_ORDER) {
    if (!o[name]) continue;
    const chars = CLASS_CHARACTERS[name];
    classes.push(o.avoidLookAlikes ? [...chars].filter((c) => !LOOK_ALIKES.includes(c)).join('') : chars);
  }
  if (classes.length === 0) {
    throw new Error('Choose at least one kind of character: lowercase, uppercase, digits or symbols');
  }
  return classes;
}

/**
 * Returns a password of exactly `o.length` characters containing at least one character of
 * every enabled class. Throws RangeError for a length outside PASSWORD_LENGTH, Error if no
 * class is enabled.
 */
export function generatePassword(o: PasswordOptions): string {
  const classes = enabledClasses(o);
  const alphabet = classes.join('');
  // classBit[i] marks which class alphabet[i] belongs to; a password is kept once the OR of its
  // characters' bits covers every enabled class.
  const classBit = classes.flatMap((chars, i) => Array.from(chars, () => 1 << i));
  const allClasses = (1 << classes.length) - 1;
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    let password = '';
    let seen = 0;
    for (let i = 0; i < o.length; i++) {
      const k = uniformInt(alphabet.length);
      password += alphabet[k];
      seen |= classBit[k]!;
    }
    if (seen === allClasses) return password;
  }
  throw new Error(
    'generatePassword: the random source never produced every character class; it looks broken',
  );
}

/**
 * Entropy in bits of generatePassword(o): log2 of the number of equally likely outputs, i.e.
 * strings of length L over the enabled alphabet (size A) with every enabled class present.
 * By inclusion–exclusion over the set S of classes left out:
 *   count = Σ_S (−1)^|S| · (A − |chars in S|)^L
 * computed exactly in BigInt. Throws for invalid options, as generatePassword does.
 */
export function passwordEntropyBits(o: PasswordOptions): number {
  const sizes = enabledClasses(o).map((chars) => chars.length);
  const alphabetSize = sizes.reduce((a, b) => a + b, 0);
  const length = BigInt(o.length);
  let count = 0n;
  for (let leftOut = 0; leftOut < 1 << sizes.length; leftOut++) {
    let removed = 0;
    let sign = 1n;
    sizes.forEach((size, i) => {
      if (leftOut & (1 << i)) {
        removed += size;
        sign = -sign;
      }
    });
    count += sign * BigInt(alphabetSize - removed) ** length;
  }
  return log2BigInt(count);
}

/** log2 of a positive BigInt, accurate to double precision even beyond Number's range. */
function log2BigInt(n: bigint): number {
  const bits = n.toString(2).length;
  const shift = Math.max(0, bits - 53);
  return Math.log2(Number(n >> BigInt(shift))) + shift;
}
