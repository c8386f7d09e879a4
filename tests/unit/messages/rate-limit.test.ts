// Issue 13 item 5 (rate limit): a tab's content scripts and framed pages share per-frame and
// per-tab token buckets; a page looping requests gets clear 'throttled' refusals, the popup never.
import { describe, expect, it, vi } from 'vitest';
import type { Response } from '../../../src/messages/protocol';
import { createRateLimiter, DEFAULT_TAB_LIMITS } from '../../../src/messages/rate-limit';
import { createRouter, type Handlers } from '../../../src/messages/router';
import { contentSender, EXT_ID, EXT_ORIGIN, pageSender } from './senders';

const LIMITS = { frame: { capacity: 5, perSecond: 2 }, tab: { capacity: 8, perSecond: 4 } };

function clock() {
  let t = 1_000_000;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

function setup() {
  const time = clock();
  const log = vi.fn();
  const handlers = new Proxy({} as Handlers, { get: () => () => ({ count: 0 }) });
  const route = createRouter(handlers, {
    extensionId: EXT_ID,
    extensionOrigin: EXT_ORIGIN,
    log,
    now: time.now,
    tabLimits: LIMITS,
  });
  return { route, log, time };
}

const open = { type: 'autofill.menu.open' };
const code = (r: Response) => (r.ok ? 'ok' : r.error.code);

async function codes(route: ReturnType<typeof setup>['route'], n: number, sender = contentSender()) {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(code(await route(open, sender)));
  return out;
}

describe('per-tab rate limit in the router', () => {
  it('answers a frame up to its capacity, then refuses with a clear throttled error and a wait', async () => {
    const { route } = setup();
    expect(await codes(route, 5)).toEqual(['ok', 'ok', 'ok', 'ok', 'ok']);
    const reply = await route(open, contentSender());
    expect(reply).toEqual({
      ok: false,
      error: {
        code: 'throttled',
        message: 'Too many requests from this tab. Try again in 1 s.',
        retryAfterMs: 500,
      },
    });
  });

  it('refills with time: after the wait it answers again', async () => {
    const { route, time } = setup();
    await codes(route, 6);
    time.advance(499);
    expect(code(await route(open, contentSender()))).toBe('throttled');
    time.advance(1);
    expect(code(await route(open, contentSender()))).toBe('ok');
    expect(code(await route(open, contentSender()))).toBe('throttled');
  });

  it('bounds a tab that spreads its loop over many frames', async () => {
    const { route } = setup();
    const answered: string[] = [];
    for (let frame = 0; frame < 20; frame++) answered.push(code(await route(open, contentSender(frame))));
    expect(answered.filter((c) => c === 'ok')).toHaveLength(8);
    expect(answered.slice(8).every((c) => c === 'throttled')).toBe(true);
  });

  it('another tab, and the popup, are answered while one tab is refused', async () => {
    const { route } = setup();
    await codes(route, 10);
    const otherTab = { ...contentSender(), tab: { id: 8 } };
    expect(code(await route(open, otherTab))).toBe('ok');
    for (let i = 0; i < 50; i++) {
      expect(code(await route({ type: 'vault.status' }, pageSender('popup.html')))).toBe('ok');
      expect(
        code(
          await route({ type: 'vault.status' }, pageSender('options.html', { tab: { id: 7 }, frameId: 0 })),
        ),
      ).toBe('ok');
    }
  });

  it('counts framed pages with their tab, and unknown or malformed requests too', async () => {
    const { route } = setup();
    const menu = pageSender('inline-menu.html#t', { tab: { id: 7 }, frameId: 9 });
    const tokenRequest = { type: 'autofill.menu.items', token: 'AbCdEfGhIjKlMnOpQrStUv' };
    const seen: string[] = [];
    for (let i = 0; i < 3; i++) seen.push(code(await route({ type: 'no.such.request' }, menu)));
    for (let i = 0; i < 3; i++) seen.push(code(await route({ type: 'autofill.menu.items' }, menu)));
    seen.push(code(await route(tokenRequest, menu)));
    expect(seen).toEqual([
      'unknown-type',
      'unknown-type',
      'unknown-type',
      'malformed',
      'malformed',
      'throttled',
      'throttled',
    ]);
  });

  it('logs the first refusal of a run only, so a looping page cannot flood the log', async () => {
    const { route, log, time } = setup();
    await codes(route, 50);
    expect(log.mock.calls.filter(([e]) => e.code === 'throttled')).toHaveLength(1);
    time.advance(10_000);
    await codes(route, 50);
    expect(log.mock.calls.filter(([e]) => e.code === 'throttled')).toHaveLength(2);
  });

  it('the defaults let a real page through: a burst of 40 frames asking once, a frame asking 20 times', async () => {
    const time = clock();
    const limiter = createRateLimiter(time.now, DEFAULT_TAB_LIMITS);
    for (let frame = 0; frame < 40; frame++) expect(limiter.admit(1, frame).ok).toBe(true);
    for (let i = 0; i < 20; i++) expect(limiter.admit(2, 0).ok).toBe(true);
    // and a page looping for a minute gets at most the tab's steady rate.
    let granted = 0;
    for (let ms = 0; ms < 60_000; ms += 5) {
      time.advance(5);
      if (limiter.admit(3, ms % 7).ok) granted += 1;
    }
    expect(granted).toBeLessThanOrEqual(
      DEFAULT_TAB_LIMITS.tab.capacity + 60 * DEFAULT_TAB_LIMITS.tab.perSecond,
    );
  });

  it('keeps memory bounded: idle buckets are dropped', () => {
    const time = clock();
    const limiter = createRateLimiter(time.now, LIMITS);
    let largest = 0;
    for (let tab = 0; tab < 5_000; tab++) {
      limiter.admit(tab, 0);
      largest = Math.max(largest, limiter.size);
      time.advance(10);
    }
    // Without pruning: 10,000 buckets (a frame and a tab bucket each).
    expect(largest).toBeLessThan(1_000);
  });

  it('a clock that goes back refills nothing', () => {
    const time = clock();
    const limiter = createRateLimiter(time.now, LIMITS);
    for (let i = 0; i < 5; i++) limiter.admit(1, 0);
    time.advance(-60_000);
    expect(limiter.admit(1, 0).ok).toBe(false);
  });
});
