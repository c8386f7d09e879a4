// The inline menu's pure parts: arm bookkeeping (menu-arms.ts), placement and "moved" checks
// (menu-geometry.ts), the clickjacking clock (menu-guard.ts), the background's menu service
// (menu-service.ts) with fake browser APIs, and the fill service limited to one frame.

import { describe, expect, it } from 'vitest';
import type { FillCommand, FillResult } from '@/src/autofill/content/fill';
import { createFillService, type FrameInfo } from '@/src/autofill/fill-service';
import { ARM_LIFETIME_MS, CLAIM_WINDOW_MS, createMenuArms } from '@/src/autofill/menu-arms';
import { menuBox, menuHeight, samePlace } from '@/src/autofill/menu-geometry';
import { createMenuGuard, MIN_VISIBLE_MS } from '@/src/autofill/menu-guard';
import { createMenuService, type MenuCommand } from '@/src/autofill/menu-service';
import { Refusal } from '@/src/messages/router';
import type { SenderInfo } from '@/src/messages/sender';
import type { Item } from '@/src/vault/types';
import { testItem } from './test-item';

const TOP = 'https://bank.example/login';

function clock() {
  let now = 1_000;
  let n = 0;
  return { now: () => now, tick: (ms: number) => (now += ms), token: () => `token-${++n}` };
}

const armed = (frameId = 0, extra: { documentId?: string; origin?: string; url?: string } = {}) => ({
  tabId: 7,
  frameId,
  url: extra.url ?? TOP,
  origin: extra.origin ?? 'https://bank.example',
  topUrl: TOP,
  ...(extra.documentId ? { documentId: extra.documentId } : {}),
});

describe('menu arms', () => {
  it('a token is claimed once, by one menu frame in the same tab, within the claim window', () => {
    const c = clock();
    const arms = createMenuArms(c);
    const token = arms.arm(armed());
    expect(arms.claim('made-up', { tabId: 7, frameId: 3 })).toBe('no-arm');
    expect(arms.claim(token, { tabId: 8, frameId: 3 })).toBe('no-arm');
    expect(arms.claim(token, { tabId: 7, frameId: 3 })).toMatchObject({ frameId: 0, menuFrameId: 3 });
    // Another frame presenting the same token (a page that learnt it) is refused; the claimer is not.
    expect(arms.claim(token, { tabId: 7, frameId: 4 })).toBe('claimed');
    expect(arms.use(token, { tabId: 7, frameId: 4 })).toBe('claimed');
    expect(arms.use(token, { tabId: 7, frameId: 3 })).toMatchObject({ menuFrameId: 3 });
  });

  it('an unclaimed arm expires after the claim window; a claimed one after its lifetime', () => {
    const c = clock();
    const arms = createMenuArms(c);
    const late = arms.arm(armed(0));
    c.tick(CLAIM_WINDOW_MS + 1);
    expect(arms.claim(late, { tabId: 7, frameId: 3 })).toBe('expired');
    const token = arms.arm(armed(1));
    expect(arms.use(token, { tabId: 7, frameId: 3 })).toBe('no-arm'); // never claimed
    expect(arms.claim(token, { tabId: 7, frameId: 3 })).not.toBeTypeOf('string');
    c.tick(ARM_LIFETIME_MS + 1);
    expect(arms.use(token, { tabId: 7, frameId: 3 })).toBe('expired');
  });

  it('one arm per frame; navigation and closed tabs drop arms', () => {
    const c = clock();
    const arms = createMenuArms(c);
    const first = arms.arm(armed(0));
    const second = arms.arm(armed(0));
    expect(arms.claim(first, { tabId: 7, frameId: 3 })).toBe('no-arm');
    expect(arms.size()).toBe(1);
    arms.forgetFrame(7, 0);
    expect(arms.claim(second, { tabId: 7, frameId: 3 })).toBe('no-arm');
    arms.arm(armed(1));
    arms.arm(armed(2));
    arms.forgetTab(7);
    expect(arms.size()).toBe(0);
  });
});

describe('menu geometry', () => {
  const viewport = { width: 1000, height: 800 };

  it('goes under the field, left-aligned, or above it when there is no room below', () => {
    const field = { top: 100, left: 50, width: 200, height: 30 };
    expect(menuBox(field, 1, viewport)).toEqual({ top: 134, left: 50, width: 300, height: menuHeight(1) });
    const low = { top: 700, left: 50, width: 200, height: 30 };
    const box = menuBox(low, 3, viewport);
    expect(box.top + box.height).toBeLessThanOrEqual(low.top);
  });

  it('stays inside the viewport', () => {
    const box = menuBox({ top: 10, left: 900, width: 100, height: 20 }, 9, { width: 320, height: 200 });
    expect(box.left).toBeGreaterThanOrEqual(0);
    expect(box.left + box.width).toBeLessThanOrEqual(320);
    expect(box.top).toBeGreaterThanOrEqual(0);
    expect(menuHeight(9)).toBe(menuHeight(4)); // at most four rows; the list scrolls
  });

  it('a field one pixel away has moved', () => {
    const rect = { top: 10, left: 10, width: 100, height: 20 };
    expect(samePlace(rect, { ...rect, top: 10.4 })).toBe(true);
    expect(samePlace(rect, { ...rect, top: 11 })).toBe(false);
    expect(samePlace(rect, { ...rect, width: 99 })).toBe(false);
  });
});

describe('menu guard', () => {
  it('refuses until the menu has been visible for MIN_VISIBLE_MS, and restarts on a move', () => {
    const c = clock();
    const guard = createMenuGuard({ now: c.now, tracksVisibility: false });
    expect(guard.check()).toBe('too-soon');
    c.tick(MIN_VISIBLE_MS);
    expect(guard.check()).toBeNull();
    guard.moved();
    c.tick(MIN_VISIBLE_MS - 1);
    expect(guard.check()).toBe('too-soon');
  });

  it('with visibility tracking: covered until reported visible, and the clock starts then', () => {
    const c = clock();
    const guard = createMenuGuard({ now: c.now, tracksVisibility: true });
    c.tick(MIN_VISIBLE_MS * 2);
    expect(guard.check()).toBe('covered');
    guard.visibility(true);
    expect(guard.check()).toBe('too-soon');
    c.tick(MIN_VISIBLE_MS);
    expect(guard.check()).toBeNull();
    guard.visibility(false);
    expect(guard.check()).toBe('covered');
    guard.visibility(true);
    expect(guard.check()).toBe('too-soon');
  });
});

const item = (id: string, urls: string[]) => testItem(id, { urls });

const MENU_URL = 'chrome-extension://ext/inline-menu.html';

function setup(frames: FrameInfo[], check: unknown = { ok: true }) {
  const c = clock();
  const items = [item('bank', ['https://bank.example/']), item('widget', ['https://widget.example/'])];
  const sent: Array<{ frameId: number; command: FillCommand }> = [];
  const asked: Array<{ frameId: number; command: MenuCommand }> = [];
  const fill = createFillService({
    frames: async () => frames,
    send: async (_tab, frame, command): Promise<FillResult> => {
      sent.push({ frameId: frame.frameId, command });
      return { ok: true, filled: 2 };
    },
    // The menu's frame is in view: the parent-side check is fill-service.test.ts's.
    shownByParent: async () => true,
    vault: async () => ({
      list: () => items,
      get: async (id) => items.find((i) => i.id === id) as Item,
    }),
    now: c.now,
  });
  const arms = createMenuArms(c);
  const service = createMenuService({
    fill,
    arms,
    menuUrl: MENU_URL,
    frame: async (_tab, frameId) => frames.find((f) => f.frameId === frameId) ?? null,
    ask: async (_tab, target, command) => {
      asked.push({ frameId: target.frameId, command });
      return command.type === 'tessera.menu.check' ? check : null;
    },
  });
  return { service, sent, asked, items, frames };
}

const content = (
  frameId: number,
  url: string,
  documentId?: string,
): Extract<SenderInfo, { kind: 'content' }> => ({
  kind: 'content',
  tabId: 7,
  frameId,
  url,
  origin: new URL(url).origin,
  ...(documentId ? { documentId } : {}),
});
const menuPage = (frameId: number, url = `${MENU_URL}#x`): SenderInfo => ({
  kind: 'page',
  url,
  tabId: 7,
  frameId,
});

async function refusal(promise: Promise<unknown>): Promise<Refusal> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof Refusal)) throw new Error(`expected a Refusal, got ${String(error)}`);
  return error;
}

describe('menu service', () => {
  const top: FrameInfo = { frameId: 0, parentFrameId: -1, url: TOP, documentId: 'doc-top' };
  const widget: FrameInfo = {
    frameId: 5,
    parentFrameId: 0,
    url: 'https://widget.example/in',
    documentId: 'doc-w',
  };
  const twin: FrameInfo = {
    frameId: 6,
    parentFrameId: 0,
    url: 'https://bank.example/again',
    documentId: 'doc-t',
  };

  it('arms only a frame with logins, lists only overviews for that frame, fills only that frame', async () => {
    const { service, sent, asked } = setup([top, widget, twin]);
    expect(await service.open(content(0, 'https://nothing.example/'), async () => TOP)).toEqual({ count: 0 });
    const opened = await service.open(content(0, TOP, 'doc-top'), async () => TOP);
    expect(opened.count).toBe(1);
    const token = opened.token as string;
    const items = await service.items(token, menuPage(9));
    expect(items).toEqual({
      matches: [{ id: 'bank', name: 'bank', username: 'bank@example.com', reason: 'exact-host' }],
      origin: 'https://bank.example',
      crossOrigin: false,
    });
    expect(JSON.stringify(items)).not.toContain('pw-');
    await service.fill({ token, itemId: 'bank' }, menuPage(9));
    // Checked with the content script first, then filled: the top frame only, not its same-origin twin.
    expect(asked.map((a) => a.command.type)).toEqual(['tessera.menu.check', 'tessera.menu.close']);
    expect(sent.map((s) => s.frameId)).toEqual([0]);
    // The arm is spent.
    expect((await refusal(service.fill({ token, itemId: 'bank' }, menuPage(9)))).code).toBe('menu-refused');
  });

  it('refuses other senders: another page, no tab, another menu frame, the wrong token', async () => {
    const { service } = setup([top]);
    const { token } = await service.open(content(0, TOP, 'doc-top'), async () => TOP);
    const t = token as string;
    expect((await refusal(service.items(t, menuPage(9, 'chrome-extension://ext/popup.html')))).code).toBe(
      'menu-refused',
    );
    expect((await refusal(service.items(t, { kind: 'page', url: MENU_URL }))).code).toBe('menu-refused');
    expect((await refusal(service.items('guess', menuPage(9)))).code).toBe('menu-refused');
    await service.items(t, menuPage(9));
    expect((await refusal(service.items(t, menuPage(10)))).code).toBe('menu-refused');
    expect((await refusal(service.fill({ token: t, itemId: 'bank' }, menuPage(10)))).code).toBe(
      'menu-refused',
    );
  });

  it('after the frame navigated, the old arm is never used', async () => {
    const frames = [top];
    const { service, sent } = setup(frames);
    const { token } = await service.open(content(0, TOP, 'doc-top'), async () => TOP);
    frames[0] = { ...top, documentId: 'doc-next' };
    expect((await refusal(service.items(token as string, menuPage(9)))).code).toBe('navigated');
    expect(sent).toEqual([]);
  });

  it('nothing is filled when the content script says the menu or field is covered or moved', async () => {
    const { service, sent } = setup([top], { ok: false });
    const { token } = await service.open(content(0, TOP, 'doc-top'), async () => TOP);
    await service.items(token as string, menuPage(9));
    expect((await refusal(service.fill({ token: token as string, itemId: 'bank' }, menuPage(9)))).code).toBe(
      'menu-covered',
    );
    expect(sent).toEqual([]);
  });

  it('a cross-origin frame gets its own logins, after a confirmation naming its origin', async () => {
    const { service, sent } = setup([top, widget]);
    const { token } = await service.open(content(5, widget.url, 'doc-w'), async () => TOP);
    const t = token as string;
    const items = await service.items(t, menuPage(9));
    expect(items.matches.map((m) => m.id)).toEqual(['widget']);
    expect(items.crossOrigin).toBe(true);
    const asked = await refusal(service.fill({ token: t, itemId: 'widget' }, menuPage(9)));
    expect(asked).toMatchObject({ code: 'confirm-frame', origin: 'https://widget.example' });
    expect(sent).toEqual([]);
    // Another frame's item is not for this frame, confirmed or not.
    const wrong = await refusal(
      service.fill({ token: t, itemId: 'bank', confirmFrameOrigin: 'https://bank.example' }, menuPage(9)),
    );
    expect(wrong.code).toBe('no-match');
    await service.fill(
      { token: t, itemId: 'widget', confirmFrameOrigin: 'https://widget.example' },
      menuPage(9),
    );
    expect(sent.map((s) => [s.frameId, s.command.username])).toEqual([[5, 'widget@example.com']]);
  });
});

describe('fill service, one frame', () => {
  it('refuses when the frame is gone or shows another document', async () => {
    const frames: FrameInfo[] = [{ frameId: 0, parentFrameId: -1, url: TOP, documentId: 'a' }];
    const fill = createFillService({
      frames: async () => frames,
      send: async () => ({ ok: true, filled: 1 }),
      shownByParent: async () => true,
      vault: async () => ({ list: () => [], get: async () => item('bank', ['https://bank.example/']) }),
      now: () => 0,
    });
    const base = { tabId: 7, itemId: 'bank', pageUrl: TOP };
    expect((await refusal(fill.fill({ ...base, frame: { frameId: 0, documentId: 'b' } }))).code).toBe(
      'navigated',
    );
    expect((await refusal(fill.fill({ ...base, frame: { frameId: 3 } }))).code).toBe('navigated');
    expect(await fill.fill({ ...base, frame: { frameId: 0, documentId: 'a' } })).toEqual({
      filled: 1,
      origin: 'https://bank.example',
    });
  });
});
