// @vitest-environment happy-dom
// The save prompt's clickjacking guard (entrypoints/save-prompt/main.tsx with
// src/autofill/menu-guard.ts): a click before the prompt has been visible for MIN_VISIBLE_MS
// answers nothing and restarts the clock; so does a change of what it shows. The background is a
// recording fake; the browser's visibility report says "in view", as it does in Firefox (no v2).

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { MIN_VISIBLE_MS } from '@/src/autofill/menu-guard';

const sent: Array<{ type: string; action?: string }> = [];
let view: { kind: string; host: string; username: string } = {
  kind: 'locked',
  host: 'example.com',
  username: 'alice',
};

vi.mock('wxt/browser', () => ({ browser: { i18n: { getMessage: (name: string) => name } } }));
vi.mock('@/src/messages/client', () => ({
  RequestError: class extends Error {},
  request: async (message: { type: string; action?: string }) => {
    sent.push(message);
    if (message.type === 'autofill.offer.get') return view;
    // Continue while locked (now unlocked): the background answers with what saving will do.
    if (message.action !== 'save' || view.kind !== 'locked') return { done: true };
    view = { ...view, kind: 'save' };
    return { done: false, view };
  },
}));

/** Reports every observed element as fully in view, at once (what a visible frame gets). */
class InView {
  constructor(private readonly report: (entries: unknown[]) => void) {}
  observe(target: Element) {
    queueMicrotask(() => this.report([{ target, isIntersecting: true }]));
  }
  disconnect() {}
}

const answers = () => sent.filter((m) => m.type === 'autofill.offer.resolve').map((m) => m.action);
const button = (name: string) =>
  [...document.querySelectorAll('button')].find((b) => b.textContent === name) as HTMLButtonElement;
const status = () => document.querySelector('[role="status"]')?.textContent ?? '';
/** Lets Preact render and promises settle, with `ms` of the fake clock passing. */
async function wait(ms = 0) {
  await vi.advanceTimersByTimeAsync(ms);
  await vi.advanceTimersByTimeAsync(0);
}

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance', 'Date', 'queueMicrotask'] });
  vi.stubGlobal('IntersectionObserver', InView);
  document.body.innerHTML = '<div id="app"></div>';
  window.location.hash = '#token-from-the-content-script';
  await import('@/entrypoints/save-prompt/main');
  await wait();
});

afterAll(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('the save prompt’s clickjacking guard', () => {
  it('answers nothing to a click too soon, restarts the clock on it and on a new view, then answers', async () => {
    expect(button('savePrompt_continue')).toBeDefined();
    // At once: refused, and the person is told why.
    button('savePrompt_continue').click();
    await wait();
    expect(answers()).toEqual([]);
    expect(status()).toBe('savePrompt_tooSoon');
    // Most of the delay later: still refused, since the early click restarted the clock.
    await wait(MIN_VISIBLE_MS - 100);
    button('savePrompt_continue').click();
    await wait();
    expect(answers()).toEqual([]);
    expect(button('savePrompt_continue').getAttribute('aria-disabled')).toBe('true');

    await wait(MIN_VISIBLE_MS + 50);
    expect(button('savePrompt_continue').hasAttribute('aria-disabled')).toBe(false);
    button('savePrompt_continue').click();
    await wait();
    expect(answers()).toEqual(['save']);

    // The unlocked view replaced the locked one where the person's pointer is: a new clock.
    expect(button('savePrompt_save')).toBeDefined();
    button('savePrompt_save').click();
    await wait();
    expect(answers()).toEqual(['save']);
    await wait(MIN_VISIBLE_MS + 50);
    button('savePrompt_save').click();
    await wait();
    expect(answers()).toEqual(['save', 'save']);
  });
});
