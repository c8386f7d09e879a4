// Page side of the vault_open metrics: builds a vault of N generated items in this page's real
// IndexedDB, then times, interleaved round by round:
//   open   everything open: UnlockedVault.unlockWithKey (read the head, decrypt the manifest and
//          every overview chunk, decode the overviews) and list() (sorted: searchable)
//   first  what the unlock reply waits for after the KDF (Session #hold, issue 18): unlockWithKey
//          with deferIndex and firstScreen(FIRST_SCREEN_ROWS), answered from the sealed first-screen
//          record; the rest of the index opens after, untimed, before the next task starts
//   floor  the same records read from the same IndexedDB the same way (readHeadAndChunkBatches:
//          one transaction, chunks in batches, each opened as it arrives) and the same bytes opened
//          with the same AEAD and associated data, nothing else (no JSON, no overview objects, no
//          sort): the cost no vault of this format can avoid, so open / floor is what Tessera adds
//   read   the floor's IndexedDB read alone (reference: how the floor splits into read and AEAD)
//   readOne  the same head and chunks in one getAll, as opening read them before issue 18's
//          batches (reference: what the batches changed)
//
// Safety fact: each call works in its own uniquely named database and deletes it afterwards, so
// runs never see each other's data; every timed open is checked to list all N items with no
// problems, and every floor round to have opened the manifest and every chunk.

import { open } from '../../src/crypto/aead';
import { KDF_FLOOR } from '../../src/crypto/kdf';
import { FIRST_SCREEN_ROWS } from '../../src/messages/list-snapshot';
import { recordAad } from '../../src/vault/format';
import {
  destroyVaultDatabase,
  openVaultDatabase,
  readAllChunks,
  readHead,
  readHeadAndChunkBatches,
} from '../../src/vault/store';
import { UnlockedVault } from '../../src/vault/vault';
import { sampleInterleaved } from '../lib/sampling';
import type { VaultOpenOptions, VaultOpenResult } from './api';
import { generateItems } from './items';

/** The KDF only guards creation here and is not timed, so the cheapest accepted cost keeps setup short. */
const SETUP_COST = {
  memoryKiB: KDF_FLOOR.memoryKiB,
  iterations: KDF_FLOOR.iterations,
  parallelism: KDF_FLOOR.parallelism,
};

export async function vaultOpen({ items, seed, runs, warmup }: VaultOpenOptions): Promise<VaultOpenResult> {
  const db = await openVaultDatabase(`tessera-bench-${items}-${crypto.randomUUID()}`);
  try {
    const setupStart = performance.now();
    const created = await UnlockedVault.create(db, 'bench master password 1', SETUP_COST);
    await created.putMany(generateItems(items, seed));
    const key = created.exportKey();
    const { vaultId } = created;
    created.lock();
    const setupMs = performance.now() - setupStart;

    let listed = 0;
    let openProblems = 1;
    let firstProblems = 1;
    let firstRows = 0;
    let firstTotal = 0;
    let firstListed = 0;
    let chunksOpened = -1;
    let chunksRead = -1;
    let chunksReadInOne = -1;
    const times = await sampleInterleaved(
      {
        open: async () => {
          const start = performance.now();
          const opened = await UnlockedVault.unlockWithKey(db, key);
          listed = opened.list().length;
          const openMs = performance.now() - start;
          // Locked at once, untimed, as the worker locks a vault before it opens one again: an
          // index left open would be a second 50,000 overviews for the collector to walk while
          // the next arm runs, which no real unlock has.
          openProblems = opened.problems.length;
          opened.lock();
          return openMs;
        },
        first: async () => {
          // As the Session unlocks: the reply waits for the first screen, not for the rest.
          const start = performance.now();
          const firstOpened = await UnlockedVault.unlockWithKey(db, key, { deferIndex: true });
          const screen = await firstOpened.firstScreen(FIRST_SCREEN_ROWS);
          const replyMs = performance.now() - start;
          firstRows = screen.entries.length;
          firstTotal = screen.total;
          // Untimed: the rest of the index opens before the next task runs, so it does not load
          // the next measurement; and it must list every item.
          await firstOpened.ready();
          firstListed = firstOpened.size;
          firstProblems = firstOpened.problems.length;
          firstOpened.lock();
          return replyMs;
        },
        read: async () => {
          const { head, batches } = await readHeadAndChunkBatches(db);
          chunksRead = head.manifest ? (await Promise.all(batches)).flat().length : -1;
        },
        floor: async () => {
          const { head, batches } = await readHeadAndChunkBatches(db);
          if (!head.manifest) throw new Error('the bench vault has no manifest');
          let bytes = open(key, head.manifest.sealed, recordAad(vaultId, 'manifest', 'manifest')).length;
          let count = 0;
          for (const batch of batches) {
            for (const c of await batch) {
              bytes += open(key, c.sealed, recordAad(vaultId, 'chunk', c.id)).length;
              count++;
            }
          }
          chunksOpened = bytes > 0 ? count : -1;
        },
        readOne: async () => {
          const [head, chunks] = await Promise.all([readHead(db), readAllChunks(db)]);
          chunksReadInOne = head.manifest ? chunks.length : -1;
        },
      },
      { runs, warmup },
      () => {
        const problems = Math.max(openProblems, firstProblems);
        const rows = Math.min(items, FIRST_SCREEN_ROWS);
        if (
          listed !== items ||
          firstTotal !== items ||
          firstListed !== items ||
          firstRows !== rows ||
          problems !== 0
        ) {
          throw new Error(
            `opened vault listed ${listed} of ${items} items (first screen ${firstRows} of ${firstTotal}) with ${problems} problem(s)`,
          );
        }
        if (chunksOpened < 1 || chunksRead !== chunksOpened || chunksReadInOne !== chunksOpened) {
          throw new Error(
            `floor opened ${chunksOpened} chunk(s); the read alone read ${chunksRead}, in one request ${chunksReadInOne}`,
          );
        }
      },
    );
    key.fill(0);
    return {
      openMs: times.open,
      firstMs: times.first,
      floorMs: times.floor,
      readMs: times.read,
      readOneMs: times.readOne,
      setupMs,
    };
  } finally {
    await destroyVaultDatabase(db);
  }
}
