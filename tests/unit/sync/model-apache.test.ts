// The randomized model test (model.ts) against real Apache (mod_dav, https): each of the three devices
// talks to the server through its own fault proxy, which drops (before or after the server acted),
// truncates or shortens 10% of its requests. The transport's own retries are off (attempts: 1), so every
// injected fault reaches the engine. SYNC_SEED=<seed> replays the operations and the fault draws.

import { afterAll, describe, it } from 'vitest';
import { type ApacheServer, startApache } from '../../sync-harness/apache';
import { requireProgram } from '../../sync-harness/binaries';
import { storeFor } from '../../sync-harness/clients';
import { FaultyFolder } from '../../sync-harness/faulty-folder';
import { DEVICES, OPERATIONS, runSyncModel } from './model';

const hasApache = Boolean(
  requireProgram('apache2') && requireProgram('htpasswd') && requireProgram('openssl'),
);

describe.skipIf(!hasApache)('sync model test against real Apache through the fault proxy', () => {
  let apache: ApacheServer | null = null;
  const folders: FaultyFolder[] = [];
  afterAll(async () => {
    const requests = folders.reduce((sum, f) => sum + f.requests, 0);
    console.log(`sync model test (apache): ${requests} requests through the fault proxies`);
    for (const folder of folders) await folder.close();
    await apache?.stop();
  });

  it(`${DEVICES} devices x ${OPERATIONS} random operations with 10% of requests dropped or truncated converge and lose no edit`, async () => {
    await runSyncModel('apache', async (random) => {
      apache = (await startApache())!;
      for (let i = 0; i < DEVICES; i++)
        folders.push(await FaultyFolder.open(apache, random, 0.1, { attempts: 1 }));
      const requests = () => folders.reduce((sum, f) => sum + f.requests, 0);
      afterAll(() =>
        console.log(`sync model test (apache): ${requests()} requests through the fault proxies`),
      );
      return { remote: storeFor(apache), devices: folders };
    });
  }, 600_000);
});
