// Opening reads the overview chunks in batches from one transaction and opens each batch as it
// arrives (issue 18, src/vault/store.ts readHeadAndChunkBatches, src/vault/chunks.ts openIndex):
// every chunk comes, in order, with the head of the same snapshot; a damaged chunk in a later batch
// and one the manifest lists but storage lost are named and rebuilt from their items.
import { describe, expect, it } from 'vitest';
import { openIndex } from '../../../src/vault/chunks';
import type { Manifest } from '../../../src/vault/format';
import { openJson } from '../../../src/vault/item-records';
import { readHeadAndChunkBatches } from '../../../src/vault/store';
import { UnlockedVault } from '../../../src/vault/vault';
import { freshDb, login, TEST_COST } from './helpers';

/** 1,100 items: five chunks of up to 256 overviews. */
async function fiveChunks() {
  const db = await freshDb();
  const created = await UnlockedVault.create(db, 'open batches password', TEST_COST);
  await created.putMany(Array.from({ length: 1_100 }, (_, i) => login(i)));
  const key = created.exportKey();
  const { vaultId } = created;
  created.lock();
  return { db, key, vaultId };
}

describe('opening in batches', () => {
  it('reads every chunk once, in key order, in batches of the size asked, with the head', async () => {
    const { db } = await fiveChunks();
    const { head, batches } = await readHeadAndChunkBatches(db, 2);
    const read = await Promise.all(batches);
    expect(read.map((b) => b.length)).toEqual([2, 2, 1]);
    expect(read.flat().map((c) => c.id)).toEqual(await db.getAllKeys('chunks'));
    expect(head.manifest).toBeDefined();
    expect(head.header?.vaultId).toBeTruthy();
    expect(head.wrappers.map((w) => w.kind)).toEqual(['password']);
  });

  it('names a damaged chunk of a later batch and a lost one, and rebuilds both from their items', async () => {
    const { db, key, vaultId } = await fiveChunks();
    const damaged = (await db.get('chunks', 'c00003'))!;
    damaged.sealed[damaged.sealed.length - 1]! ^= 0x80;
    await db.put('chunks', damaged);
    await db.delete('chunks', 'c00001');

    const { head, batches } = await readHeadAndChunkBatches(db, 2);
    const manifest = openJson<Manifest>(key, vaultId, 'manifest', 'manifest', head.manifest!);
    const problems: { recordId: string; message: string }[] = [];
    const outdated: string[] = [];
    const chunks = await openIndex(db, () => key, vaultId, manifest, batches, { problems, outdated });
    expect(outdated).toEqual([]);
    expect(problems).toEqual([
      { recordId: 'c00001', message: 'Overview chunk c00001 is missing; rebuilt from its items.' },
      { recordId: 'c00003', message: 'Overview chunk c00003 is damaged; rebuilt from its items.' },
    ]);
    expect([...chunks.keys()].sort()).toEqual(manifest.chunkIds);
    const names = [...chunks.values()].flat().map((o) => o.name);
    expect(new Set(names).size).toBe(1_100);

    // Through the vault: the same problems, every item listed.
    const opened = await UnlockedVault.unlockWithKey(db, key);
    expect(opened.problems.map((p) => p.recordId)).toEqual(['c00001', 'c00003']);
    expect(opened.list()).toHaveLength(1_100);
    opened.lock();
  });

  it('a failed read rejects the open as a storage error and wipes nothing it does not own', async () => {
    const { db, key } = await fiveChunks();
    const copy = key.slice();
    db.close();
    await expect(UnlockedVault.unlockWithKey(db, key)).rejects.toMatchObject({ code: 'storage-failed' });
    expect(key).toEqual(copy);
  });
});
