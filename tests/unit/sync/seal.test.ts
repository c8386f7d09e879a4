import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DecryptError } from '../../../src/crypto/aead';
import { randomBytes } from '../../../src/crypto/random';
import { MIN_PADDED, openObject, pad, padme, sealObject, unpad } from '../../../src/sync/seal';

describe('sync objects: padded and sealed', () => {
  it('Padmé never shrinks, adds at most 12% and leaves few distinct sizes', () => {
    // The 12% bound holds from the smallest padded size up (MIN_PADDED); below it, Padmé's rounding
    // step can be a quarter of the length (8 -> 10), and pad() never produces such sizes anyway.
    fc.assert(
      fc.property(fc.integer({ min: MIN_PADDED, max: 50_000_000 }), (n) => {
        const p = padme(n);
        expect(p).toBeGreaterThanOrEqual(n);
        expect(p - n).toBeLessThanOrEqual(Math.ceil(n * 0.12));
      }),
    );
    const sizes = new Set(Array.from({ length: 10_000 }, (_, i) => pad(new Uint8Array(i + 1000)).length));
    expect(sizes.size).toBeLessThan(250); // 10,000 lengths fall into a few hundred sizes
    expect(pad(new Uint8Array(3)).length).toBe(MIN_PADDED);
  });

  it('pad and unpad round-trip; a length beyond the body is refused', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 3000 }), (b) => {
        expect(unpad(pad(b))).toEqual(b);
      }),
    );
    const bad = pad(new Uint8Array(10));
    new DataView(bad.buffer).setUint32(0, bad.length);
    expect(() => unpad(bad)).toThrow(DecryptError);
  });

  it('an object opens only under its own vault, kind and name, and not when cut short or altered', () => {
    const key = randomBytes(32);
    const body = sealObject(key, 'vault-1', 'batch', 'b-1', { hello: 'world' });
    expect(openObject(key, 'vault-1', 'batch', 'b-1', body)).toEqual({ hello: 'world' });
    expect(() => openObject(key, 'vault-2', 'batch', 'b-1', body)).toThrow(DecryptError);
    expect(() => openObject(key, 'vault-1', 'snapshot', 'b-1', body)).toThrow(DecryptError);
    expect(() => openObject(key, 'vault-1', 'batch', 'b-2', body)).toThrow(DecryptError);
    expect(() => openObject(key, 'vault-1', 'batch', 'b-1', body.slice(0, body.length - 1))).toThrow(
      DecryptError,
    );
    const flipped = body.slice();
    flipped[40]! ^= 1;
    expect(() => openObject(key, 'vault-1', 'batch', 'b-1', flipped)).toThrow(DecryptError);
    expect(() => openObject(randomBytes(32), 'vault-1', 'batch', 'b-1', body)).toThrow(DecryptError);
  });
});
