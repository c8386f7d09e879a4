// HKDF-SHA-256 (src/crypto/hkdf.ts) against RFC 5869 Appendix A and Wycheproof
// hkdf_sha256_test, plus its input checks.

import { describe, expect, it } from 'vitest';
import { fromHex, toHex } from '../../../src/crypto/encoding';
import { hkdfSha256 } from '../../../src/crypto/hkdf';
import { readVectors } from './vectors';

interface HkdfVector {
  tcId: number;
  comment: string;
  flags: string[];
  ikm: string;
  salt: string;
  info: string;
  size: number;
  okm: string;
  result: string;
}

const rfc = readVectors<{ tests: (HkdfVector & { algorithm: string })[] }>('rfc5869-hkdf.json');

describe('RFC 5869 Appendix A (SHA-256 cases A.1-A.3)', () => {
  const cases = rfc.tests.filter((t) => t.algorithm === 'HKDF-SHA-256');

  it('has the three SHA-256 cases', () => {
    expect(cases).toHaveLength(3);
  });

  for (const t of cases) {
    it(`case ${t.tcId}: ${t.size}-byte OKM`, () => {
      expect(toHex(hkdfSha256(fromHex(t.ikm), fromHex(t.salt), fromHex(t.info), t.size))).toBe(t.okm);
    });
  }
});

const wycheproof = readVectors<{
  algorithm: string;
  numberOfTests: number;
  testGroups: { tests: HkdfVector[] }[];
}>('wycheproof', 'hkdf_sha256_test.json');

describe('Wycheproof hkdf_sha256_test', () => {
  const vectors = wycheproof.testGroups.flatMap((g) => g.tests);

  it('is the HKDF-SHA-256 file and every test is present', () => {
    expect(wycheproof.algorithm).toBe('HKDF-SHA-256');
    expect(vectors.length).toBe(wycheproof.numberOfTests);
    expect(vectors.length).toBeGreaterThan(80);
  });

  for (const v of vectors) {
    it(`tcId ${v.tcId} [${v.flags.join(',')}] ${v.result}: size ${v.size}`, () => {
      const derive = () => hkdfSha256(fromHex(v.ikm), fromHex(v.salt), fromHex(v.info), v.size);
      if (v.result === 'valid') {
        expect(toHex(derive())).toBe(v.okm);
      } else {
        expect(v.result).toBe('invalid');
        expect(derive).toThrow(RangeError);
      }
    });
  }
});

describe('hkdfSha256 properties and input checks', () => {
  const ikm = fromHex('0b'.repeat(22));

  it('treats an empty salt as HashLen zero bytes (RFC 5869 §2.2)', () => {
    const info = new Uint8Array([1, 2, 3]);
    expect(hkdfSha256(ikm, new Uint8Array(0), info, 42)).toEqual(
      hkdfSha256(ikm, new Uint8Array(32), info, 42),
    );
  });

  it('gives unrelated keys for different info labels', () => {
    const salt = new Uint8Array(0);
    const a = hkdfSha256(ikm, salt, new TextEncoder().encode('a'), 32);
    const b = hkdfSha256(ikm, salt, new TextEncoder().encode('b'), 32);
    expect(toHex(a)).not.toBe(toHex(b));
  });

  it('accepts exactly 8160 bytes and rejects 0, 8161 and non-integers', () => {
    const empty = new Uint8Array(0);
    expect(hkdfSha256(ikm, empty, empty, 8160)).toHaveLength(8160);
    expect(() => hkdfSha256(ikm, empty, empty, 0)).toThrow(RangeError);
    expect(() => hkdfSha256(ikm, empty, empty, 8161)).toThrow(/hkdf length must be between 1 and 8160/);
    expect(() => hkdfSha256(ikm, empty, empty, 1.5)).toThrow(TypeError);
  });

  it('rejects non-byte inputs with TypeError naming the argument', () => {
    const empty = new Uint8Array(0);
    expect(() => hkdfSha256('key' as unknown as Uint8Array, empty, empty, 32)).toThrow(/hkdf ikm/);
    expect(() => hkdfSha256(ikm, undefined as unknown as Uint8Array, empty, 32)).toThrow(/hkdf salt/);
    expect(() => hkdfSha256(ikm, empty, 'info' as unknown as Uint8Array, 32)).toThrow(/hkdf info/);
  });
});
