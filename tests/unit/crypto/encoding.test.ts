// Encodings (src/crypto/encoding.ts): RFC 4648 §10 test vectors, agreement with Node's
// Buffer as an independent reference, and strict rejection of malformed input.

import { describe, expect, it } from 'vitest';
import {
  concatBytes,
  fromBase64,
  fromHex,
  toBase64,
  toHex,
  utf8Decode,
  utf8Encode,
  wipe,
} from '../../../src/crypto/encoding';
import { randomBytes } from '../../../src/crypto/random';

const ascii = (s: string) => new Uint8Array(Buffer.from(s, 'latin1'));

describe('base64 (RFC 4648 §4)', () => {
  // RFC 4648 §10 test vectors.
  it.each([
    ['', ''],
    ['f', 'Zg=='],
    ['fo', 'Zm8='],
    ['foo', 'Zm9v'],
    ['foob', 'Zm9vYg=='],
    ['fooba', 'Zm9vYmE='],
    ['foobar', 'Zm9vYmFy'],
  ])('RFC 4648 §10: "%s" <-> "%s"', (plain, encoded) => {
    expect(toBase64(ascii(plain))).toBe(encoded);
    expect(fromBase64(encoded)).toEqual(ascii(plain));
  });

  it('agrees with Node Buffer for every length 0..300 and uses all 64 symbols', () => {
    const symbols = new Set<string>();
    for (let n = 0; n <= 300; n++) {
      const bytes = randomBytes(n);
      const encoded = toBase64(bytes);
      expect(encoded).toBe(Buffer.from(bytes).toString('base64'));
      expect(fromBase64(encoded)).toEqual(bytes);
      for (const c of encoded.replace(/=/g, '')) symbols.add(c);
    }
    expect(symbols.size).toBe(64);
  });

  it('round-trips every byte value', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(fromBase64(toBase64(all))).toEqual(all);
  });

  it.each([
    ['missing padding', 'Zg'],
    ['short padding', 'Zg='],
    ['excess padding', 'Z==='],
    ['padding in the middle', 'Zg==Zm9v'],
    ['leading padding', '=Zm9'],
    ['whitespace', 'Zm9v\n'],
    ['inner space', 'Zm 9v'],
    ['URL-safe alphabet', 'Zm-_'],
    ['non-ASCII', 'Zm9é'],
    ['non-canonical pad bits (2 pad)', 'Zh=='],
    ['non-canonical pad bits (1 pad)', 'Zm9='],
    ['only padding', '===='],
  ])('rejects %s (%j)', (_label, bad) => {
    expect(() => fromBase64(bad)).toThrow(SyntaxError);
  });

  it('rejects non-string and non-bytes arguments with TypeError', () => {
    expect(() => fromBase64(42 as unknown as string)).toThrow(TypeError);
    expect(() => toBase64('abc' as unknown as Uint8Array)).toThrow(TypeError);
  });
});

describe('hex (RFC 4648 §8)', () => {
  it('RFC 4648 §10: "foobar" <-> 666F6F626172 (output lowercase, input either case)', () => {
    expect(toHex(ascii('foobar'))).toBe('666f6f626172');
    expect(fromHex('666F6F626172')).toEqual(ascii('foobar'));
    expect(fromHex('666f6f626172')).toEqual(ascii('foobar'));
  });

  it('agrees with Node Buffer on every byte value', () => {
    const all = Uint8Array.from({ length: 256 }, (_, i) => i);
    expect(toHex(all)).toBe(Buffer.from(all).toString('hex'));
    expect(fromHex(toHex(all))).toEqual(all);
    expect(fromHex('')).toEqual(new Uint8Array(0));
  });

  it.each([['abc'], ['0g'], ['zz'], [' 0'], ['0x00'], ['é0'], ['00\n'], ['0 '], ['+1']])(
    'rejects %j',
    (bad) => {
      expect(() => fromHex(bad)).toThrow(SyntaxError);
    },
  );

  it('says what is wrong without repeating the input (which may be a key)', () => {
    const secret = `${'ab'.repeat(15)}zq`;
    expect(() => fromHex(secret)).toThrow(/fromHex: a character is not a hex digit/);
    expect(() => fromHex('abc')).toThrow('fromHex: odd length 3');
    for (const bad of [secret, `${secret}0`]) {
      try {
        fromHex(bad);
      } catch (err) {
        expect((err as Error).message).not.toContain('zq');
      }
    }
    expect(() => fromHex(42 as unknown as string)).toThrow(TypeError);
    expect(() => toHex('ab' as unknown as Uint8Array)).toThrow(TypeError);
  });
});

describe('UTF-8', () => {
  it('round-trips text including astral characters and a leading BOM', () => {
    for (const s of ['', 'ascii', 'pässwörd', '日本語', '🔐 key', '\ufeffbom kept']) {
      expect(utf8Decode(utf8Encode(s))).toBe(s);
    }
    expect(utf8Encode('€')).toEqual(new Uint8Array([0xe2, 0x82, 0xac]));
    expect(utf8Encode('🔐')).toEqual(new Uint8Array([0xf0, 0x9f, 0x94, 0x90]));
  });

  it.each([
    ['a stray continuation byte', [0x80]],
    ['an invalid byte', [0xff]],
    ['an overlong NUL', [0xc0, 0x80]],
    ['an encoded surrogate', [0xed, 0xa0, 0x80]],
    ['a truncated sequence', [0xe2, 0x82]],
    ['a code point above U+10FFFF', [0xf4, 0x90, 0x80, 0x80]],
  ])('decoding rejects %s', (_label, bytes) => {
    expect(() => utf8Decode(new Uint8Array(bytes))).toThrow(TypeError);
  });

  it.each([['\ud800'], ['a\udc00b'], ['\ude00\ud83d']])(
    'encoding rejects the unpaired surrogate in %j',
    (s) => {
      expect(() => utf8Encode(s)).toThrow(/unpaired UTF-16 surrogate/);
    },
  );
});

describe('concatBytes and wipe', () => {
  it('concatenates without modifying the parts', () => {
    const a = new Uint8Array([1, 2]);
    const b = new Uint8Array(0);
    const c = new Uint8Array([3]);
    const out = concatBytes(a, b, c);
    expect(out).toEqual(new Uint8Array([1, 2, 3]));
    out[0] = 9;
    expect(a[0]).toBe(1);
    expect(concatBytes()).toEqual(new Uint8Array(0));
  });

  it('concatenates subarray views by their visible bytes only', () => {
    const backing = new Uint8Array([0, 1, 2, 3, 4]);
    expect(concatBytes(backing.subarray(1, 3), backing.subarray(4))).toEqual(new Uint8Array([1, 2, 4]));
  });

  it('wipe zeroes every buffer it is given, in place', () => {
    const a = new Uint8Array([1, 2, 3]);
    const backing = new Uint8Array([5, 6, 7, 8]);
    wipe(a, backing.subarray(1, 3));
    expect(a).toEqual(new Uint8Array(3));
    expect(backing).toEqual(new Uint8Array([5, 0, 0, 8]));
  });

  it('rejects non-byte arguments', () => {
    expect(() => concatBytes(new Uint8Array(1), [1] as unknown as Uint8Array)).toThrow(/concatBytes part 1/);
    expect(() => wipe('secret' as unknown as Uint8Array)).toThrow(TypeError);
  });
});

describe('base64url (RFC 4648 §5)', () => {
  it('round-trips without padding and refuses the standard alphabet', async () => {
    const { toBase64Url, fromBase64Url } = await import('../../../src/crypto/encoding');
    for (const n of [0, 1, 2, 3, 31, 32, 33]) {
      const b = Uint8Array.from({ length: n }, (_, i) => (i * 97 + 251) & 0xff);
      const s = toBase64Url(b);
      expect(s).not.toMatch(/[+/=]/);
      expect(fromBase64Url(s)).toEqual(b);
    }
    expect(toBase64Url(new Uint8Array([0xfb, 0xff]))).toBe('-_8');
    expect(() => fromBase64Url('+/8')).toThrow(SyntaxError);
  });
});
