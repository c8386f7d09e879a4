// readItems (src/vault/read-items.ts): the few edited items one read each, many in one pass; items
// that are damaged, missing or deleted meanwhile are left out, and a lock is never taken for damage.
import { describe, expect, it } from 'vitest';
import { READ_ALL_ABOVE, readItems } from '../../../src/vault/read-items';
import { UnlockedVault } from '../../../src/vault/vault';
import { freshDb, login, TEST_COST } from './helpers';

async function vaultWith(n: number) {
  const db = await freshDb();
  const vault = await UnlockedVault.create(db, 'read items password', TEST_COST);
  const items = await vault.putMany(Array.from({ length: n }, (_, i) => login(i)));
  return { db, vault, ids: items.map((i) => i.id) };
}

/** The vault with its reads counted. */
function counted(vault: UnlockedVault) {
  const calls = { get: 0, allItems: 0 };
  return {
    calls,
    get: (id: string) => {
      calls.get++;
      return vault.get(id);
    },
    allItems: () => {
      calls.allItems++;
      return vault.allItems();
    },
  };
}

describe('readItems', () => {
  it('a few ids: one read each; a damaged record and an unknown id are left out', async () => {
    const { db, vault, ids } = await vaultWith(4);
    const rec = (await db.get('items', ids[1]!))!;
    rec.sealed[rec.sealed.length - 1]! ^= 0x80;
    await db.put('items', rec);
    const reader = counted(vault);
    const items = await readItems(reader, [ids[0]!, ids[1]!, 'deleted-meanwhile', ids[3]!]);
    expect(items.map((i) => i.id)).toEqual([ids[0], ids[3]]);
    expect(reader.calls).toEqual({ get: 4, allItems: 0 });
  });

  it(`more than ${READ_ALL_ABOVE} ids: one pass over every record, only the asked ones returned`, async () => {
    const { vault, ids } = await vaultWith(READ_ALL_ABOVE + 3);
    const asked = ids.slice(1, READ_ALL_ABOVE + 2);
    const reader = counted(vault);
    const items = await readItems(reader, asked);
    expect(items.map((i) => i.id).sort()).toEqual([...asked].sort());
    expect(reader.calls).toEqual({ get: 0, allItems: 1 });
  });

  it('a lock is thrown ("locked"), not taken for a damaged item', async () => {
    const { vault, ids } = await vaultWith(2);
    vault.lock();
    await expect(readItems(vault, [ids[0]!])).rejects.toMatchObject({ code: 'locked' });
  });
});
