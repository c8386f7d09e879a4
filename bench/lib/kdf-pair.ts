// Times Tessera's Argon2id (deriveKeyFromPassword, whichever engine src/crypto/argon2id-engine.ts
// chose), the hash-wasm engine on its own (the fallback, and what every unlock ran before issue 18)
// and the openpgp `argon2id` package's own loader (WebAssembly with SIMD) at DEFAULT_KDF, interleaved
// in one loop. Runs in Node and in the bench page.
//
// Safety fact: every round checks that all three produced the same 32 bytes, so the timings are
// always of the same computation (same password bytes, salt, m, t, p); a mismatch aborts the bench.

import type { computeHash } from 'argon2id';
import setupWasm from 'argon2id/lib/setup.js';
import { hashWasmEngine } from '../../src/crypto/argon2id-engine';
import { utf8Encode } from '../../src/crypto/encoding';
import {
  DEFAULT_KDF,
  deriveKeyFromPassword,
  KDF_MEASURE,
  type KdfMeasureDetail,
  newKdfParams,
} from '../../src/crypto/kdf';
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
  /** deriveKeyFromPassword, ms per call. */
  ours: number[];
  /** The hash-wasm engine alone, ms per call. */
  fallback: number[];
  /** The argon2id package (SIMD build, its own loader), ms per call. */
  peer: number[];
  /** The engine deriveKeyFromPassword ran, as its `tessera:argon2id` measure says. */
  engine: KdfMeasureDetail['engine'];
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
  let fallback: Uint8Array = new Uint8Array(0);
  let theirs: Uint8Array = new Uint8Array(0);
  const times = await sampleInterleaved(
    {
      ours: async () => {
        ours = await deriveKeyFromPassword(PASSWORD, params);
      },
      fallback: async () => {
        fallback = await hashWasmEngine.hash({
          password: passwordBytes,
          salt: params.salt,
          memoryKiB: params.memoryKiB,
          iterations: params.iterations,
          parallelism: params.parallelism,
          hashLength: KEY_BYTES,
        });
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
      const same = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);
      if (ours.length !== KEY_BYTES || !same(ours, theirs) || !same(fallback, theirs)) {
        throw new Error(
          'Tessera, hash-wasm and the argon2id package returned different keys for the same input',
        );
      }
    },
  );
  const measure = performance.getEntriesByName(KDF_MEASURE).at(-1) as PerformanceMeasure | undefined;
  const engine = (measure?.detail as KdfMeasureDetail | undefined)?.engine;
  if (!engine) throw new Error(`deriveKeyFromPassword left no ${KDF_MEASURE} measure naming its engine`);
  return { ...times, engine };
}
