// generatePassphrase / passphraseEntropyBits (src/generator/passphrase.ts): option checks, word
// count, separator, capitalisation, the appended digit, words drawn from the EFF list, exact
// output for a scripted random source, and uniformity of word indices by a chi-squared test.

import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  DEFAULT_PASSPHRASE_OPTIONS,
  generatePassphrase,
  PASSPHRASE_SEPARATOR_MAX_LENGTH,
  PASSPHRASE_WORDS,
  type PassphraseOptions,
  passphraseEntropyBits,
} from '../../../src/generator/passphrase';
import { EFF_LARGE_WORDLIST } from '../../../src/generator/wordlist';

// Upper 0.1% point of the chi-squared distribution with 15 degrees of freedom
// (NIST/SEMATECH e-Handbook §1.3.6.7.4).
const CHI2_P001_DF15 = 37.697;

const WORD_INDEX = new Map(EFF_LARGE_WORDLIST.map((w, i) => [w, i]));

function options(overrides: Partial<PassphraseOptions>): PassphraseOptions {
  return { ...DEFAULT_PASSPHRASE_OPTIONS, ...overrides };
}

/** Makes crypto.getRandomValues write `values` (one per call) into the Uint32Array it is given. */
function stubRandomSource(values: readonly number[]) {
  let next = 0;
  return vi
    .spyOn(globalThis.crypto, 'getRandomValues')
    .mockImplementation(<T extends ArrayBufferView | null>(array: T): T => {
      if (!(array instanceof Uint32Array) || array.length !== 1)
        throw new Error('stub expects a Uint32Array(1)');
      if (next >= values.length) throw new Error('stub ran out of values');
      array[0] = values[next++]!;
      return array;
    });
}

describe('passphrase options', () => {
  it('defaults to five words joined by "-", no capitals, no digit', () => {
    expect(DEFAULT_PASSPHRASE_OPTIONS).toEqual({
      words: 5,
      separator: '-',
      capitalize: false,
      includeNumber: false,
    });
    expect(PASSPHRASE_WORDS).toEqual({ min: 3, max: 20 });
  });

  it.each([0, 2, 21, 3.5, Number.NaN])(
    'rejects a word count of %s with a RangeError naming the range',
    (words) => {
      expect(() => generatePassphrase(options({ words }))).toThrow(RangeError);
      expect(() => generatePassphrase(options({ words }))).toThrow(/from 3 to 20/);
      expect(() => passphraseEntropyBits(options({ words }))).toThrow(RangeError);
    },
  );

  it.each(['a', 'x-', '1', ' 2 ', 'é', '٣'])(
    'rejects separator %j, which holds a letter or digit',
    (separator) => {
      expect(() => generatePassphrase(options({ separator }))).toThrow(/letters or digits/);
      expect(() => passphraseEntropyBits(options({ separator }))).toThrow(/letters or digits/);
    },
  );

  it('rejects a separator longer than the maximum', () => {
    const separator = '-'.repeat(PASSPHRASE_SEPARATOR_MAX_LENGTH + 1);
    expect(() => generatePassphrase(options({ separator }))).toThrow(RangeError);
    expect(
      generatePassphrase(options({ separator: '-'.repeat(PASSPHRASE_SEPARATOR_MAX_LENGTH) })),
    ).toBeTypeOf('string');
  });
});

describe('generatePassphrase', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('returns the requested number of list words for every allowed count', () => {
    for (let words = PASSPHRASE_WORDS.min; words <= PASSPHRASE_WORDS.max; words++) {
      // '_' never occurs inside an EFF word, so splitting on it recovers the words exactly.
      const parts = generatePassphrase(options({ words, separator: '_' })).split('_');
      expect(parts).toHaveLength(words);
      for (const w of parts) expect(WORD_INDEX.has(w), w).toBe(true);
    }
  });

  it.each([' ', '.', '_', '--', '+=', '\u00b7'])('joins words with separator %j', (separator) => {
    stubRandomSource([0, 7775, 3888]);
    expect(generatePassphrase(options({ words: 3, separator }))).toBe(
      [EFF_LARGE_WORDLIST[0], EFF_LARGE_WORDLIST[7775], EFF_LARGE_WORDLIST[3888]].join(separator),
    );
  });

  it('maps each random index to its word, in order (scripted random source)', () => {
    // 7776 × 552,336 = 4,294,964,736 is the largest multiple below 2^32; values from there up are
    // rejected, so 4294964736 is skipped and 4294964735 (≡ 7775) gives "zoom".
    stubRandomSource([0, 1, 4294964736, 4294964735]);
    expect(generatePassphrase(options({ words: 3 }))).toBe('abacus-abdomen-zoom');
  });

  it('concatenates with an empty separator', () => {
    stubRandomSource([0, 1, 2]);
    expect(generatePassphrase(options({ words: 3, separator: '' }))).toBe('abacusabdomenabdominal');
  });

  it('capitalises the first letter of every word and nothing else', () => {
    stubRandomSource([0, 7775, EFF_LARGE_WORDLIST.indexOf('t-shirt')]);
    expect(generatePassphrase(options({ words: 3, capitalize: true }))).toBe('Abacus-Zoom-T-shirt');
    vi.restoreAllMocks();
    for (let i = 0; i < 50; i++) {
      for (const w of generatePassphrase(options({ words: 8, separator: ' ', capitalize: true })).split(
        ' ',
      )) {
        expect(w).toMatch(/^[A-Z]/);
        expect(WORD_INDEX.has(w.charAt(0).toLowerCase() + w.slice(1)), w).toBe(true);
      }
    }
  });

  it('appends one digit to one word when includeNumber is set (position, then digit)', () => {
    stubRandomSource([0, 1, 2, 1, 7]);
    expect(generatePassphrase(options({ words: 3, includeNumber: true }))).toBe('abacus-abdomen7-abdominal');
  });

  it('puts the digit on every word position and uses every digit', () => {
    const positions = new Set<number>();
    const digits = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const parts = generatePassphrase(options({ words: 4, separator: ' ', includeNumber: true })).split(' ');
      const withDigit = parts.flatMap((p, at) => (/\d/.test(p) ? [at] : []));
      expect(withDigit).toHaveLength(1);
      const at = withDigit[0]!;
      const m = /^([a-z-]+)(\d)$/.exec(parts[at]!);
      expect(m, parts[at]).not.toBeNull();
      expect(WORD_INDEX.has(m![1]!)).toBe(true);
      positions.add(at);
      digits.add(m![2]!);
    }
    expect([...positions].sort()).toEqual([0, 1, 2, 3]);
    expect(digits.size).toBe(10);
  });

  it('draws word indices uniformly (16 buckets of 486 words, chi-squared, p = 0.001)', () => {
    const buckets = new Array<number>(16).fill(0);
    for (let i = 0; i < 1000; i++) {
      for (const w of generatePassphrase(options({ words: 20, separator: ' ' })).split(' ')) {
        buckets[Math.floor(WORD_INDEX.get(w)! / 486)]!++;
      }
    }
    expect(buckets.reduce((a, b) => a + b, 0)).toBe(20000);
    const expected = 20000 / 16;
    const chi2 = buckets.reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
    expect(chi2).toBeLessThan(CHI2_P001_DF15);
  });
});

describe('passphraseEntropyBits', () => {
  it('is log2(7776) ≈ 12.925 bits per word', () => {
    expect(passphraseEntropyBits(DEFAULT_PASSPHRASE_OPTIONS)).toBeCloseTo(5 * Math.log2(7776), 10);
    expect(passphraseEntropyBits(DEFAULT_PASSPHRASE_OPTIONS)).toBeCloseTo(64.62, 2);
    expect(passphraseEntropyBits(options({ words: 3 }))).toBeCloseTo(38.77, 2);
    expect(passphraseEntropyBits(options({ words: 20 }))).toBeCloseTo(258.5, 1);
  });

  it('adds log2(10 × words) for the appended digit, and nothing for capitals or separator', () => {
    const base = passphraseEntropyBits(options({ words: 6 }));
    expect(passphraseEntropyBits(options({ words: 6, includeNumber: true }))).toBeCloseTo(
      base + Math.log2(60),
      10,
    );
    expect(passphraseEntropyBits(options({ words: 6, capitalize: true, separator: ' ' }))).toBe(base);
  });
});
