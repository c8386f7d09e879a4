// The popup's early first-screen read (src/ui/early-read.ts, entrypoints/popup-early.ts): answers
// the page's first read of the first screen once, and never after a lock broadcast from our
// background came in meanwhile; any other read goes to storage.session.
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  EPOCH_SLOT,
  FIRST_SCREEN_SLOT,
  firstScreenOf,
  readFirstScreen,
} from '../../../src/messages/list-snapshot';
import { memoryArea } from '../../../src/session/storage-area';
import { startEarlyRead, withEarlyRead } from '../../../src/ui/early-read';
import type { LockEventSender, LockRuntime } from '../../../src/ui/lock-broadcast';

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${ID}/`;
const BACKGROUND: LockEventSender = { id: ID, url: `${ORIGIN}background.js` };
const CONTENT_SCRIPT: LockEventSender = { id: ID, url: 'https://evil.example/', tab: { id: 3 } };

type Listener = (message: unknown, sender: LockEventSender) => undefined;

function fakeRuntime() {
  const listeners = new Set<Listener>();
  const runtime: LockRuntime = {
    id: ID,
    getURL: (path) => `${ORIGIN}${path.replace(/^\//, '')}`,
    onMessage: { addListener: (l) => void listeners.add(l), removeListener: (l) => void listeners.delete(l) },
  };
  const broadcast = (sender: LockEventSender) => {
    for (const l of listeners) l({ event: 'tessera.locked', reason: 'user' }, sender);
  };
  return { runtime, listeners, broadcast };
}

const entries = (n: number) =>
  Array.from({ length: n }, (_, i) => ({ id: `id${i}`, name: `Site ${i}`, username: '', urls: [] }));

async function unlockedArea(names = 3) {
  const area = memoryArea();
  await area.set({ [EPOCH_SLOT]: 'e1', [FIRST_SCREEN_SLOT]: firstScreenOf(entries(names), 'e1') });
  return area;
}

/** The first read's answer, then the area changed under it: tells which of the two a read saw. */
async function startedThenChanged() {
  const area = await unlockedArea(3);
  const { runtime, listeners, broadcast } = fakeRuntime();
  startEarlyRead(area, runtime);
  await area.set({ [FIRST_SCREEN_SLOT]: firstScreenOf(entries(5), 'e1') });
  const get = vi.spyOn(area, 'get');
  return { area, get, listeners, broadcast };
}

afterEach(() => {
  // Nothing started by one test may answer another's read.
  void withEarlyRead(memoryArea()).get([EPOCH_SLOT, FIRST_SCREEN_SLOT]);
});

describe('popup early first-screen read', () => {
  it("answers the page's first read of the first screen, once; the next read goes to storage", async () => {
    const { area, get, listeners } = await startedThenChanged();
    const page = withEarlyRead(area);
    expect((await readFirstScreen(page))?.total).toBe(3);
    expect(get).not.toHaveBeenCalled();
    expect(listeners.size).toBe(0);
    expect((await readFirstScreen(withEarlyRead(area)))?.total).toBe(5);
    expect(get).toHaveBeenCalledTimes(1);
  });

  it('is not used after a lock broadcast from our background: storage is read again', async () => {
    const { area, get, broadcast } = await startedThenChanged();
    broadcast(BACKGROUND);
    await area.remove([EPOCH_SLOT, FIRST_SCREEN_SLOT]);
    expect(await readFirstScreen(withEarlyRead(area))).toBeNull();
    expect(get).toHaveBeenCalledTimes(1);
  });

  it("ignores a content script's imitation of the broadcast", async () => {
    const { area, get, broadcast } = await startedThenChanged();
    broadcast(CONTENT_SCRIPT);
    expect((await readFirstScreen(withEarlyRead(area)))?.total).toBe(3);
    expect(get).not.toHaveBeenCalled();
  });

  it('answers no other read, and without an early read every read goes to storage', async () => {
    const { area, get } = await startedThenChanged();
    await withEarlyRead(area).get([EPOCH_SLOT]);
    expect(get).toHaveBeenCalledTimes(1);
    // Taken by the read above, though it did not answer it.
    expect((await readFirstScreen(withEarlyRead(area)))?.total).toBe(5);
  });
});
