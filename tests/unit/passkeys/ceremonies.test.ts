// The ceremonies waiting for a person in Tessera's dialog (src/passkeys/flow/ceremonies.ts).
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  ANSWERED_WINDOW_GRACE_MS,
  type Ceremony,
  createCeremonies,
  MIN_TIMEOUT_MS,
} from '../../../src/passkeys/flow/ceremonies';

function setup() {
  const opened: string[] = [];
  const closed: number[] = [];
  let next = 0;
  let windowId = 100;
  const ceremonies = createCeremonies(
    {
      open: async (token) => {
        opened.push(token);
        return windowId++;
      },
      close: async (id) => {
        closed.push(id);
      },
    },
    () => `token-${String(next++).padStart(16, '0')}`,
  );
  return { ceremonies, opened, closed };
}

const ceremony = (tabId = 1, requestId = 'r1'): Omit<Ceremony, 'token'> => ({
  kind: 'get',
  tabId,
  frameId: 0,
  requestId,
  rpId: 'bank.example',
  caller: { origin: 'https://bank.example' },
  options: {},
});

describe('ceremonies', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('the person’s answer ends the ceremony once; its token then names nothing and its window closes, after the caller heard', async () => {
    const { ceremonies, opened, closed } = setup();
    const answer = ceremonies.begin(ceremony(), undefined);
    await vi.waitFor(() => expect(opened).toHaveLength(1));
    const token = opened[0] as string;
    expect(ceremonies.byToken(token)?.rpId).toBe('bank.example');
    const use = { action: 'use', itemId: 'item-1', credentialId: 'cred-1' } as const;
    expect(ceremonies.answer(token, use)).toBe(true);
    await expect(answer).resolves.toEqual(use);
    expect(ceremonies.answer(token, { action: 'cancel' })).toBe(false);
    expect(ceremonies.byToken(token)).toBeUndefined();
    // The answered window closes itself once the page has its reply; the background only makes sure.
    expect(closed).toEqual([]);
    vi.advanceTimersByTime(ANSWERED_WINDOW_GRACE_MS);
    expect(closed).toEqual([100]);
  });

  it('“the browser’s own”: the window is gone before the caller hears (Firefox refuses WebAuthn while another window is active)', async () => {
    const opened: string[] = [];
    const closing: (() => void)[] = [];
    const ceremonies = createCeremonies(
      {
        open: async (token) => {
          opened.push(token);
          return 7;
        },
        close: (id) =>
          new Promise<void>((resolve) => {
            expect(id).toBe(7);
            closing.push(resolve);
          }),
      },
      () => 'token-native-0000',
    );
    let heard: unknown;
    void ceremonies.begin(ceremony(), undefined)?.then((answer) => {
      heard = answer;
    });
    await vi.waitFor(() => expect(opened).toHaveLength(1));
    await Promise.resolve();
    expect(ceremonies.answer('token-native-0000', { action: 'native' })).toBe(true);
    // Spent at once, though the caller has not heard yet.
    expect(ceremonies.byToken('token-native-0000')).toBeUndefined();
    expect(ceremonies.answer('token-native-0000', { action: 'cancel' })).toBe(false);
    expect(closing).toHaveLength(1);
    await Promise.resolve();
    expect(heard).toBeUndefined();
    closing[0]?.();
    await vi.waitFor(() => expect(heard).toEqual({ action: 'native' }));
  });

  it('an ending that is not the person’s answer (the page’s abort) closes the window at once', async () => {
    const { ceremonies, opened, closed } = setup();
    const answer = ceremonies.begin(ceremony(1, 'mine'), undefined);
    await vi.waitFor(() => expect(opened).toHaveLength(1));
    await vi.waitFor(() => expect(ceremonies.byToken(opened[0] as string)).toBeDefined());
    await Promise.resolve();
    ceremonies.abort(1, 0, 'mine');
    await expect(answer).resolves.toEqual({ action: 'cancel' });
    expect(closed).toEqual([100]);
  });

  it('one dialog per tab: a second call from the tab gets null while the first waits; another tab gets its own', () => {
    const { ceremonies } = setup();
    expect(ceremonies.begin(ceremony(1), undefined)).not.toBeNull();
    expect(ceremonies.begin(ceremony(1, 'r2'), undefined)).toBeNull();
    expect(ceremonies.begin(ceremony(2), undefined)).not.toBeNull();
  });

  it('the window closing, the tab going away, the page’s abort and the timeout each cancel', async () => {
    const { ceremonies, opened } = setup();
    const closedWindow = ceremonies.begin(ceremony(1), undefined);
    await vi.waitFor(() => expect(opened).toHaveLength(1));
    ceremonies.windowClosed(100);
    await expect(closedWindow).resolves.toEqual({ action: 'cancel' });

    const tab = ceremonies.begin(ceremony(2), undefined);
    ceremonies.tabGone(2);
    await expect(tab).resolves.toEqual({ action: 'cancel' });

    const aborted = ceremonies.begin(ceremony(3, 'mine'), undefined);
    ceremonies.abort(3, 0, 'someone-else'); // only the call's own id aborts it
    ceremonies.abort(3, 0, 'mine');
    await expect(aborted).resolves.toEqual({ action: 'cancel' });

    const slow = ceremonies.begin(ceremony(4), 1); // below WebAuthn's floor: clamped up
    vi.advanceTimersByTime(MIN_TIMEOUT_MS - 1);
    let settled = false;
    void slow?.then(() => {
      settled = true;
    });
    await Promise.resolve();
    expect(settled).toBe(false);
    vi.advanceTimersByTime(1);
    await expect(slow).resolves.toEqual({ action: 'cancel' });
  });
});
