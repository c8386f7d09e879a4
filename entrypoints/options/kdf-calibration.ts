/**
 * "About N ms on this device": how long one Argon2id derivation takes at a given cost, measured by
 * running it once in a dedicated worker with a throwaway password. Each measurement gets a fresh
 * worker, ended afterwards, so the (up to hundreds of MiB of) Argon2 memory is returned at once.
 */

import type { KdfCost } from '../../src/vault/wrappers';

export interface KdfPreset {
  id: 'light' | 'standard' | 'strong' | 'strongest';
  memoryKiB: number;
  iterations: number;
  parallelism: number;
}

/**
 * Standard is DEFAULT_KDF (RFC 9106 §4 second recommendation, 64 MiB, t=3, p=4). Lighter stays
 * above KDF_FLOOR (OWASP's minimum) for slow devices; the stronger ones multiply memory and time.
 */
export const KDF_PRESETS: readonly KdfPreset[] = [
  { id: 'light', memoryKiB: 32768, iterations: 3, parallelism: 4 },
  { id: 'standard', memoryKiB: 65536, iterations: 3, parallelism: 4 },
  { id: 'strong', memoryKiB: 131072, iterations: 3, parallelism: 4 },
  { id: 'strongest', memoryKiB: 262144, iterations: 4, parallelism: 4 },
];

export function sameCost(a: Required<KdfCost>, b: Required<KdfCost>): boolean {
  return a.memoryKiB === b.memoryKiB && a.iterations === b.iterations && a.parallelism === b.parallelism;
}

/** Milliseconds for one derivation at `cost` on this device. Rejects if the worker fails. */
export function measureKdfMs(cost: Required<KdfCost>): Promise<number> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./kdf-calibration.worker.ts', import.meta.url), { type: 'module' });
    const done = () => worker.terminate();
    worker.onmessage = (event: MessageEvent<{ ms?: number; error?: string }>) => {
      done();
      if (typeof event.data.ms === 'number') resolve(event.data.ms);
      else reject(new Error(event.data.error ?? 'measurement failed'));
    };
    worker.onerror = (event) => {
      done();
      reject(new Error(event.message || 'measurement worker failed'));
    };
    worker.postMessage({
      memoryKiB: cost.memoryKiB,
      iterations: cost.iterations,
      parallelism: cost.parallelism,
    });
  });
}
