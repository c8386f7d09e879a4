// Page side of the KDF metrics: the same interleaved comparison as in Node (bench/lib/kdf-pair.ts),
// run in Chromium's V8, with the argon2id package's SIMD build fetched from this page's origin.

import simdWasmUrl from 'argon2id/dist/simd.wasm?url';
import { loadPeerArgon2id, timeKdfPair } from '../lib/kdf-pair';
import type { SampleOptions } from '../lib/sampling';
import type { KdfPairResult } from './api';

export async function kdfPair(options: SampleOptions): Promise<KdfPairResult> {
  const response = await fetch(simdWasmUrl);
  if (!response.ok) throw new Error(`could not load ${simdWasmUrl}: HTTP ${response.status}`);
  const peer = await loadPeerArgon2id(new Uint8Array(await response.arrayBuffer()));
  return timeKdfPair(peer, options);
}
