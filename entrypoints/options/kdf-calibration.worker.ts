/**
 * Times one Argon2id derivation at a given cost, off the page's main thread, so the options page
 * stays responsive while it measures. The password and salt are throwaway values: nothing derived
 * here protects anything.
 */

import { wipe } from '../../src/crypto/encoding';
import { deriveKeyFromPassword, newKdfParams } from '../../src/crypto/kdf';

interface Cost {
  memoryKiB: number;
  iterations: number;
  parallelism: number;
}

self.onmessage = async (event: MessageEvent<Cost>) => {
  try {
    const params = newKdfParams(event.data);
    const started = performance.now();
    const key = await deriveKeyFromPassword('tessera calibration', params);
    const ms = performance.now() - started;
    wipe(key);
    self.postMessage({ ms });
  } catch (err) {
    self.postMessage({ error: err instanceof Error ? err.message : String(err) });
  }
};
