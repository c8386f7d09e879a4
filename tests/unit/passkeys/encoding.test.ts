// The byte encodings an authenticator writes: deterministic CBOR (RFC 8949 Appendix A vectors) and
// the ES256 signature in DER (WebAuthn §6.5.5), checked by Node's own ECDSA verifier.
import { createPublicKey, verify } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { toHex } from '../../../src/crypto/encoding';
import { aaguidBytes, TESSERA_AAGUID } from '../../../src/passkeys/authenticator-data';
import { type CborValue, encodeCbor } from '../../../src/passkeys/cbor';
import { generateEs256, p1363ToDer, signEs256 } from '../../../src/passkeys/es256';

describe('encodeCbor', () => {
  // RFC 8949 Appendix A: value -> encoding, for the types an authenticator uses.
  const vectors: [CborValue, string][] = [
    [0, '00'],
    [10, '0a'],
    [23, '17'],
    [24, '1818'],
    [100, '1864'],
    [1000, '1903e8'],
    [1000000, '1a000f4240'],
    [1000000000000, '1b000000e8d4a51000'],
    [-1, '20'],
    [-10, '29'],
    [-100, '3863'],
    [-1000, '3903e7'],
    ['', '60'],
    ['a', '6161'],
    ['IETF', '6449455446'],
    ['\u00fc', '62c3bc'],
    ['\u6c34', '63e6b0b4'],
    [new Uint8Array(), '40'],
    [Uint8Array.of(1, 2, 3, 4), '4401020304'],
    [new Map(), 'a0'],
    [
      new Map<number, number>([
        [1, 2],
        [3, 4],
      ]),
      'a201020304',
    ],
  ];
  it.each(vectors)('encodes %o as %s', (value, hex) => {
    expect(toHex(encodeCbor(value))).toBe(hex);
  });

  it('sorts map keys by their encoded bytes (deterministic encoding, CTAP2 canonical form)', () => {
    // A COSE key written in the "wrong" order comes out 1, 3, -1, -2, -3.
    const key = new Map<number, CborValue>([
      [-3, Uint8Array.of(2)],
      [-1, 1],
      [3, -7],
      [-2, Uint8Array.of(1)],
      [1, 2],
    ]);
    expect(toHex(encodeCbor(key))).toBe('a5010203262001214101224102');
    // Text keys: shorter first, then bytewise ("fmt" < "attStmt" < "authData").
    const attestation = new Map<string, CborValue>([
      ['authData', new Uint8Array()],
      ['attStmt', new Map()],
      ['fmt', 'none'],
    ]);
    const encoded = toHex(encodeCbor(attestation));
    expect(encoded.indexOf(toHex(encodeCbor('fmt')))).toBeLessThan(
      encoded.indexOf(toHex(encodeCbor('attStmt'))),
    );
    expect(encoded.indexOf(toHex(encodeCbor('attStmt')))).toBeLessThan(
      encoded.indexOf(toHex(encodeCbor('authData'))),
    );
  });

  it('refuses numbers CBOR integers cannot carry here', () => {
    expect(() => encodeCbor(1.5)).toThrow(RangeError);
    expect(() => encodeCbor(2 ** 60)).toThrow(RangeError);
  });
});

describe('ES256 signatures', () => {
  it('are DER that an independent ECDSA verifier accepts', async () => {
    const keys = await generateEs256();
    const data = new TextEncoder().encode('authenticatorData || hash');
    for (let i = 0; i < 20; i++) {
      const der = await signEs256(keys.privateKey, data);
      const publicKey = createPublicKey({ key: Buffer.from(keys.spki), format: 'der', type: 'spki' });
      expect(verify('sha256', data, { key: publicKey, dsaEncoding: 'der' }, der)).toBe(true);
    }
  });

  it('p1363ToDer trims leading zeros and pads a high bit, as X.690 requires', () => {
    const r = new Uint8Array(32);
    r[31] = 1; // r = 1: one content byte
    const s = new Uint8Array(32).fill(0xff); // high bit set: a 0x00 is prepended
    const der = p1363ToDer(Uint8Array.from([...r, ...s]));
    expect(toHex(der)).toBe(`3026020101022100${'ff'.repeat(32)}`);
    expect(() => p1363ToDer(new Uint8Array(63))).toThrow(RangeError);
  });
});

describe('Tessera AAGUID', () => {
  it('is a version 4 UUID whose bytes are the ones written into authenticator data', () => {
    expect(TESSERA_AAGUID).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(toHex(aaguidBytes())).toBe(TESSERA_AAGUID.replaceAll('-', ''));
  });
});
