// The background's save offers (src/autofill/offer-service.ts): when the prompt is shown, who may
// read an offer, and what each answer writes. Browser APIs are in-memory fakes.

import { describe, expect, it } from 'vitest';
import {
  createOfferService,
  FOLLOW_MS,
  NAVIGATION_MS,
  type OfferVault,
  SPA_DELAY_MS,
} from '@/src/autofill/offer-service';
import { createTabMemory, SUBMISSION_REPEAT_MS } from '@/src/autofill/tab-memory';
import { Refusal } from '@/src/messages/router';
import { VaultError } from '@/src/vault/errors';
import type { Item, ItemInput } from '@/src/vault/types';

const PROMPT = 'chrome-extension://ext/save-prompt.html';
const PAGE = { tabId: 3, frameId: 0, url: 'https://example.com/login', origin: 'https://example.com' };
/** A content script's sender on another page of tab 3: the URL and its origin, as the browser reports them. */
const at = (url: string) => ({ ...PAGE, url, origin: new URL(url).origin });
const TYPED = { username: 'alice@example.com', password: 'pw-typed' };

function stored(id: string, extra: Partial<Item> = {}): Item {
  return {
    id,
    name: 'Example',
    username: 'alice@example.com',
    password: 'pw-old',
    urls: ['https://example.com/'],
    match: 'domain',
    favorite: true,
    notes: 'keep',
    totp: '',
    fields: [{ name: 'pin', value: '1234', hidden: true }],
    createdAt: 5,
    updatedAt: 6,
    ...extra,
  };
}

function setup(items: Item[] = []) {
  let locked = false;
  let clock = 0;
  let nextToken = 0;
  const timers: Array<() => void> = [];
  const prompts: Array<{ tabId: number; token: string | null }> = [];
  const writes: ItemInput[] = [];
  const never: string[] = [];
  const vault: OfferVault = {
    list: () => items,
    get: async (id) => items.find((item) => item.id === id) as Item,
    put: async (input) => {
      writes.push(input);
      return { ...(input as Item), id: input.id ?? 'new' };
    },
  };
  const memory = createTabMemory(() => clock);
  const service = createOfferService({
    memory,
    vault: async () => {
      if (locked) throw new VaultError('locked', 'locked');
      return vault;
    },
    neverSave: async () => [...never],
    addNeverSave: async (origin) => void never.push(origin),
    prompt: async (tabId, token) => {
      prompts.push({ tabId, token });
      return true;
    },
    token: () => `token-${String(++nextToken).padStart(16, '0')}`,
    setTimeout: (run) => void timers.push(run),
    now: () => clock,
  });
  const lastToken = () => prompts.filter((p) => p.token).at(-1)?.token ?? '';
  const prompt = (frameId = 9, tabId = PAGE.tabId) => ({ url: `${PROMPT}#x`, tabId, frameId });
  return {
    service,
    memory,
    prompts,
    writes,
    never,
    lastToken,
    prompt,
    runTimers: () => {
      for (const run of timers.splice(0)) run();
    },
    lock: (value: boolean) => (locked = value),
    advance: (ms: number) => (clock += ms),
  };
}

async function refusal(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof Refusal) return err.code;
    throw err;
  }
  throw new Error('expected a refusal');
}

describe('offer service', () => {
  it('shows the prompt after the navigation a form post starts, then saves on Save', async () => {
    const t = setup();
    await t.service.submitted(PAGE, TYPED);
    t.service.navigationStarted(PAGE.tabId);
    t.runTimers(); // the SPA timer finds a navigation under way: nothing yet
    expect(t.prompts).toEqual([]);
    await t.service.navigationCompleted(PAGE.tabId, 'https://example.com/home');
    expect(t.prompts).toEqual([{ tabId: PAGE.tabId, token: t.lastToken() }]);

    expect(await t.service.get(t.prompt(), t.lastToken())).toEqual({
      kind: 'save',
      host: 'example.com',
      username: 'alice@example.com',
    });
    expect(await t.service.resolve(t.prompt(), t.lastToken(), 'save')).toEqual({ done: true });
    expect(t.writes).toEqual([
      expect.objectContaining({
        username: 'alice@example.com',
        password: 'pw-typed',
        urls: ['https://example.com/'],
      }),
    ]);
    expect(t.prompts.at(-1)).toEqual({ tabId: PAGE.tabId, token: null });
    // Answered: the offer is gone.
    expect(await refusal(t.service.get(t.prompt(), t.lastToken()))).toBe('no-offer');
  });

  it('shows the prompt on the same page when no navigation follows (a single-page app)', async () => {
    const t = setup();
    await t.service.submitted(PAGE, TYPED);
    expect(t.prompts).toEqual([]);
    t.runTimers();
    await Promise.resolve();
    expect(t.prompts).toHaveLength(1);
    expect(SPA_DELAY_MS).toBeGreaterThan(0);
  });

  it('makes one offer of the same submission reported twice (at once, then by detection), even after it was dismissed', async () => {
    const t = setup();
    await Promise.all([t.service.submitted(PAGE, TYPED), t.service.submitted(PAGE, TYPED)]);
    t.runTimers();
    await Promise.resolve();
    expect(t.prompts).toHaveLength(1);
    await t.service.resolve(t.prompt(), t.lastToken(), 'dismiss');
    await t.service.submitted(PAGE, TYPED);
    t.runTimers();
    await Promise.resolve();
    expect(t.prompts.filter((p) => p.token)).toHaveLength(1);
    // A different reading of the form (another username) replaces the offer; so does the same
    // submission once SUBMISSION_REPEAT_MS has passed (the person tried again).
    await t.service.submitted(PAGE, { ...TYPED, username: 'bob' });
    t.runTimers();
    await Promise.resolve();
    expect(t.prompts.filter((p) => p.token)).toHaveLength(2);
    t.advance(SUBMISSION_REPEAT_MS);
    await t.service.submitted(PAGE, { ...TYPED, username: 'bob' });
    t.runTimers();
    await Promise.resolve();
    expect(t.prompts.filter((p) => p.token)).toHaveLength(3);
  });

  it('does not wait forever for a page load that never completed', async () => {
    const t = setup();
    t.service.navigationStarted(PAGE.tabId); // failed: no navigationCompleted follows
    await t.service.submitted(PAGE, TYPED);
    t.runTimers();
    expect(t.prompts).toEqual([]);
    t.advance(NAVIGATION_MS);
    await t.service.submitted(PAGE, TYPED);
    t.runTimers();
    await Promise.resolve();
    expect(t.prompts).toHaveLength(1);
  });

  it('updates only the password of the matching item, keeping everything else', async () => {
    const t = setup([stored('1')]);
    await t.service.submitted(PAGE, TYPED);
    t.runTimers();
    await Promise.resolve();
    expect(await t.service.get(t.prompt(), t.lastToken())).toMatchObject({
      kind: 'update',
      itemName: 'Example',
    });
    await t.service.resolve(t.prompt(), t.lastToken(), 'save');
    const { createdAt: _c, updatedAt: _u, ...rest } = stored('1');
    expect(t.writes).toEqual([{ ...rest, password: 'pw-typed' }]);
  });

  it('makes no offer when there is nothing to store', async () => {
    const t = setup([stored('1', { password: 'pw-typed' })]);
    await t.service.submitted(PAGE, { username: 'bob', password: '' });
    t.runTimers();
    await t.service.navigationCompleted(PAGE.tabId, PAGE.url);
    expect(t.prompts).toEqual([]);
  });

  it('shows the same prompt for the saved password as for another one: "saved" writes nothing', async () => {
    const t = setup([stored('1', { password: 'pw-typed' })]);
    await t.service.submitted(PAGE, TYPED);
    t.runTimers();
    await t.service.navigationCompleted(PAGE.tabId, PAGE.url);
    expect(t.prompts.filter((p) => p.token)).toHaveLength(1);
    expect(await t.service.get(t.prompt(), t.lastToken())).toEqual({
      kind: 'saved',
      host: 'example.com',
      username: 'alice@example.com',
      itemName: 'Example',
    });
    expect(await t.service.resolve(t.prompt(), t.lastToken(), 'save')).toEqual({ done: true });
    expect(t.writes).toEqual([]);
  });

  it('records "never" for the origin and offers nothing there afterwards', async () => {
    const t = setup();
    await t.service.submitted(PAGE, TYPED);
    await t.service.navigationCompleted(PAGE.tabId, PAGE.url);
    expect(await t.service.resolve(t.prompt(), t.lastToken(), 'never')).toEqual({ done: true });
    expect(t.never).toEqual(['https://example.com']);
    expect(t.writes).toEqual([]);
    await t.service.submitted(PAGE, TYPED);
    await t.service.navigationCompleted(PAGE.tabId, PAGE.url);
    expect(t.prompts.filter((p) => p.token)).toHaveLength(1);
  });

  it('"Not now" closes the prompt and writes nothing', async () => {
    const t = setup();
    await t.service.submitted(PAGE, TYPED);
    await t.service.navigationCompleted(PAGE.tabId, PAGE.url);
    expect(await t.service.resolve(t.prompt(), t.lastToken(), 'dismiss')).toEqual({ done: true });
    expect(t.writes).toEqual([]);
    expect(t.prompts.at(-1)?.token).toBeNull();
  });

  it('while locked: asks to unlock, writes nothing, and shows the real choice once unlocked', async () => {
    const t = setup([stored('1')]);
    t.lock(true);
    await t.service.submitted(PAGE, TYPED);
    await t.service.navigationCompleted(PAGE.tabId, PAGE.url);
    const token = t.lastToken();
    expect(await t.service.get(t.prompt(), token)).toMatchObject({ kind: 'locked' });
    expect(await t.service.resolve(t.prompt(), token, 'save')).toEqual({
      done: false,
      view: { kind: 'locked', host: 'example.com', username: 'alice@example.com' },
    });
    t.lock(false);
    expect(await t.service.resolve(t.prompt(), token, 'save')).toEqual({
      done: false,
      view: { kind: 'update', host: 'example.com', username: 'alice@example.com', itemName: 'Example' },
    });
    expect(t.writes).toEqual([]);
    await t.service.resolve(t.prompt(), token, 'save');
    expect(t.writes).toHaveLength(1);
  });

  it('gives the offer to no one but the first prompt frame of the tab with the token', async () => {
    const t = setup();
    await t.service.submitted(PAGE, TYPED);
    // Not armed yet: even the right tab gets nothing.
    expect(await refusal(t.service.get(t.prompt(), 'token-0000000000000001'))).toBe('no-offer');
    await t.service.navigationCompleted(PAGE.tabId, PAGE.url);
    const token = t.lastToken();
    expect(await refusal(t.service.get({ url: `${PROMPT}#x` }, token))).toBe('forbidden-sender');
    expect(
      await refusal(t.service.get({ ...t.prompt(), url: 'chrome-extension://ext/popup.html' }, token)),
    ).toBe('forbidden-sender');
    expect(await refusal(t.service.get(t.prompt(9), 'token-wrong-0000000000'))).toBe('no-offer');
    expect(await refusal(t.service.get(t.prompt(9, 4), token))).toBe('no-offer');
    await t.service.get(t.prompt(9), token);
    expect(await refusal(t.service.get(t.prompt(10), token))).toBe('no-offer');
    expect(await refusal(t.service.resolve(t.prompt(10), token, 'save'))).toBe('no-offer');
    expect(t.writes).toEqual([]);
  });

  it('drops a shown offer when the person moves on, and everything when the tab closes', async () => {
    const t = setup();
    await t.service.submitted(PAGE, TYPED);
    await t.service.navigationCompleted(PAGE.tabId, PAGE.url);
    t.advance(FOLLOW_MS);
    t.service.navigationStarted(PAGE.tabId);
    expect(await refusal(t.service.get(t.prompt(), t.lastToken()))).toBe('no-offer');
    await t.service.navigationCompleted(PAGE.tabId, PAGE.url);
    expect(t.prompts.filter((p) => p.token)).toHaveLength(1);

    await t.service.submitted(PAGE, TYPED);
    t.service.forgetTab(PAGE.tabId);
    await t.service.navigationCompleted(PAGE.tabId, PAGE.url);
    expect(t.prompts.filter((p) => p.token)).toHaveLength(1);
  });

  it('carries the username of a username-only page to the password page that follows', async () => {
    const t = setup([stored('1', { username: 'bob@example.com' })]);
    const step1 = at('https://login.example.com/identifier');
    await t.service.submitted(step1, { username: ' bob@example.com ', password: '' });
    expect(t.prompts).toEqual([]); // nothing to save on the first step
    // The saved item for that username now ranks first on the site, in that tab.
    expect(t.memory.account(PAGE.tabId, 'https://example.com/password')).toBe('1');
    await t.service.submitted(at('https://example.com/password'), { username: '', password: 'pw-typed' });
    await t.service.navigationCompleted(PAGE.tabId, 'https://example.com/home');
    expect(await t.service.get(t.prompt(), t.lastToken())).toEqual({
      kind: 'update',
      host: 'example.com',
      username: 'bob@example.com',
      itemName: 'Example',
    });
  });

  it('offers nothing for a sandboxed document (opaque origin), whose URL names the site', async () => {
    const t = setup();
    await t.service.submitted({ ...PAGE, origin: 'null' }, TYPED);
    t.runTimers();
    await t.service.navigationCompleted(PAGE.tabId, PAGE.url);
    expect(t.prompts).toEqual([]);
    expect(t.memory.offer(PAGE.tabId)).toBeUndefined();
  });

  it('does not carry a username to another site or another tab', async () => {
    const t = setup();
    await t.service.submitted(PAGE, { username: 'bob@example.com', password: '' });
    await t.service.submitted(at('https://other.org/pw'), { username: '', password: 'pw' });
    await t.service.submitted({ ...PAGE, tabId: 4 }, { username: '', password: 'pw' });
    t.runTimers();
    await t.service.navigationCompleted(PAGE.tabId, PAGE.url);
    await t.service.navigationCompleted(4, PAGE.url);
    expect(t.prompts).toEqual([]);
  });

  it('follows a page that a script replaces right after the prompt appeared, with a new token', async () => {
    const t = setup();
    await t.service.submitted(PAGE, TYPED);
    await t.service.navigationCompleted(PAGE.tabId, PAGE.url);
    const first = t.lastToken();
    await t.service.get(t.prompt(9), first);
    t.advance(FOLLOW_MS - 1);
    t.service.navigationStarted(PAGE.tabId);
    await t.service.navigationCompleted(PAGE.tabId, 'https://example.com/home');
    const second = t.lastToken();
    expect(second).not.toBe(first);
    expect(await refusal(t.service.get(t.prompt(9), first))).toBe('no-offer');
    // The new page's prompt frame (a new frame id) gets it.
    expect(await t.service.get(t.prompt(12), second)).toMatchObject({ kind: 'save' });
  });
});
