// The list snapshot in storage.session (src/messages/list-snapshot.ts, src/session/list-publisher.ts):
// written after a page was served the list, removed before any change of the list resolves, gone
// with the key on lock, and ignored by pages unless it belongs to the current unlock.

import { describe, expect, it, vi } from 'vitest';
import { decodeList, encodeList } from '../../../src/messages/list-codec';
import {
  decodeFirstScreen,
  EPOCH_SLOT,
  FIRST_SCREEN_ROWS,
  FIRST_SCREEN_SLOT,
  type FirstScreenSnapshot,
  LIST_SLOT,
  readFirstScreen,
  readListSnapshot,
  readSnapshotList,
} from '../../../src/messages/list-snapshot';
import { Session, type SessionDeps } from '../../../src/session/session';
import { memoryArea } from '../../../src/session/storage-area';
import { freshDb, login, TEST_COST } from '../vault/helpers';

const DELAY = 5;
const settle = () => new Promise((resolve) => setTimeout(resolve, DELAY * 4));

function setup() {
  const dbPromise = freshDb();
  const sessionArea = memoryArea();
  const deps: SessionDeps = {
    openDb: () => dbPromise,
    sessionArea,
    now: () => 1_000_000,
    onLocked: vi.fn(),
    onActive: vi.fn(),
    kdfCost: TEST_COST,
    listSnapshotDelayMs: DELAY,
  };
  return { session: new Session(deps), deps, sessionArea };
}

/** What a page would show: the snapshot's names, or null when it must ask the background. */
async function pageView(area: ReturnType<typeof memoryArea>): Promise<string[] | null> {
  const encoded = await readListSnapshot(area);
  return encoded === null ? null : decodeList(encoded).map((o) => o.name);
}

describe('list snapshot', () => {
  it('is written after the list was served, sorted like the list, and holds no password', async () => {
    const { session, sessionArea } = setup();
    await session.create('pw-one');
    await session.withVault((vault) => vault.putMany([login(2), login(1)], { replace: false }));
    expect(await pageView(sessionArea)).toBeNull();
    session.listServed();
    await settle();
    expect(await pageView(sessionArea)).toEqual(['Site 1', 'Site 2']);
    const stored = JSON.stringify(sessionArea.data.get(LIST_SLOT));
    expect(stored).not.toContain(login(1).password);
    expect(stored).not.toContain(login(2).password);
  });

  it('is removed by a change before the change resolves, and rewritten on the next list', async () => {
    const { session, sessionArea } = setup();
    await session.create('pw-one');
    const first = await session.withVault((vault) => vault.put(login(1)));
    session.listServed();
    await settle();
    expect(await pageView(sessionArea)).toEqual(['Site 1']);
    await session.withVault((vault) => vault.put({ ...login(2) }));
    expect(sessionArea.data.has(LIST_SLOT)).toBe(false);
    session.listServed();
    await settle();
    expect(await pageView(sessionArea)).toEqual(['Site 1', 'Site 2']);
    await session.withVault((vault) => vault.delete(first.id));
    expect(await pageView(sessionArea)).toBeNull();
  });

  it('goes with the key and the epoch on lock, even if a write was pending', async () => {
    const { session, sessionArea } = setup();
    await session.create('pw-one');
    await session.withVault((vault) => vault.put(login(1)));
    session.listServed();
    await session.lock('user');
    await settle();
    for (const slot of [LIST_SLOT, EPOCH_SLOT, 'session.vaultKey'])
      expect(sessionArea.data.has(slot)).toBe(false);
    expect(await pageView(sessionArea)).toBeNull();
  });

  it('is ignored by pages when it belongs to an earlier unlock', async () => {
    const { session, sessionArea } = setup();
    await session.create('pw-one');
    await session.withVault((vault) => vault.put(login(1)));
    session.listServed();
    await settle();
    const stale = sessionArea.data.get(LIST_SLOT);
    await session.lock('user');
    // A write that landed after the lock (it cannot with ordered storage calls; the epoch is the backstop).
    sessionArea.data.set(LIST_SLOT, stale);
    expect(await pageView(sessionArea)).toBeNull();
    await session.unlock('pw-one');
    expect(await pageView(sessionArea)).toBeNull();
  });

  it('survives a worker restart: the new worker keeps the epoch, so the snapshot stays valid', async () => {
    const first = setup();
    await first.session.create('pw-one');
    await first.session.withVault((vault) => vault.put(login(1)));
    first.session.listServed();
    await settle();
    const epoch = first.sessionArea.data.get(EPOCH_SLOT);
    const second = new Session({ ...first.deps });
    await second.vault();
    expect(first.sessionArea.data.get(EPOCH_SLOT)).toBe(epoch);
    expect(await pageView(first.sessionArea)).toEqual(['Site 1']);
    await second.withVault((vault) => vault.put(login(2)));
    expect(await pageView(first.sessionArea)).toBeNull();
  });

  it('rejects malformed slots', async () => {
    const area = memoryArea();
    expect(await readListSnapshot(area)).toBeNull();
    await area.set({ [EPOCH_SLOT]: 'e1', [LIST_SLOT]: { epoch: 'e1', encoded: 42 } });
    expect(await readListSnapshot(area)).toBeNull();
    await area.set({ [EPOCH_SLOT]: '', [LIST_SLOT]: { epoch: '', encoded: '[]' } });
    expect(await readListSnapshot(area)).toBeNull();
    await area.set({ [EPOCH_SLOT]: 'e1', [LIST_SLOT]: { epoch: 'e1', encoded: '[]' } });
    expect(await readListSnapshot(area)).toBe('[]');
  });

  it('gives pages null, so they ask the background, for a snapshot that does not decode', async () => {
    const area = memoryArea();
    await area.set({ [EPOCH_SLOT]: 'e1', [LIST_SLOT]: { epoch: 'e1', encoded: '[]' } });
    expect(await readSnapshotList(area)).toBeNull();
    await area.set({ [LIST_SLOT]: { epoch: 'e1', encoded: '{not json' } });
    expect(await readSnapshotList(area)).toBeNull();
    await area.set({ [LIST_SLOT]: { epoch: 'e1', encoded: '[["a"],["A"],["u"],[0],[]]' } });
    expect(await readSnapshotList(area)).toEqual([{ id: 'a', name: 'A', username: 'u', urls: [] }]);
    await area.set({ [EPOCH_SLOT]: 'e2' });
    expect(await readSnapshotList(area)).toBeNull();
  });
});

/** What a page would show first: the first screen's names and total, or null. */
async function firstView(area: ReturnType<typeof memoryArea>) {
  const first = await readFirstScreen(area);
  return first === null ? null : { names: first.entries.map((o) => o.name), total: first.total };
}

/** n logins named so that list order is numeric: Site 001, Site 002... */
function logins(from: number, to: number) {
  return Array.from({ length: to - from + 1 }, (_, i) =>
    login(from + i, { name: `Site ${String(from + i).padStart(3, '0')}` }),
  );
}

describe("first screen (the list's first rows, read before the whole list)", () => {
  it('is written at unlock, before the unlock resolves: the first rows in list order and the total', async () => {
    const { session, sessionArea } = setup();
    await session.create('pw-one');
    await session.withVault((vault) => vault.putMany(logins(1, 45).reverse(), { replace: false }));
    await session.lock('user');
    expect(await firstView(sessionArea)).toBeNull();
    await session.unlock('pw-one');
    const first = await firstView(sessionArea);
    expect(first?.total).toBe(45);
    expect(first?.names).toEqual(logins(1, FIRST_SCREEN_ROWS).map((l) => l.name));
    const stored = JSON.stringify(sessionArea.data.get(FIRST_SCREEN_SLOT));
    expect(stored).not.toContain(login(1).password);
    expect(stored).not.toContain(login(1).notes);
  });

  it('comes in the unlock reply, as written: overviews only, no epoch, and an unlocked vault answers none', async () => {
    const { session, sessionArea } = setup();
    await session.create('pw-one');
    await session.withVault((vault) => vault.putMany(logins(1, 45), { replace: false }));
    await session.lock('user');
    const reply = await session.unlock('pw-one');
    const { epoch: _epoch, ...stored } = sessionArea.data.get(FIRST_SCREEN_SLOT) as FirstScreenSnapshot;
    expect(reply.firstScreen).toEqual(stored);
    expect(decodeFirstScreen(reply.firstScreen)?.entries.map((o) => o.name)).toEqual(
      logins(1, FIRST_SCREEN_ROWS).map((l) => l.name),
    );
    expect(JSON.stringify(reply)).not.toContain(login(1).password);
    expect(JSON.stringify(reply)).not.toContain(sessionArea.data.get(EPOCH_SLOT) as string);
    // Asked again while unlocked: the status alone (that page reads the first screen from storage).
    expect((await session.unlock('pw-one')).firstScreen).toBeUndefined();
  });

  it('is removed with the list by a change, before the change resolves, and written again with the snapshot', async () => {
    const { session, sessionArea } = setup();
    await session.create('pw-one');
    await session.withVault((vault) => vault.putMany(logins(2, 40), { replace: false }));
    session.listServed();
    await settle();
    expect((await firstView(sessionArea))?.names[0]).toBe('Site 002');
    // A new first row: the stale first screen must be gone by the time the write is answered.
    await session.withVault((vault) => vault.put(login(1, { name: 'Site 001' })));
    expect(sessionArea.data.has(FIRST_SCREEN_SLOT)).toBe(false);
    expect(await firstView(sessionArea)).toBeNull();
    session.listServed();
    await settle();
    expect(await firstView(sessionArea)).toEqual({
      names: ['Site 001', ...logins(2, FIRST_SCREEN_ROWS).map((l) => l.name)],
      total: 40,
    });
    // The whole snapshot and the first screen describe the same list.
    const whole = decodeList((await readListSnapshot(sessionArea))!);
    expect(whole.slice(0, FIRST_SCREEN_ROWS).map((o) => o.name)).toEqual(
      (await firstView(sessionArea))!.names,
    );
  });

  it('goes with the key on lock, also when written at unlock, and belongs to one unlock only', async () => {
    const { session, sessionArea } = setup();
    await session.create('pw-one');
    await session.withVault((vault) => vault.putMany(logins(1, 35), { replace: false }));
    await session.lock('user');
    await session.unlock('pw-one');
    const written = sessionArea.data.get(FIRST_SCREEN_SLOT);
    expect(written).toBeDefined();
    await session.lock('user');
    expect(sessionArea.data.has(FIRST_SCREEN_SLOT)).toBe(false);
    // Put back after the lock (it cannot be, with ordered storage calls; the epoch is the backstop).
    sessionArea.data.set(FIRST_SCREEN_SLOT, written);
    expect(await firstView(sessionArea)).toBeNull();
    await session.unlock('pw-one');
    expect((await firstView(sessionArea))?.total).toBe(35);
    expect(sessionArea.data.get(FIRST_SCREEN_SLOT)).not.toEqual(written);
  });

  it('stays valid across a worker restart, and a change in the new worker removes it', async () => {
    const first = setup();
    await first.session.create('pw-one');
    await first.session.withVault((vault) => vault.putMany(logins(1, 31), { replace: false }));
    first.session.listServed();
    await settle();
    const second = new Session({ ...first.deps });
    await second.vault();
    expect((await firstView(first.sessionArea))?.total).toBe(31);
    await second.withVault((vault) => vault.put(login(99)));
    expect(await firstView(first.sessionArea)).toBeNull();
  });

  it('over the storage quota: the first screen alone is kept, unless the list changed meanwhile', async () => {
    const { session, sessionArea } = setup();
    const realSet = sessionArea.set.bind(sessionArea);
    let duringFailedWrite: (() => Promise<unknown>) | null = null;
    sessionArea.set = async (items) => {
      if (LIST_SLOT in items) {
        await duringFailedWrite?.();
        throw new Error('QUOTA_BYTES quota exceeded');
      }
      return realSet(items);
    };
    await session.create('pw-one');
    await session.withVault((vault) => vault.putMany(logins(1, 40), { replace: false }));
    session.listServed();
    await settle();
    expect(sessionArea.data.has(LIST_SLOT)).toBe(false);
    expect(await firstView(sessionArea)).toEqual({
      names: logins(1, FIRST_SCREEN_ROWS).map((l) => l.name),
      total: 40,
    });

    // A change lands while the too-large write is failing: that first screen is stale, not kept.
    await session.withVault((vault) => vault.put(login(100)));
    duringFailedWrite = () => session.withVault((vault) => vault.put(login(0, { name: 'Site 000' })));
    session.listServed();
    await settle();
    await settle();
    expect(await firstView(sessionArea)).toBeNull();
  });

  it('rejects a slot whose count does not fit its rows, or that does not decode', async () => {
    const area = memoryArea();
    const rows = (n: number) => encodeList(logins(1, n).map((l, i) => ({ ...l, id: `id${i}` })));
    await area.set({ [EPOCH_SLOT]: 'e1', [FIRST_SCREEN_SLOT]: { epoch: 'e1', total: 2, encoded: rows(2) } });
    expect((await readFirstScreen(area))?.total).toBe(2);
    // Fewer rows than a screen holds is the whole list: the count must match it.
    await area.set({ [FIRST_SCREEN_SLOT]: { epoch: 'e1', total: 3, encoded: rows(2) } });
    expect(await readFirstScreen(area)).toBeNull();
    // A full screen of rows belongs to a list at least that long.
    await area.set({ [FIRST_SCREEN_SLOT]: { epoch: 'e1', total: 5, encoded: rows(FIRST_SCREEN_ROWS) } });
    expect(await readFirstScreen(area)).toBeNull();
    await area.set({ [FIRST_SCREEN_SLOT]: { epoch: 'e1', total: 500, encoded: rows(FIRST_SCREEN_ROWS) } });
    expect((await readFirstScreen(area))?.entries).toHaveLength(FIRST_SCREEN_ROWS);
    await area.set({ [FIRST_SCREEN_SLOT]: { epoch: 'e1', total: 1.5, encoded: rows(1) } });
    expect(await readFirstScreen(area)).toBeNull();
    await area.set({ [FIRST_SCREEN_SLOT]: { epoch: 'e1', total: 1, encoded: '{not json' } });
    expect(await readFirstScreen(area)).toBeNull();
    await area.set({ [FIRST_SCREEN_SLOT]: { epoch: 'e0', total: 2, encoded: rows(2) } });
    expect(await readFirstScreen(area)).toBeNull();
  });
});
