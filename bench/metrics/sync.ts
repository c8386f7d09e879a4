// sync_*: the sync engine with the WebDAV transport against real Apache (mod_dav, https) on loopback
// (issue 14): the first upload of a 10,000-item vault to an empty folder, a new device joining it, one
// changed item, and a sync with nothing new. Request counts are counted at fetch, so every PROPFIND,
// GET, PUT and DELETE the transport sends (retries included) is in them.
//
// The vault side is the engine's in-memory replica (tests/unit/sync/memory.ts), not IndexedDB: these
// numbers are the engine and the network. Argon2id (opening the key records to join) is outside every
// timing, as the issue asks.

import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { openRemoteKeys } from '../../src/sync/engine';
import { WebDavStore } from '../../src/sync/webdav';
import { startApache } from '../../tests/sync-harness/apache';
import { credentialsFor, fetchTrusting } from '../../tests/sync-harness/clients';
import type { DavServer } from '../../tests/sync-harness/dav-server';
import { type Device, device, edited, item, newVault } from '../../tests/unit/sync/devices';
import { MemoryReplica } from '../../tests/unit/sync/memory';
import { medianBelow } from '../lib/report';
import { median, summarize } from '../lib/sampling';
import type { MetricModule } from '../lib/types';

const ITEMS = 10_000;
const PASSWORD = 'bench-sync-password';

/** A WebDavStore on the server's folder whose requests are counted. */
function countingStore(server: DavServer) {
  const inner = fetchTrusting(server.certPem);
  const counter = { requests: 0, fetchMs: 0 };
  const store = new WebDavStore(credentialsFor(server), {
    fetch: async (input, init) => {
      counter.requests++;
      const started = performance.now();
      try {
        // Headers only: the body is read after this resolves, so fetchMs is a lower bound on network time.
        return await inner(input, init);
      } finally {
        counter.fetchMs += performance.now() - started;
      }
    },
  });
  return { store, counter };
}

async function emptyFolder(server: DavServer): Promise<void> {
  for (const name of await readdir(server.folderPath))
    await rm(join(server.folderPath, name), { recursive: true });
}

/** Times `fn`, counts the requests it sent and the time spent waiting for their answers. */
async function measure(counter: { requests: number; fetchMs: number }, fn: () => Promise<unknown>) {
  const before = { ...counter };
  const started = performance.now();
  await fn();
  return {
    ms: performance.now() - started,
    requests: counter.requests - before.requests,
    fetchMs: counter.fetchMs - before.fetchMs,
  };
}

export const sync: MetricModule = {
  name: 'sync',
  description:
    'sync engine + WebDAV transport against Apache on loopback: push and join 10k, one change, no-op',
  targets: [
    medianBelow('sync_push_10k_ms', 5000),
    medianBelow('sync_push_10k_requests', 100),
    medianBelow('sync_join_10k_ms', 3000),
    medianBelow('sync_one_change_ms', 300),
    medianBelow('sync_one_change_requests', 4, true),
    medianBelow('sync_noop_requests', 2, true),
  ],
  async run(ctx) {
    const apache = await startApache();
    if (!apache) throw new Error('apache2 is not installed: sudo apt-get install -y apache2 apache2-utils');
    ctx.onCleanup(() => apache.stop());
    ctx.note(
      'sync_*: engine with an in-memory replica, WebDAV transport over https to Apache mod_dav on loopback',
    );

    const push: number[] = [];
    const pushRequests: number[] = [];
    const joinMs: number[] = [];
    const oneChange: number[] = [];
    const oneChangeRequests: number[] = [];
    const oneChangeFetch: number[] = [];
    const noopRequests: number[] = [];
    const items = Array.from({ length: ITEMS }, (_, i) => item(`bench-${i}`));

    for (let run = 0; run < 3; run++) {
      ctx.log(`sync: run ${run + 1}/3: push ${ITEMS} items`);
      await emptyFolder(apache);
      const vault = await newVault(PASSWORD);
      const replica = new MemoryReplica(vault.key, vault.records);
      for (const it of items) replica.items.set(it.id, structuredClone(it));
      const a = countingStore(apache);
      const first: Device = device(a.store, replica);
      const pushed = await measure(a.counter, () => first.engine.upload(vault));
      push.push(pushed.ms);
      pushRequests.push(pushed.requests);

      ctx.log(`sync: run ${run + 1}/3: join`);
      const b = countingStore(apache);
      const keys = await openRemoteKeys(b.store, { kind: 'password', password: PASSWORD });
      const second = device(b.store, new MemoryReplica(keys.key, keys.ring.records));
      joinMs.push((await measure(b.counter, () => second.engine.join(keys.vaultId, keys.epoch))).ms);
      if (second.replica.items.size !== ITEMS) throw new Error(`join got ${second.replica.items.size} items`);

      ctx.log(`sync: run ${run + 1}/3: one change, no-op`);
      for (let i = 0; i < 3; i++) {
        const target = [...first.replica.items.values()][i]!;
        const changed = await measure(a.counter, async () => {
          await first.put(edited(target, { notes: `changed ${run}.${i}` }));
          await first.engine.sync();
        });
        oneChange.push(changed.ms);
        oneChangeRequests.push(changed.requests);
        oneChangeFetch.push(changed.fetchMs);
        await second.engine.sync();
        noopRequests.push((await measure(b.counter, () => second.engine.sync())).requests);
      }
    }
    ctx.note(
      `sync_one_change_ms: median ${median(oneChangeFetch).toFixed(0)} ms of it waiting for answers (fetch), the rest local work`,
    );
    return {
      sync_push_10k_ms: summarize(push, 'ms'),
      sync_push_10k_requests: summarize(pushRequests, 'requests'),
      sync_join_10k_ms: summarize(joinMs, 'ms'),
      sync_one_change_ms: summarize(oneChange, 'ms'),
      sync_one_change_requests: summarize(oneChangeRequests, 'requests'),
      sync_noop_requests: summarize(noopRequests, 'requests'),
    };
  },
};
