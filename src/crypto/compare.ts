// Constant-time equality for secrets: keys, MACs, and the one-time tokens that give the inline
// menu and the save prompt their work.
//
// Safety fact: `===` on strings and a byte loop that returns at the first difference both take
// longer the more leading characters match, which lets a caller who can time many guesses learn a
// secret piece by piece. equalBytes from @noble/ciphers (an audited library) looks at every byte
// whatever it finds. Only the length may show: every secret here has a fixed, public length.

import { equalBytes } from '@noble/ciphers/utils.js';
import { assertBytes } from './checks';
import { utf8Encode } from './encoding';

/** True when `a` and `b` hold the same bytes; the time taken does not depend on where they differ. */
export function equalSecretBytes(a: Uint8Array, b: Uint8Array): boolean {
  assertBytes(a, 'equalSecretBytes a');
  assertBytes(b, 'equalSecretBytes b');
  return equalBytes(a, b);
}

/** True when the two texts (tokens) are the same, compared as UTF-8 bytes in constant time. */
export function equalSecretText(a: string, b: string): boolean {
  if (typeof a !== 'string' || typeof b !== 'string')
    throw new TypeError('equalSecretText: expected two strings');
  return equalBytes(utf8Encode(a), utf8Encode(b));
}
