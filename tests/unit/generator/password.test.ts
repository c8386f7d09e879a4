// generatePassword / passwordEntropyBits (src/generator/password.ts): option checks, length,
// every enabled class present, only enabled characters, look-alike removal, uniformity of
// characters and of where each class lands, and the entropy count against an independent
// dynamic-programming count.

import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  DEFAULT_PASSWORD_OPTIONS,
  generatePassword,
  PASSWORD_LENGTH,
  type PasswordOptions,
  passwordEntropyBits,
} from '../../../src/generator/password';

// The character classes as the module promises them, written out independently of its source.
const LOWER = 'abcdefghijklmnopqrstuvwxyz';
const UPPER = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
const DIGITS = '0123456789';
const SYMBOLS = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';
const LOOK_ALIKES = ['0', 'O', 'o', '1', 'l', 'I', '|', '`', "'", '"'];

type ClassName = 'lower' | 'upper' | 'digits' | 'symbols';
const CLASSES: readonly (readonly [ClassName, string])[] = [
  ['lower', LOWER],
  ['upper', UPPER],
  ['digits', DIGITS],
  ['symbols', SYMBOLS],
];

// Upper 0.1% points of the chi-squared distribution (NIST/SEMATECH e-Handbook §1.3.6.7.4).
const CHI2_P001: Readonly<Record<number, number>> = { 8: 26.124, 9: 27.877, 25: 52.62, 31: 61.098 };

function options(overrides: Partial<PasswordOptions>): PasswordOptions {
  return { ...DEFAULT_PASSWORD_OPTIONS, ...overrides };
}

function charsOf(set: string, avoidLookAlikes: boolean): string[] {
  return [...set].filter((c) => !avoidLookAlikes || !LOOK_ALIKES.includes(c));
}

/** Every non-empty combination of classes, as option overrides. */
const CLASS_SUBSETS: Partial<PasswordOptions>[] = Array.from({ length: 15 }, (_, i) => {
  const mask = i + 1;
  return { lower: !!(mask & 1), upper: !!(mask & 2), digits: !!(mask & 4), symbols: !!(mask & 8) };
});

describe('password options', () => {
  it('defaults to 20 characters, all classes, look-alikes allowed', () => {
    expect(DEFAULT_PASSWORD_OPTIONS).toEqual({
      length: 20,
      lower: true,
      upper: true,
      digits: true,
      symbols: true,
      avoidLookAlikes: false,
    });
    expect(PASSWORD_LENGTH).toEqual({ min: 8, max: 128 });
  });

  it.each([0, 7, 129, 1000, 8.5, Number.NaN])(
    'rejects length %s with a RangeError naming the range',
    (length) => {
      const o = options({ length });
      expect(() => generatePassword(o)).toThrow(RangeError);
      expect(() => generatePassword(o)).toThrow(/from 8 to 128/);
      expect(() => passwordEntropyBits(o)).toThrow(RangeError);
    },
  );

  it('rejects options with no character class enabled', () => {
    const o = options({ lower: false, upper: false, digits: false, symbols: false });
    expect(() => generatePassword(o)).toThrow(/at least one kind of character/);
    expect(() => passwordEntropyBits(o)).toThrow(/at least one kind of character/);
  });
});

describe('generatePassword', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it.each([8, 9, 20, 64, 128])('returns exactly %i characters', (length) => {
    expect(generatePassword(options({ length }))).toHaveLength(length);
  });

  it.each([false, true])(
    'at length 8, contains every enabled class and nothing else, for every class combination (avoidLookAlikes: %s)',
    (avoidLookAlikes) => {
      for (const subset of CLASS_SUBSETS) {
        const o = options({ ...subset, length: 8, avoidLookAlikes });
        const enabled = CLASSES.filter(([name]) => o[name]).map(([, set]) => charsOf(set, avoidLookAlikes));
        const allowed = new Set(enabled.flat());
        const bad: string[] = [];
        for (let i = 0; i < 40; i++) {
          const pw = generatePassword(o);
          const chars = [...pw];
          const onlyAllowed = chars.every((c) => allowed.has(c));
          const everyClass = enabled.every((set) => chars.some((c) => set.includes(c)));
          if (!onlyAllowed || !everyClass) bad.push(pw);
        }
        expect(bad, JSON.stringify(subset)).toEqual([]);
      }
    },
  );

  it('never emits a look-alike when asked, yet still uses every other character', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 60; i++) {
      for (const c of generatePassword(options({ length: 128, avoidLookAlikes: true }))) seen.add(c);
    }
    for (const c of LOOK_ALIKES) expect(seen.has(c), c).toBe(false);
    const expected = CLASSES.flatMap(([, set]) => charsOf(set, true));
    expect(expected).toHaveLength(94 - LOOK_ALIKES.length);
    expect([...seen].sort()).toEqual([...expected].sort());
  });

  it('does emit look-alikes when not asked to avoid them', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 60; i++) {
      for (const c of generatePassword(options({ length: 128 }))) seen.add(c);
    }
    expect(seen.size).toBe(94);
  });

  it('picks characters uniformly within each class (chi-squared, p = 0.001)', () => {
    const counts = new Map<string, number>();
    for (let i = 0; i < 200; i++) {
      for (const c of generatePassword(options({ length: 128 }))) counts.set(c, (counts.get(c) ?? 0) + 1);
    }
    for (const [name, set] of CLASSES) {
      const classCounts = [...set].map((c) => counts.get(c) ?? 0);
      const total = classCounts.reduce((a, b) => a + b, 0);
      const expected = total / classCounts.length;
      const chi2 = classCounts.reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
      expect(chi2, name).toBeLessThan(CHI2_P001[set.length - 1]!);
    }
  });

  it('places the guaranteed class at uniformly random positions (exact per-position rate, chi-squared)', () => {
    // Lowercase + digits, length 8: the output is uniform over the V = 36^8 − 26^8 − 10^8 strings
    // holding both classes. Of those, 10 × (36^7 − 10^7) start with a digit (the other seven
    // characters must then include a letter), and by symmetry the same holds for every position.
    const q = (10 * (36 ** 7 - 10 ** 7)) / (36 ** 8 - 26 ** 8 - 10 ** 8);
    const n = 2500;
    const digitsAt = new Array<number>(8).fill(0);
    for (let i = 0; i < n; i++) {
      const pw = generatePassword(options({ length: 8, upper: false, symbols: false }));
      for (let p = 0; p < 8; p++) if (DIGITS.includes(pw[p]!)) digitsAt[p]!++;
    }
    // Sum of the 8 per-position binomial chi-squared terms: 8 degrees of freedom.
    const chi2 = digitsAt.reduce((s, d) => s + (d - n * q) ** 2 / (n * q * (1 - q)), 0);
    expect(chi2).toBeLessThan(CHI2_P001[8]!);
  });

  it('draws a whole new password when one misses an enabled class', () => {
    // Lowercase + digits is a 36-character alphabet; 32-bit values below 2^32 − 4 are accepted
    // and map to value mod 36. Eight equal values give eight equal characters (one class only),
    // which must be discarded; the second attempt has one different character and is kept.
    const values = [...new Array<number>(8).fill(0), 26, ...new Array<number>(7).fill(0)];
    const spy = vi
      .spyOn(globalThis.crypto, 'getRandomValues')
      .mockImplementation(<T extends ArrayBufferView | null>(array: T): T => {
        const next = values.shift();
        if (next === undefined || !(array instanceof Uint32Array)) throw new Error('unexpected draw');
        array[0] = next;
        return array;
      });
    const pw = generatePassword(options({ length: 8, upper: false, symbols: false }));
    expect(spy).toHaveBeenCalledTimes(16);
    expect(pw).toMatch(/^(?=.*[a-z])(?=.*[0-9])[a-z0-9]{8}$/);
    expect(new Set(pw).size).toBe(2);
  });

  it('throws rather than loop forever when the random source is stuck', () => {
    vi.spyOn(globalThis.crypto, 'getRandomValues').mockImplementation(
      <T extends ArrayBufferView | null>(array: T): T => {
        if (array instanceof Uint32Array) array.fill(0);
        return array;
      },
    );
    expect(() => generatePassword(options({ length: 8 }))).toThrow(/looks broken/);
  });
});

describe('passwordEntropyBits', () => {
  /**
   * Independent count of strings of `length` over the enabled classes containing each one:
   * dynamic programming over "which classes have appeared so far", in exact BigInt.
   */
  function log2ValidCount(o: PasswordOptions): number {
    const sizes = CLASSES.filter(([name]) => o[name]).map(([, set]) =>
      BigInt(charsOf(set, o.avoidLookAlikes).length),
    );
    let ways = new Array<bigint>(1 << sizes.length).fill(0n);
    ways[0] = 1n;
    for (let i = 0; i < o.length; i++) {
      const next = new Array<bigint>(ways.length).fill(0n);
      ways.forEach((w, mask) => {
        sizes.forEach((size, c) => {
          next[mask | (1 << c)]! += w * size;
        });
      });
      ways = next;
    }
    const count = ways[ways.length - 1]!;
    // log2 via the decimal digits: precise enough for a 1e-9 relative comparison.
    const digits = count.toString();
    const head = Number(`0.${digits.slice(0, 17)}`);
    return Math.log2(head) + digits.length * Math.log2(10);
  }

  it('equals length × log2(class size) for a single class', () => {
    expect(
      passwordEntropyBits(options({ length: 8, lower: false, upper: false, symbols: false })),
    ).toBeCloseTo(8 * Math.log2(10), 10);
    expect(
      passwordEntropyBits(options({ length: 20, upper: false, digits: false, symbols: false })),
    ).toBeCloseTo(20 * Math.log2(26), 10);
  });

  it.each([8, 20, 128])('matches an independent count for every class combination at length %i', (length) => {
    for (const avoidLookAlikes of [false, true]) {
      for (const subset of CLASS_SUBSETS) {
        const o = options({ ...subset, length, avoidLookAlikes });
        const bits = passwordEntropyBits(o);
        expect(Math.abs(bits - log2ValidCount(o)) / bits, JSON.stringify(o)).toBeLessThan(1e-9);
      }
    }
  });

  it('is a little below length × log2(alphabet) when a class is guaranteed', () => {
    const bits = passwordEntropyBits(DEFAULT_PASSWORD_OPTIONS);
    expect(bits).toBeLessThan(20 * Math.log2(94));
    expect(bits).toBeGreaterThan(20 * Math.log2(94) - 1);
  });
});
