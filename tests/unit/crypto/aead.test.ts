// XChaCha20-Poly1305 (src/crypto/aead.ts): published known answers (draft-irtf-cfrg-xchacha
// A.3.1, Wycheproof xchacha20_poly1305_test), then the properties callers rely on: round
// trip, fresh nonces, and DecryptError for every kind of tampering or truncation.

import { describe, expect, it } from 'vitest';
import { DecryptError, KEY_BYTES, NONCE_BYTES, open, seal, sealWithNonce } from '../../../src/crypto/aead';
import { concatBytes, fromHex, toHex, utf8Encode } from '../../../src/crypto/encoding';
import { randomBytes } from '../../../src/crypto/random';
import { readVectors } from './vectors';

interface AeadVector {
  tcId: number;
  comment: string;
  flags: string[];
  key: string;
  iv: string;
  aad: string;
  msg: string;
  ct: string;
  tag: string;
  result: string;
}

/** Checks a vector both ways: encryption gives ct||tag, and open() of iv||ct||tag gives msg. */
function checkValid(v: AeadVector): void {
  const key = fromHex(v.key);
  const iv = fromHex(v.iv);
  const aad = fromHex(v.aad);
  expect(toHex(sealWithNonce(key, iv, fromHex(v.msg), aad))).toBe(v.ct + v.tag);
  expect(toHex(open(key, fromHex(v.iv + v.ct + v.tag), aad))).toBe(v.msg);
}

const draft = readVectors<{ tests: AeadVector[] }>('xchacha20poly1305-draft-A.3.1.json');

describe('draft-irtf-cfrg-xchacha A.3.1 test vector', () => {
  it('contains the single A.3.1 vector', () => {
    expect(draft.tests).toHaveLength(1);
    expect(draft.tests[0]?.result).toBe('valid');
  });
  for (const v of draft.tests) {
    it(`tcId ${v.tcId} (${v.comment}) encrypts and decrypts to the published values`, () => {
      checkValid(v);
    });
  }
});

const wycheproof = readVectors<{
  algorithm: string;
  numberOfTests: number;
  testGroups: { ivSize: number; keySize: number; tagSize: number; tests: AeadVector[] }[];
}>('wycheproof', 'xchacha20_poly1305_test.json');

describe('Wycheproof xchacha20_poly1305_test', () => {
  const vectors = wycheproof.testGroups.flatMap((g) => g.tests);

  it('is the XChaCha20-Poly1305 file and every test is present', () => {
    expect(wycheproof.algorithm).toBe('XCHACHA20-POLY1305');
    expect(vectors.length).toBe(wycheproof.numberOfTests);
    expect(vectors.length).toBeGreaterThan(300);
  });

  for (const v of vectors) {
    it(`tcId ${v.tcId} [${v.flags.join(',')}] ${v.result}: ${v.comment}`, () => {
      if (v.result === 'valid') {
        checkValid(v);
        return;
      }
      // Only 'valid' and 'invalid' occur in this file; anything else needs a decision.
      expect(v.result).toBe('invalid');
      const key = fromHex(v.key);
      const iv = fromHex(v.iv);
      const aad = fromHex(v.aad);
      if (iv.length !== NONCE_BYTES) {
        // A wrong-size nonce is a programmer error at the door of sealWithNonce...
        expect(() => sealWithNonce(key, iv, fromHex(v.msg), aad)).toThrow(RangeError);
      }
      // ...and sealed data built from it, like any modified tag, must not open.
      expect(() => open(key, fromHex(v.iv + v.ct + v.tag), aad)).toThrow(DecryptError);
    });
  }
});

describe('seal / open', () => {
  const key = randomBytes(KEY_BYTES);
  const aad = utf8Encode('tessera/test/v1');

  it.each([0, 1, 15, 16, 17, 64, 1000, 70000])('round-trips a %i-byte plaintext', (n) => {
    const plaintext = randomBytes(n);
    const sealed = seal(key, plaintext, aad);
    expect(sealed.length).toBe(NONCE_BYTES + n + 16);
    expect(toHex(open(key, sealed, aad))).toBe(toHex(plaintext));
  });

  it('lays out nonce || ciphertext || tag, with the nonce used as given', () => {
    const plaintext = utf8Encode('correct horse battery staple');
    const sealed = seal(key, plaintext, aad);
    const nonce = sealed.subarray(0, NONCE_BYTES);
    expect(toHex(sealWithNonce(key, nonce, plaintext, aad))).toBe(toHex(sealed.subarray(NONCE_BYTES)));
  });

  it('uses a fresh nonce for every seal', () => {
    const plaintext = utf8Encode('same message');
    const nonces = new Set<string>();
    for (let i = 0; i < 50; i++) nonces.add(toHex(seal(key, plaintext, aad).subarray(0, NONCE_BYTES)));
    expect(nonces.size).toBe(50);
  });

  it('does not modify its inputs', () => {
    const plaintext = utf8Encode('do not touch');
    const keyCopy = key.slice();
    const plainCopy = plaintext.slice();
    const sealed = seal(key, plaintext, aad);
    const sealedCopy = sealed.slice();
    open(key, sealed, aad);
    expect(key).toEqual(keyCopy);
    expect(plaintext).toEqual(plainCopy);
    expect(sealed).toEqual(sealedCopy);
  });
});

describe('open rejects with DecryptError', () => {
  const key = randomBytes(KEY_BYTES);
  const aad = utf8Encode('vault-header');
  const sealed = seal(key, randomBytes(32), aad);

  it('a wrong key', () => {
    expect(() => open(randomBytes(KEY_BYTES), sealed, aad)).toThrow(DecryptError);
  });

  it.each([
    ['different aad', utf8Encode('vault-headeR')],
    ['empty aad', new Uint8Array(0)],
    ['aad with an extra byte', concatBytes(aad, new Uint8Array([0]))],
  ])('%s', (_label, wrongAad) => {
    expect(() => open(key, sealed, wrongAad)).toThrow(DecryptError);
  });

  it('a single flipped bit in any byte of nonce, ciphertext or tag', () => {
    for (let i = 0; i < sealed.length; i++) {
      const tampered = sealed.slice();
      tampered[i]! ^= 0x01;
      expect(() => open(key, tampered, aad), `byte ${i}`).toThrow(DecryptError);
    }
  });

  it('every truncation, including too short to hold nonce and tag', () => {
    for (let n = 0; n < sealed.length; n++) {
      expect(() => open(key, sealed.subarray(0, n), aad), `length ${n}`).toThrow(DecryptError);
    }
    // Input that cannot even hold a nonce and a tag is refused before any decryption attempt.
    for (let n = 0; n < NONCE_BYTES + 16; n++) {
      expect(() => open(key, sealed.subarray(0, n), aad), `length ${n}`).toThrow(/shorter than nonce \+ tag/);
    }
  });

  it('an appended byte', () => {
    expect(() => open(key, concatBytes(sealed, new Uint8Array([0])), aad)).toThrow(DecryptError);
  });

  it('is an Error named DecryptError', () => {
    try {
      open(key, sealed.subarray(1), aad);
      expect.unreachable('open should have thrown');
    } catch (e) {
      expect(e).toBeInstanceOf(Error);
      expect((e as Error).name).toBe('DecryptError');
    }
  });
});

describe('input checks at the door (programmer errors, not DecryptError)', () => {
  const aad = new Uint8Array(0);
  const pt = new Uint8Array(4);

  it.each([31, 33, 0])('rejects a %i-byte key with RangeError', (n) => {
    const badKey = new Uint8Array(n);
    expect(() => seal(badKey, pt, aad)).toThrow(RangeError);
    expect(() => open(badKey, new Uint8Array(64), aad)).toThrow(RangeError);
    expect(() => sealWithNonce(badKey, new Uint8Array(NONCE_BYTES), pt, aad)).toThrow(
      /aead key must be 32 bytes/,
    );
  });

  it.each([12, 23, 25])('sealWithNonce rejects a %i-byte nonce with RangeError', (n) => {
    expect(() => sealWithNonce(new Uint8Array(KEY_BYTES), new Uint8Array(n), pt, aad)).toThrow(
      /aead nonce must be 24 bytes/,
    );
  });

  it('rejects non-byte arguments with TypeError', () => {
    const key = new Uint8Array(KEY_BYTES);
    expect(() => seal(key, 'text' as unknown as Uint8Array, aad)).toThrow(TypeError);
    expect(() => seal(key, pt, undefined as unknown as Uint8Array)).toThrow(TypeError);
    expect(() => open(key, [1, 2, 3] as unknown as Uint8Array, aad)).toThrow(TypeError);
  });
});
