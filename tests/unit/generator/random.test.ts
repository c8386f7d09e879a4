// uniformInt (src/generator/random.ts): argument checks, uniformity by a chi-squared test, and
// proof that draws in the biased tail above the largest multiple of n are rejected rather than
// reduced modulo n. Also guards the generator sources against non-cryptographic randomness.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { uniformInt } from '../../../src/generator/random';
import { REPO_ROOT } from '../shared-corpus';

// Upper 0.1% points of the chi-squared distribution (P(X > v) = 0.001), from standard tables
// (e.g. NIST/SEMATECH e-Handbook of Statistical Methods §1.3.6.7.4). A correct generator fails
// a test at this threshold once in 1,000 runs.
const CHI2_P001: Readonly<Record<number, number>> = { 6: 22.458, 9: 27.877 };

/** Pearson's chi-squared statistic of `counts` against equal expected counts. */
function chiSquaredUniform(counts: readonly number[]): number {
  const total = counts.reduce((a, b) => a + b, 0);
  const expected = total / counts.length;
  return counts.reduce((sum, c) => sum + (c - expected) ** 2 / expected, 0);
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

const TWO_POW_32 = 2 ** 32;

describe('uniformInt', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it.each([7, 10])('is uniform over [0, %i) by a chi-squared test (70,000 draws, p = 0.001)', (n) => {
    const counts = new Array<number>(n).fill(0);
    let outOfRange = 0;
    for (let i = 0; i < 70000; i++) {
      const x = uniformInt(n);
      if (Number.isInteger(x) && x >= 0 && x < n) counts[x]!++;
      else outOfRange++;
    }
    expect(outOfRange).toBe(0);
    expect(chiSquaredUniform(counts)).toBeLessThan(CHI2_P001[n - 1]!);
  });

  it('the chi-squared check rejects a visibly skewed sample (so the test above can fail)', () => {
    // 70,000 draws over 7 values where 0 comes up 5% more often than the rest.
    const counts = [10500, 9917, 9917, 9917, 9917, 9916, 9916];
    expect(chiSquaredUniform(counts)).toBeGreaterThan(CHI2_P001[6]!);
  });

  it('rejects draws in the biased tail instead of reducing them modulo n (n = 10)', () => {
    // 2^32 mod 10 = 6, so 4294967290..4294967295 are the tail; plain modulo would map the first
    // value to 5 and the second to 0.
    const spy = stubRandomSource([0xffffffff, 4294967290, 4294967289]);
    expect(uniformInt(10)).toBe(9);
    expect(spy).toHaveBeenCalledTimes(3);
  });

  it('rejects draws in the biased tail (n = 7) and accepts the value just below it', () => {
    // 2^32 mod 7 = 4: the tail is 4294967292..4294967295. 4294967291 = 7 × 613566755 + 6.
    const spy = stubRandomSource([4294967292, 4294967295, 4294967291]);
    expect(uniformInt(7)).toBe(6);
    expect(spy).toHaveBeenCalledTimes(3);
  });

  it('rejects most of the range when n is just above 2^31', () => {
    // n = 2^31 + 1 fits once in 2^32, so everything from n upwards is tail.
    const n = 2 ** 31 + 1;
    const spy = stubRandomSource([n, TWO_POW_32 - 1, n - 1]);
    expect(uniformInt(n)).toBe(n - 1);
    expect(spy).toHaveBeenCalledTimes(3);
  });

  it('accepts the first draw when it is below the tail, and every draw when n = 2^32', () => {
    const spy = stubRandomSource([123456789, 0xffffffff]);
    expect(uniformInt(1000)).toBe(789);
    expect(uniformInt(TWO_POW_32)).toBe(0xffffffff);
    expect(spy).toHaveBeenCalledTimes(2);
  });

  it('throws instead of spinning forever when the random source only returns tail values', () => {
    stubRandomSource(new Array<number>(1000).fill(0xffffffff));
    expect(() => uniformInt(10)).toThrow(/looks broken/);
  });

  it('returns 0 for n = 1 and covers both ends of a small range', () => {
    expect(uniformInt(1)).toBe(0);
    const seen = new Set<number>();
    for (let i = 0; i < 200; i++) seen.add(uniformInt(3));
    expect([...seen].sort()).toEqual([0, 1, 2]);
  });

  it.each([0, -1, TWO_POW_32 + 1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])(
    'throws RangeError for %s',
    (n) => {
      expect(() => uniformInt(n)).toThrow(RangeError);
    },
  );
});

describe('generator sources', () => {
  it('never call a non-cryptographic random source', () => {
    const dir = join(REPO_ROOT, 'src', 'generator');
    const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));
    expect(files).toEqual(
      expect.arrayContaining(['random.ts', 'password.ts', 'passphrase.ts', 'wordlist.ts']),
    );
    for (const file of files) {
      expect(readFileSync(join(dir, file), 'utf8'), file).not.toMatch(/Math\s*\.\s*random/);
    }
  });
});
