// The randomized model test (model.ts) against the in-memory folder and its fault layer (memory.ts):
// fast, and its faults include a server that keeps a cut PUT or hands back a short body.

import { describe, it } from 'vitest';
import { FaultyStore, MemoryStore } from './memory';
import { DEVICES, OPERATIONS, runSyncModel } from './model';

describe('sync model test', () => {
  it(`${DEVICES} devices x ${OPERATIONS} random operations with ~10% faulty requests converge and lose no edit`, async () => {
    await runSyncModel('memory', async (random) => {
      const remote = new MemoryStore();
      return { remote, devices: Array.from({ length: DEVICES }, () => new FaultyStore(remote, random, 0.1)) };
    });
  }, 240_000);
});
