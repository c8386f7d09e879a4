// EFF_LARGE_WORDLIST (src/generator/wordlist.ts): that the array is EFF's published large
// wordlist, byte for byte, in dice order, and has the properties the passphrase entropy relies on.

import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  diceRollForIndex,
  EFF_LARGE_WORDLIST,
  EFF_LARGE_WORDLIST_SIZE,
} from '../../../src/generator/wordlist';

// SHA-256 of eff_large_wordlist.txt as published by the EFF in 2016 (lines "<roll>\t<word>\n").
// The value is public and widely pinned by projects that download the file from eff.org.
const EFF_LARGE_WORDLIST_SHA256 = 'addd35536511597a02fa0a9ff1e5284677b8883b83e986e43f15a3db996b903e';

describe('EFF_LARGE_WORDLIST', () => {
  it('rebuilds, with its dice rolls, into exactly the file EFF published', () => {
    const file = EFF_LARGE_WORDLIST.map((word, i) => `${diceRollForIndex(i)}\t${word}\n`).join('');
    expect(createHash('sha256').update(file, 'utf8').digest('hex')).toBe(EFF_LARGE_WORDLIST_SHA256);
  });

  it('has 6^5 = 7,776 distinct words from abacus (11111) to zoom (66666)', () => {
    expect(EFF_LARGE_WORDLIST_SIZE).toBe(7776);
    expect(EFF_LARGE_WORDLIST).toHaveLength(7776);
    expect(new Set(EFF_LARGE_WORDLIST).size).toBe(7776);
    expect(EFF_LARGE_WORDLIST[0]).toBe('abacus');
    expect(EFF_LARGE_WORDLIST[7775]).toBe('zoom');
    expect(diceRollForIndex(0)).toBe('11111');
    expect(diceRollForIndex(1)).toBe('11112');
    expect(diceRollForIndex(6)).toBe('11121');
    expect(diceRollForIndex(7775)).toBe('66666');
  });

  it('holds only lower-case words (letters and an inner hyphen), none a prefix of another', () => {
    const set = new Set(EFF_LARGE_WORDLIST);
    const bad = EFF_LARGE_WORDLIST.filter((w) => !/^[a-z]+(-[a-z]+)?$/.test(w));
    expect(bad).toEqual([]);
    // Prefix-free: no word is the start of a longer word, so concatenations decode uniquely.
    const prefixes = EFF_LARGE_WORDLIST.flatMap((w) =>
      Array.from({ length: w.length - 1 }, (_, k) => w.slice(0, k + 1)).filter((p) => set.has(p)),
    );
    expect(prefixes).toEqual([]);
  });

  it('is frozen, so no caller can alter the list', () => {
    expect(Object.isFrozen(EFF_LARGE_WORDLIST)).toBe(true);
  });
});
