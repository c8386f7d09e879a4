// Times Tessera's Argon2id (deriveKeyFromPassword, hash-wasm) against the openpgp `argon2id` package
// (WebAssembly with SIMD) at DEFAULT_KDF, interleaved in one loop. Runs in Node and in the bench page.
//
// Safety fact: every round checks that both produced the same 32 bytes, so the two timings are
// always of the same computation (same password bytes, salt, m, t, p); a mismatch aborts the bench.

import type { computeHash } from 'argon2id';
import setupWasm from 'argon2id/lib/setup.js';
import { utf8Encode } from '../../src/crypto/encoding';
import { DEFAULT_KDF, deriveKeyFromPassword, newKdfParams } from '../../src/crypto/kdf';
import { type SampleOptions, sampleInterleaved } from './sampling';

const PASSWORD = 'correct horse battery staple';
const KEY_BYTES = 32;

/**
 * The package's SIMD build only. Its own loader silently falls back to the slower non-SIMD build;
 * here that fallback throws instead, so a peer number is never a non-SIMD number by accident.
 */
export async function loadPeerArgon2id(simdWasm: Uint8Array<ArrayBuffer>): Promise<computeHash> {
  if (!WebAssembly.validate(simdWasm)) {
    throw new Error('this runtime cannot compile the argon2id package’s SIMD build');
  }
  return setupWasm(
    (imports) => WebAssembly.instantiate(simdWasm, imports),
    () => {
      throw new Error('the argon2id package fell back to its non-SIMD build');
    },
  );
}

export interface KdfPairTimes {
  ours: number[];
  peer: number[];
}

export async function timeKdfPair(peer: computeHash, options: SampleOptions): Promise<KdfPairTimes> {
  // newKdfParams() with no overrides is DEFAULT_KDF plus a fresh 16-byte salt, as for a new vault.
  const params = newKdfParams();
  if (
    params.memoryKiB !== DEFAULT_KDF.memoryKiB ||
    params.iterations !== DEFAULT_KDF.iterations ||
    params.parallelism !== DEFAULT_KDF.parallelism
  ) {
    throw new Error('newKdfParams() no longer returns DEFAULT_KDF');
  }
  // deriveKeyFromPassword hashes the NFC form's UTF-8 bytes; the peer gets exactly those bytes.
  const passwordBytes = utf8Encode(PASSWORD.normalize('NFC'));
  let ours: Uint8Array = new Uint8Array(0);
  let theirs: Uint8Array = new Uint8Array(0);
  return sampleInterleaved(
    {
      ours: async () => {
        ours = await deriveKeyFromPassword(PASSWORD, params);
      },
      peer: () => {
        theirs = peer({
          password: passwordBytes,
          salt: params.salt,
          parallelism: params.parallelism,
          passes: params.iterations,
          memorySize: params.memoryKiB,
          tagLength: KEY_BYTES,
        });
      },
    },
    options,
    () => {
      if (
        ours.length !== KEY_BYTES ||
        ours.length !== theirs.length ||
        ours.some((x, i) => x !== theirs[i])
      ) {
        throw new Error('hash-wasm and the argon2id package returned different keys for the same input');
      }
    },
  );
}
