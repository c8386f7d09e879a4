// The list snapshot in storage.session (src/messages/list-snapshot.ts, src/session/list-publisher.ts):
// written after a page was served the list, removed before any change of the list resolves, gone
// with the key on lock, and ignored by pages unless it belongs to the current unlock.

import { describe, expect, it, vi } from 'vitest';
import { decodeList } from '../../../src/messages/list-codec';
import {
  EPOCH_SLOT,
  LIST_SLOT,
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
