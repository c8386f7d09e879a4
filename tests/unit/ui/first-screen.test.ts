// The popup's first load with a first screen (src/ui/state.ts, src/messages/list-snapshot.ts): the
// first rows are shown at once and replaced by the whole list after the first paint, unless a lock
// or a newer list (a refresh after an edit) came in between; without a snapshot the whole list is
// asked of the background.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { encodeList } from '../../../src/messages/list-codec';
import { EPOCH_SLOT, FIRST_SCREEN_SLOT, firstScreenOf, LIST_SLOT } from '../../../src/messages/list-snapshot';
import { memoryArea } from '../../../src/session/storage-area';
import type { ListEntry } from '../../../src/vault/types';

const area = memoryArea();
/** When set, reads of the whole snapshot wait for this promise (a read still in flight). */
let snapshotGate: Promise<void> | null = null;
const sessionArea = {
  ...area,
  async get(keys: string | string[]) {
    if ([keys].flat().includes(LIST_SLOT) && snapshotGate) await snapshotGate;
    return area.get(keys);
  },
};
vi.mock('wxt/browser', () => ({ browser: { storage: { session: sessionArea } } }));
const request = vi.fn();
vi.mock('../../../src/messages/client', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../../src/messages/client')>()),
  request: (m: unknown) => request(m),
}));
// No frames in Node: the "after the first paint" step runs on its timeout fallback.
globalThis.requestAnimationFrame ??= () => 0;

const state = await import('../../../src/ui/state');
const { RequestError } = await import('../../../src/messages/client');

function entries(n: number, prefix = 'Site'): ListEntry[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `id${i}`,
    name: `${prefix} ${String(i).padStart(3, '0')}`,
    username: '',
    urls: [],
  }));
}

async function store(list: ListEntry[], { snapshot = true } = {}) {
  await area.set({
    [EPOCH_SLOT]: 'e1',
    [FIRST_SCREEN_SLOT]: firstScreenOf(list, 'e1'),
    ...(snapshot ? { [LIST_SLOT]: { epoch: 'e1', encoded: encodeList(list) } } : {}),
  });
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 150));

beforeEach(async () => {
  area.data.clear();
  snapshotGate = null;
  request.mockReset();
  request.mockImplementation(async (m: { type: string }) => {
    if (m.type === 'vault.status') return { state: 'locked', retryAfterMs: 0, problems: [] };
    throw new Error(`unexpected ${m.type}`);
  });
  state.searchIndex.value = null;
  state.view.value = 'loading';
});

describe('popup first load with a first screen', () => {
  it('shows the first rows with the whole count, then the whole list, without asking the background', async () => {
    await store(entries(100));
    await state.loadInitial();
    const first = state.searchIndex.value!;
    expect(state.view.value).toBe('unlocked');
    expect(first.complete).toBe(false);
    expect(first.size).toBe(100);
    expect(first.items.map((e) => e.name)).toEqual(entries(30).map((e) => e.name));
    await settle();
    const whole = state.searchIndex.value!;
    expect(whole.complete).toBe(true);
    expect(whole.filter('site 099').map((e) => e.id)).toEqual(['id99']);
    expect(request).not.toHaveBeenCalled();
  });

  it('asks the background for the rest when there is no snapshot (over quota)', async () => {
    await store(entries(100), { snapshot: false });
    request.mockImplementation(async (m: { type: string }) => {
      if (m.type === 'vault.list') return { encoded: encodeList(entries(100)) };
      throw new Error(`unexpected ${m.type}`);
    });
    await state.loadInitial();
    await settle();
    expect(state.searchIndex.value?.complete).toBe(true);
    expect(state.searchIndex.value?.size).toBe(100);
  });

  it('a lock while the whole list is being read wins: nothing is shown after it', async () => {
    await store(entries(100));
    let release!: () => void;
    snapshotGate = new Promise((resolve) => {
      release = resolve;
    });
    await state.loadInitial();
    await settle(); // the read of the whole list has started and waits on the gate
    state.enterLocked();
    release();
    await settle();
    expect(state.searchIndex.value).toBeNull();
    expect(state.view.value).toBe('locked');
  });

  it('a newer list (refresh after an edit) is not replaced by the older snapshot read meanwhile', async () => {
    await store(entries(100));
    let release!: () => void;
    snapshotGate = new Promise((resolve) => {
      release = resolve;
    });
    await state.loadInitial();
    await settle();
    request.mockImplementation(async (m: { type: string }) => {
      if (m.type === 'vault.list') return { encoded: encodeList(entries(101, 'Edited')) };
      throw new Error(`unexpected ${m.type}`);
    });
    await state.refreshList();
    release();
    await settle();
    expect(state.searchIndex.value?.size).toBe(101);
    expect(state.searchIndex.value?.items[0]?.name).toBe('Edited 000');
  });

  it('a lock broadcast while the first screen is being read wins: it is not shown', async () => {
    await store(entries(3));
    const loading = state.loadInitial();
    state.enterLocked();
    await loading;
    expect(state.searchIndex.value).toBeNull();
    expect(state.view.value).toBe('locked');
  });

  it('a short list is whole in its first screen: nothing more is read', async () => {
    await store(entries(3));
    snapshotGate = new Promise(() => undefined); // would never answer
    await state.loadInitial();
    expect(state.searchIndex.value?.complete).toBe(true);
    expect(state.searchIndex.value?.size).toBe(3);
  });
});

describe('unlock: the first screen comes in the reply (issue 18)', () => {
  /** Read through a call, so the type-checker does not keep the null assigned above it. */
  const shownIndex = () => state.searchIndex.value;
  /** The reply a background of this build gives: the status and the first screen #hold wrote. */
  function unlockReply(list: ListEntry[]) {
    const { total, encoded } = firstScreenOf(list, 'e1');
    return { state: 'unlocked', retryAfterMs: 0, problems: [], firstScreen: { total, encoded } };
  }

  it('shows the reply first screen without reading storage, then completes from the background', async () => {
    request.mockImplementation(async (m: { type: string }) => {
      if (m.type === 'vault.unlock') return unlockReply(entries(100));
      if (m.type === 'vault.list') return { encoded: encodeList(entries(100)) };
      throw new Error(`unexpected ${m.type}`);
    });
    // Nothing in storage.session: only the reply can have shown the rows.
    await state.unlockVault('pw');
    expect(state.view.value).toBe('unlocked');
    expect(state.searchIndex.value?.complete).toBe(false);
    expect(state.searchIndex.value?.size).toBe(100);
    expect(state.searchIndex.value?.items.map((e) => e.name)).toEqual(entries(30).map((e) => e.name));
    await settle();
    expect(state.searchIndex.value?.complete).toBe(true);
    expect(request.mock.calls.map(([m]) => (m as { type: string }).type)).toEqual([
      'vault.unlock',
      'vault.list',
    ]);
  });

  it('a lock broadcast that came in before the reply wins: the reply rows are not shown', async () => {
    request.mockImplementation(async (m: { type: string }) => {
      if (m.type === 'vault.unlock') {
        state.enterLocked(); // the broadcast of a lock that overtook the reply
        return unlockReply(entries(3));
      }
      if (m.type === 'vault.list') throw new RequestError({ code: 'locked', message: 'locked' });
      if (m.type === 'vault.status') return { state: 'locked', retryAfterMs: 0, problems: [] };
      throw new Error(`unexpected ${m.type}`);
    });
    await expect(state.unlockVault('pw')).rejects.toMatchObject({ code: 'locked' });
    await settle();
    expect(state.searchIndex.value).toBeNull();
    expect(state.view.value).toBe('locked');
  });

  it('a reply without a usable first screen (an older background, a bad one) reads the list as before', async () => {
    for (const firstScreen of [
      undefined,
      { total: 1, encoded: '{not json' },
      { total: 'x', encoded: '[]' },
    ]) {
      area.data.clear();
      state.searchIndex.value = null;
      request.mockReset();
      request.mockImplementation(async (m: { type: string }) => {
        if (m.type === 'vault.unlock')
          return { state: 'unlocked', retryAfterMs: 0, problems: [], firstScreen };
        if (m.type === 'vault.list') return { encoded: encodeList(entries(5)) };
        throw new Error(`unexpected ${m.type}`);
      });
      await state.unlockVault('pw');
      expect(shownIndex()?.complete).toBe(true);
      expect(shownIndex()?.size).toBe(5);
    }
  });
});
