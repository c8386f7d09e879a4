// Password names (src/health/ratings.ts withPasswordNames): the keyed HMAC state is built once and
// copied per password; each name must equal a fresh HMAC-SHA-256 of that password alone (no state
// carried from the previous one), and the keyed state must be unusable once `use` returns.
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { withPasswordNames } from '../../../src/health/ratings';

const MAC = Uint8Array.from({ length: 32 }, (_, i) => i * 7 + 1);
const fresh = (password: string) => bytesToHex(hmac(sha256, MAC, utf8ToBytes(password)).subarray(0, 16));

describe('withPasswordNames', () => {
  it('names each password as its own HMAC-SHA-256, whatever came before (short, long, repeated, non-ASCII)', () => {
    const passwords = [
      'a',
      'x'.repeat(63),
      'y'.repeat(64),
      'z'.repeat(200), // longer than a block: several compressions
      'a', // again, after longer ones
      'pässwörd 🔑',
      '',
    ];
    const names = withPasswordNames(MAC, (nameOf) => passwords.map(nameOf));
    expect(names).toEqual(passwords.map(fresh));
    expect(names[0]).toBe(names[4]);
    expect(names[0]).toMatch(/^[0-9a-f]{32}$/);
  });

  it('another key gives other names', () => {
    const other = MAC.map((b) => b ^ 1);
    const [a, b] = [MAC, other].map((key) => withPasswordNames(key, (nameOf) => nameOf('same password')));
    expect(a).not.toBe(b);
  });

  it('the keyed state is destroyed when `use` returns: a name asked for later throws', () => {
    let kept: ((password: string) => string) | undefined;
    withPasswordNames(MAC, (nameOf) => {
      nameOf('warm');
      kept = nameOf;
    });
    expect(() => kept!('late')).toThrow();
  });
});
