import { describe, expect, it } from 'vitest';
import { equalSecretBytes, equalSecretText } from '../../../src/crypto/compare';

describe('constant-time comparison (src/crypto/compare.ts)', () => {
  it('compares bytes: equal, one bit apart anywhere, other lengths', () => {
    const key = Uint8Array.from({ length: 32 }, (_, i) => i);
    expect(equalSecretBytes(key, key.slice())).toBe(true);
    for (const at of [0, 15, 31]) {
      const other = key.slice();
      other[at]! ^= 1;
      expect(equalSecretBytes(key, other)).toBe(false);
    }
    expect(equalSecretBytes(key, key.subarray(0, 31))).toBe(false);
    expect(equalSecretBytes(new Uint8Array(0), new Uint8Array(0))).toBe(true);
  });

  it('compares tokens as text', () => {
    expect(equalSecretText('AbCdEfGhIjKlMnOpQrStUv', 'AbCdEfGhIjKlMnOpQrStUv')).toBe(true);
    expect(equalSecretText('AbCdEfGhIjKlMnOpQrStUv', 'AbCdEfGhIjKlMnOpQrStUw')).toBe(false);
    expect(equalSecretText('AbCdEfGhIjKlMnOpQrStUv', 'abCdEfGhIjKlMnOpQrStUv')).toBe(false);
    expect(equalSecretText('abc', 'abcd')).toBe(false);
    expect(equalSecretText('', '')).toBe(true);
  });

  it('refuses what is not bytes or text, instead of answering false', () => {
    expect(() => equalSecretBytes('abc' as unknown as Uint8Array, new Uint8Array(3))).toThrow(TypeError);
    expect(() => equalSecretText(undefined as unknown as string, 'a')).toThrow(TypeError);
  });
});
