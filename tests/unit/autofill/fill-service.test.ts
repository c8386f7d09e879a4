// The background's fill rules (src/autofill/fill-service.ts): which frames get a login, and every
// refusal. Browser APIs are replaced by in-memory frames and a recording `send`.

import { describe, expect, it } from 'vitest';
import type { FillCommand, FillResult } from '@/src/autofill/content/fill';
import { createFillService, type FrameInfo, planFill } from '@/src/autofill/fill-service';
import { createTabMemory } from '@/src/autofill/tab-memory';
import { Refusal } from '@/src/messages/router';
import type { Item } from '@/src/vault/types';
import { testItem } from './test-item';

const item = (id: string, urls: string[], extra: Partial<Item> = {}) => testItem(id, { urls, ...extra });

const frame = (frameId: number, url: string, parentFrameId = frameId === 0 ? -1 : 0): FrameInfo => ({
  frameId,
  parentFrameId,
  url,
});

function setup(
  items: Item[],
  frames: FrameInfo[],
  reply: (f: FrameInfo) => FillResult = () => ({ ok: true, filled: 2 }),
  /** Frames whose parent hides them (0x0, transparent, covered...); every other one is shown. */
  hidden: readonly number[] = [],
) {
  const sent: Array<{ frameId: number; command: FillCommand }> = [];
  const probed: Array<[number, number]> = [];
  let now = 1000;
  const service = createFillService({
    frames: async () => frames,
    send: async (_tab, f, command) => {
      sent.push({ frameId: f.frameId, command });
      return reply(f);
    },
    shownByParent: async (_tab, child, parent) => {
      probed.push([child.frameId, parent.frameId]);
      return !hidden.includes(child.frameId);
    },
    vault: async () => ({
      list: () => items,
      get: async (id) => {
        const found = items.find((i) => i.id === id);
        if (!found) throw new Error('not found');
        return found;
      },
    }),
    now: () => now,
  });
  return { service, sent, probed, tick: (ms: number) => (now += ms) };
}

async function refusal(promise: Promise<unknown>): Promise<Refusal> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof Refusal) return err;
    throw err;
  }
  throw new Error('expected a refusal');
}

const BANK = item('bank', ['https://bank.example/login']);

describe('planFill', () => {
  it('judges each frame by its own URL, never by the top page', () => {
    const plan = planFill(BANK, [
      frame(0, 'https://news.example/'),
      frame(1, 'https://bank.example/embed'),
      frame(2, 'https://evil.example/?u=https://bank.example'),
      frame(3, 'about:blank'),
    ]);
    expect(plan.sameOrigin).toEqual([]);
    expect([...plan.crossOrigin.keys()]).toEqual(['https://bank.example']);
  });

  it('never plans a frame whose URL names no web origin: about:blank, about:srcdoc, data:, blob:', () => {
    // Their origin is the parent's or opaque; the URL cannot say which, so none is ever filled.
    const plan = planFill(BANK, [
      frame(0, 'https://bank.example/login'),
      frame(1, 'about:blank'),
      frame(2, 'about:srcdoc'),
      frame(3, 'data:text/html,<form><input type=password></form>'),
      frame(4, 'blob:https://bank.example/0b5c'),
    ]);
    expect(plan.sameOrigin.map((f) => f.frameId)).toEqual([0]);
    expect(plan.crossOrigin.size).toBe(0);
  });

  it('never matches an https item in an http frame', () => {
    const plan = planFill(BANK, [frame(0, 'http://bank.example/login')]);
    expect(plan.sameOrigin).toEqual([]);
    expect(plan.crossOrigin.size).toBe(0);
  });
});

describe('fill', () => {
  it('sends the login to the matching frames of the top origin only', async () => {
    const { service, sent } = setup(
      [BANK],
      [
        frame(0, 'https://bank.example/login'),
        frame(1, 'https://ads.example/'),
        frame(2, 'https://bank.example/x'),
      ],
    );
    const outcome = await service.fill({ tabId: 1, itemId: 'bank', pageUrl: 'https://bank.example/login' });
    expect(outcome).toEqual({ filled: 4, origin: 'https://bank.example' });
    expect(sent.map((s) => s.frameId)).toEqual([0, 2]);
    expect(sent[0]?.command).toEqual({
      type: 'tessera.fill',
      origin: 'https://bank.example',
      username: 'bank@example.com',
      password: 'pw-bank',
    });
  });

  it('refuses when the tab moved to another site after the popup read it', async () => {
    const { service, sent } = setup([BANK], [frame(0, 'https://evil.example/login')]);
    const err = await refusal(
      service.fill({ tabId: 1, itemId: 'bank', pageUrl: 'https://bank.example/login' }),
    );
    expect(err.code).toBe('navigated');
    expect(sent).toEqual([]);
  });

  it('refuses an item that is not for the page', async () => {
    const { service, sent } = setup([BANK], [frame(0, 'https://bank.example.evil.example/')]);
    const err = await refusal(
      service.fill({ tabId: 1, itemId: 'bank', pageUrl: 'https://bank.example.evil.example/' }),
    );
    expect(err.code).toBe('no-match');
    expect(sent).toEqual([]);
  });

  it('asks before filling a cross-origin frame, naming its origin, and fills it once confirmed', async () => {
    const frames = [frame(0, 'https://news.example/'), frame(1, 'https://bank.example/embed')];
    const { service, sent } = setup([BANK], frames);
    const request = { tabId: 1, itemId: 'bank', pageUrl: 'https://news.example/' };
    const err = await refusal(service.fill(request));
    expect(err.code).toBe('confirm-frame');
    expect(err.origin).toBe('https://bank.example');
    expect(sent).toEqual([]);
    const wrong = await refusal(service.fill({ ...request, confirmFrameOrigin: 'https://other.example' }));
    expect(wrong.code).toBe('confirm-frame');
    expect(await service.fill({ ...request, confirmFrameOrigin: 'https://bank.example' })).toEqual({
      filled: 2,
      origin: 'https://bank.example',
    });
    expect(sent.map((s) => [s.frameId, s.command.origin])).toEqual([[1, 'https://bank.example']]);
  });

  it('after the confirmation fills one frame of that origin: the first its parents show, never a hidden one', async () => {
    const frames = [
      frame(0, 'https://news.example/'),
      frame(1, 'https://bank.example/a'), // hidden by the top page (opacity 0, 0x0, ...)
      frame(2, 'https://news.example/box'),
      frame(3, 'https://bank.example/b', 2), // shown by its parent, which the top page hides
      frame(4, 'https://bank.example/c'), // shown all the way up
      frame(5, 'https://bank.example/d'), // shown too, but one frame is enough
    ];
    const { service, sent, probed } = setup([BANK], frames, undefined, [1, 2]);
    const request = {
      tabId: 1,
      itemId: 'bank',
      pageUrl: 'https://news.example/',
      confirmFrameOrigin: 'https://bank.example',
    };
    expect(await service.fill(request)).toEqual({ filled: 2, origin: 'https://bank.example' });
    expect(sent.map((s) => s.frameId)).toEqual([4]);
    // Each candidate is judged up the chain: frame 3 in 2, then 2 in the top page.
    expect(probed).toEqual([
      [1, 0],
      [3, 2],
      [2, 0],
      [4, 0],
    ]);
  });

  it("after the confirmation, fills nothing when no frame of that origin is shown: 'no-form'", async () => {
    const frames = [
      frame(0, 'https://news.example/'),
      frame(1, 'https://bank.example/a'),
      frame(2, 'https://bank.example/b'),
    ];
    const { service, sent } = setup([BANK], frames, undefined, [1, 2]);
    const err = await refusal(
      service.fill({
        tabId: 1,
        itemId: 'bank',
        pageUrl: 'https://news.example/',
        confirmFrameOrigin: 'https://bank.example',
      }),
    );
    expect(err.code).toBe('no-form');
    expect(sent).toEqual([]);
  });

  it("passes the content script's form-action refusal on, with the origin, and the confirmation back", async () => {
    const { service, sent } = setup([BANK], [frame(0, 'https://bank.example/login')], () => ({
      ok: false,
      code: 'confirm-action',
      origin: 'https://collector.example',
    }));
    const request = { tabId: 1, itemId: 'bank', pageUrl: 'https://bank.example/login' };
    const err = await refusal(service.fill(request));
    expect(err.code).toBe('confirm-action');
    expect(err.origin).toBe('https://collector.example');
    await refusal(service.fill({ ...request, confirmActionOrigin: 'https://collector.example' }));
    expect(sent[1]?.command.confirmActionOrigin).toBe('https://collector.example');
  });

  it("refuses with 'sandboxed' when the content script found its document's origin opaque, on every path", async () => {
    // The top document is the bank's URL, but a CSP sandbox (or a sandboxed frame) makes it no site.
    const { service } = setup([BANK], [frame(0, 'https://bank.example/login')], () => ({
      ok: false,
      code: 'sandboxed',
    }));
    const fill = await refusal(
      service.fill({ tabId: 1, itemId: 'bank', pageUrl: 'https://bank.example/login' }),
    );
    expect(fill.code).toBe('sandboxed');
    expect(fill.message).toMatch(/sandboxed frame.*Nothing was filled/);
    expect((await refusal(service.fillNext(1))).code).toBe('sandboxed');
  });

  it("reports 'no-form' when no frame had a visible login form", async () => {
    const { service } = setup([BANK], [frame(0, 'https://bank.example/')], () => ({
      ok: false,
      code: 'no-form',
    }));
    const err = await refusal(service.fill({ tabId: 1, itemId: 'bank', pageUrl: 'https://bank.example/' }));
    expect(err.code).toBe('no-form');
  });
});

describe('matchesForTab and fillNext', () => {
  const items = [
    item('site', ['https://example.com'], { updatedAt: 5 }),
    item('exact', ['https://www.example.com'], { updatedAt: 1 }),
    item('other', ['https://example.org']),
  ];

  it('lists the matches for the top page, exact host first, without secrets', async () => {
    const { service } = setup(items, [frame(0, 'https://www.example.com/login')]);
    const result = await service.matchesForTab(1);
    expect(result.url).toBe('https://www.example.com/login');
    expect(result.matches).toEqual([
      { id: 'exact', name: 'exact', username: 'exact@example.com', reason: 'exact-host' },
      { id: 'site', name: 'site', username: 'site@example.com', reason: 'same-site' },
    ]);
    expect(JSON.stringify(result)).not.toContain('pw-');
  });

  it('fills the best match, then cycles on repeat, and starts over after a pause', async () => {
    const { service, tick } = setup(items, [frame(0, 'https://www.example.com/login')]);
    expect((await service.fillNext(1)).itemId).toBe('exact');
    tick(1000);
    expect((await service.fillNext(1)).itemId).toBe('site');
    tick(1000);
    expect((await service.fillNext(1)).itemId).toBe('exact');
    tick(60_000);
    expect((await service.fillNext(1)).itemId).toBe('exact');
  });

  it("counts a content script's matches from its page URL, and an https-only item never on http", async () => {
    const { service } = setup(items, []);
    expect(await service.countFor('https://www.example.com/login')).toBe(2);
    expect(await service.countFor('http://www.example.com/login')).toBe(0);
    expect(await service.countFor('https://example.org/')).toBe(1);
  });

  it('refuses the shortcut on a page without matches', async () => {
    const { service } = setup(items, [frame(0, 'http://www.example.com/login')]);
    expect((await refusal(service.fillNext(1))).code).toBe('no-match');
  });

  it('refuses when the tab is gone', async () => {
    const { service } = setup(items, []);
    expect((await refusal(service.matchesForTab(1))).code).toBe('no-tab');
  });
});

describe('one-time codes', () => {
  const SITE = 'https://site.example/login';
  const WITH_CODE = item('coded', ['https://site.example/'], { totp: 'JBSWY3DPEHPK3PXP' });
  const PLAIN = item('plain', ['https://site.example/']);

  function codeSetup(replies: Record<number, FillResult>, options: { copy?: boolean } = {}) {
    const sentLogins: Array<{ frameId: number; command: FillCommand }> = [];
    const sentCodes: Array<{ frameId: number; code: string }> = [];
    const copied: string[] = [];
    const memory = createTabMemory(() => 1000);
    const frames = [frame(0, SITE), frame(1, 'https://site.example/frame')];
    let codes = 0;
    const service = createFillService({
      frames: async () => frames,
      send: async (_tab, f, command) => {
        sentLogins.push({ frameId: f.frameId, command });
        return replies[f.frameId] ?? { ok: false, code: 'no-form' };
      },
      sendCode: async (_tab, f, command) => {
        sentCodes.push({ frameId: f.frameId, code: command.code });
        return { ok: true, filled: 1 };
      },
      oneTimeCode: (it) => (it.totp ? `${++codes}`.padStart(6, '0') : null),
      copyCode: async (c) => {
        copied.push(c);
        return options.copy ?? false;
      },
      shownByParent: async () => true,
      vault: async () => ({
        list: () => [PLAIN, WITH_CODE],
        get: async (id) => [PLAIN, WITH_CODE].find((i) => i.id === id)!,
      }),
      now: () => 1000,
      memory,
    });
    return { service, sentLogins, sentCodes, copied, memory };
  }

  it('computes the code after the login fill and sends it only to the frame that showed a code field', async () => {
    const { service, sentLogins, sentCodes } = codeSetup({
      0: { ok: true, filled: 2, wantsCode: true },
      1: { ok: true, filled: 2 },
    });
    const outcome = await service.fill({ tabId: 1, itemId: 'coded', pageUrl: SITE });
    expect(outcome).toEqual({ filled: 5, origin: 'https://site.example', code: 'filled' });
    // The login command says a code exists, and carries no code itself.
    expect(sentLogins.every(({ command }) => command.hasCode === true && !('code' in command))).toBe(true);
    // Computed again just before it is sent (the first call only asked whether there is one).
    expect(sentCodes).toEqual([{ frameId: 0, code: '000002' }]);
  });

  it('fills the code page of the next step, and ranks the login with the code first there', async () => {
    const { service, sentCodes, memory } = codeSetup({ 0: { ok: true, filled: 2 } });
    await service.fill({ tabId: 1, itemId: 'coded', pageUrl: SITE });
    expect(memory.account(1, 'https://site.example/2fa')).toBe('coded');
    expect((await service.matchesForTab(1)).matches.map((m) => m.id)).toEqual(['coded', 'plain']);
    expect((await service.matchesForUrl('https://site.example/2fa', 1)).map((m) => m.id)).toEqual([
      'coded',
      'plain',
    ]);
    const next = codeSetup({ 0: { ok: true, filled: 0, wantsCode: true } });
    expect(await next.service.fill({ tabId: 1, itemId: 'coded', pageUrl: SITE })).toEqual({
      filled: 1,
      origin: 'https://site.example',
      code: 'filled',
    });
    expect(sentCodes).toEqual([]);
    expect(next.sentCodes).toEqual([{ frameId: 0, code: '000002' }]);
  });

  it('refuses a login without a code on a page that asks only for a code, naming it', async () => {
    const { service, sentCodes } = codeSetup({ 0: { ok: false, code: 'code-only' } });
    const refused = await refusal(service.fill({ tabId: 1, itemId: 'plain', pageUrl: SITE }));
    expect(refused.code).toBe('no-code');
    expect(refused.message).toContain('"plain" has none saved');
    expect(sentCodes).toEqual([]);
  });

  it('never sends a code for a login without one, and copies only when the page had no code field', async () => {
    const plain = codeSetup({ 0: { ok: true, filled: 2 } });
    expect(await plain.service.fill({ tabId: 1, itemId: 'plain', pageUrl: SITE })).toEqual({
      filled: 2,
      origin: 'https://site.example',
    });
    expect(plain.sentLogins[0]?.command.hasCode).toBeUndefined();
    expect(plain.copied).toEqual([]);

    const copying = codeSetup({ 0: { ok: true, filled: 2 } }, { copy: true });
    expect(await copying.service.fill({ tabId: 1, itemId: 'coded', pageUrl: SITE })).toEqual({
      filled: 2,
      origin: 'https://site.example',
      code: 'copied',
    });
    expect(copying.copied).toHaveLength(1);

    const filledCode = codeSetup({ 0: { ok: true, filled: 2, wantsCode: true } }, { copy: true });
    await filledCode.service.fill({ tabId: 1, itemId: 'coded', pageUrl: SITE });
    expect(filledCode.copied).toEqual([]);
  });

  it('reports no copy when the setting is off (copyCode answers false)', async () => {
    const { service, copied } = codeSetup({ 0: { ok: true, filled: 2 } });
    expect(await service.fill({ tabId: 1, itemId: 'coded', pageUrl: SITE })).toEqual({
      filled: 2,
      origin: 'https://site.example',
    });
    expect(copied).toHaveLength(1);
  });
});
