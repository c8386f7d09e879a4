// randomBytes (src/crypto/random.ts): sizes, chunking under the Web Crypto 65536-byte
// limit, and that output is not constant.

import { afterEach, describe, expect, it, vi } from 'vitest';
import { toHex } from '../../../src/crypto/encoding';
import { randomBytes } from '../../../src/crypto/random';

describe('randomBytes', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it.each([0, 1, 16, 24, 32, 65536])('returns exactly %i bytes', (n) => {
    const out = randomBytes(n);
    expect(out).toBeInstanceOf(Uint8Array);
    expect(out).toHaveLength(n);
  });

  it('fills requests above 65536 bytes in chunks no larger than 65536, covering every byte', () => {
    const spy = vi.spyOn(globalThis.crypto, 'getRandomValues');
    const n = 2 * 65536 + 100;
    const out = randomBytes(n);
    const sizes = spy.mock.calls.map(([view]) => (view as Uint8Array).byteLength);
    expect(sizes).toEqual([65536, 65536, 100]);
    // Each chunk was filled: a zero-filled 100+ byte region from a working CSPRNG has
    // probability 2^-800.
    for (const [start, end] of [
      [0, 65536],
      [65536, 131072],
      [131072, n],
    ] as const) {
      expect(out.subarray(start, end).some((b) => b !== 0)).toBe(true);
    }
  });

  it('gives different output on each call', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 100; i++) seen.add(toHex(randomBytes(16)));
    expect(seen.size).toBe(100);
  });

  it('uses all byte values over a large sample', () => {
    expect(new Set(randomBytes(100000)).size).toBe(256);
  });

  it.each([-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('rejects length %s with RangeError', (n) => {
    expect(() => randomBytes(n)).toThrow(RangeError);
  });
});
