// The save-offer requests (issue 5, part 5) through the router: who may send each, and the shapes
// it accepts. The page a submission is for, and the prompt's tab and frame, come from the sender.

import { describe, expect, it, vi } from 'vitest';
import type { Response } from '../../../src/messages/protocol';
import { createRouter, type Handlers } from '../../../src/messages/router';
import type { SenderInfo } from '../../../src/messages/sender';
import { contentSender, EXT_ID, EXT_ORIGIN, pageSender } from './senders';

const content = contentSender(2);
const prompt = pageSender('save-prompt.html#t', { tab: { id: 7 }, frameId: 9 });
const popup = pageSender('popup.html');
const TOKEN = 'AbCdEfGhIjKlMnOpQrStUv';

function setup() {
  const seen: Array<{ request: unknown; sender: SenderInfo }> = [];
  const record = (request: unknown, sender: SenderInfo) => {
    seen.push({ request, sender });
    return null;
  };
  const handlers = new Proxy({} as Handlers, { get: () => record });
  const route = createRouter(handlers, { extensionId: EXT_ID, extensionOrigin: EXT_ORIGIN, log: vi.fn() });
  return { route, seen };
}

function code(r: Response): string {
  return r.ok ? 'ok' : r.error.code;
}

describe('save-offer messages', () => {
  it('accepts a submission from a content script only, with the page taken from the sender', async () => {
    const { route, seen } = setup();
    const message = { type: 'autofill.submitted', username: 'a', password: 'pw', newPassword: 'pw2' };
    expect(code(await route(message, content))).toBe('ok');
    expect(seen[0]?.sender).toEqual({
      kind: 'content',
      tabId: 7,
      frameId: 2,
      url: 'https://bank.com/login',
      origin: 'https://bank.com',
    });
    expect(code(await route(message, popup))).toBe('forbidden-sender');
    expect(code(await route(message, prompt))).toBe('forbidden-sender');
  });

  it('refuses malformed submissions, and a page URL or origin in the message', async () => {
    const { route } = setup();
    const ok = { type: 'autofill.submitted', username: 'a', password: 'pw' };
    for (const bad of [
      { ...ok, url: 'https://evil.com/' },
      { ...ok, origin: 'https://bank.com' },
      { ...ok, password: 42 },
      { type: 'autofill.submitted', username: 'a' },
      { ...ok, username: 'u'.repeat(1_001) },
      { ...ok, password: 'p'.repeat(10_001) },
      { ...ok, newPassword: null },
    ]) {
      expect(code(await route(bad, content)), JSON.stringify(Object.keys(bad))).toBe('malformed');
    }
  });

  it('lets the framed save prompt ask for and answer an offer, with the tab and frame from the sender', async () => {
    const { route, seen } = setup();
    expect(code(await route({ type: 'autofill.offer.get', token: TOKEN }, prompt))).toBe('ok');
    expect(seen[0]?.sender).toEqual({ kind: 'page', url: prompt.url, tabId: 7, frameId: 9 });
    for (const action of ['save', 'dismiss', 'never']) {
      expect(code(await route({ type: 'autofill.offer.resolve', token: TOKEN, action }, prompt))).toBe('ok');
    }
    // Not the toolbar popup, nor any other page: the offer requests are the prompt's alone.
    expect(code(await route({ type: 'autofill.offer.get', token: TOKEN }, popup))).toBe('forbidden-sender');
    // Never from a content script.
    expect(code(await route({ type: 'autofill.offer.get', token: TOKEN }, content))).toBe('forbidden-sender');
  });

  it('refuses offer requests without a well-formed token or with an unknown action', async () => {
    const { route } = setup();
    for (const bad of [
      { type: 'autofill.offer.get' },
      { type: 'autofill.offer.get', token: 'short' },
      { type: 'autofill.offer.get', token: `${TOKEN}!` },
      { type: 'autofill.offer.get', token: TOKEN, tabId: 3 },
      { type: 'autofill.offer.resolve', token: TOKEN, action: 'update-everything' },
      { type: 'autofill.offer.resolve', token: TOKEN },
      { type: 'autofill.offer.resolve', token: TOKEN, action: 'save', password: 'x' },
    ]) {
      expect(code(await route(bad, prompt)), JSON.stringify(bad)).toBe('malformed');
    }
  });
});
