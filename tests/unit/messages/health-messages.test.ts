// The health report through the router: only the options page, as a tab's top-level document, may
// ask for it; the popup, the offscreen page, the options page framed anywhere, the framed inline
// menu and content scripts are refused with a sentence naming who may.

import { describe, expect, it, vi } from 'vitest';
import type { Response } from '../../../src/messages/protocol';
import { createRouter, type Handlers } from '../../../src/messages/router';
import { contentSender, EXT_ID, EXT_ORIGIN, pageSender } from './senders';

function setup() {
  const calls: unknown[] = [];
  const handlers = new Proxy({} as Handlers, {
    get: () => (request: unknown) => {
      calls.push(request);
      return { weak: [], reused: [], old: [], insecure: [], noUrl: [], unrated: 0, maxAgeDays: 365 };
    },
  });
  const route = createRouter(handlers, { extensionId: EXT_ID, extensionOrigin: EXT_ORIGIN, log: vi.fn() });
  return { route, calls };
}

const ask = { type: 'health.report' };

function refusal(r: Response): string {
  return r.ok ? 'ok' : `${r.error.code}: ${r.error.message}`;
}

describe('health.report', () => {
  it('is answered for the options page in a tab', async () => {
    const { route, calls } = setup();
    const reply = await route(ask, pageSender('options.html', { tab: { id: 3 }, frameId: 0 }));
    expect(reply.ok).toBe(true);
    expect(calls).toHaveLength(1);
  });

  it('is refused to every other sender, naming the options page', async () => {
    const { route, calls } = setup();
    const others = [
      pageSender('popup.html'),
      pageSender('popup.html', { tab: { id: 3 }, frameId: 0 }),
      pageSender('offscreen.html'),
      pageSender('options.html'), // not in a tab: not the page a person opened
      pageSender('inline-menu.html', { tab: { id: 3 }, frameId: 2 }),
      contentSender(),
    ];
    for (const sender of others) {
      expect(refusal(await route(ask, sender)), JSON.stringify(sender)).toBe(
        `forbidden-sender: "health.report" may be asked only by Tessera's options page.`,
      );
    }
    expect(calls).toEqual([]);
  });

  it('takes no other field', async () => {
    const { route } = setup();
    const reply = await route(
      { type: 'health.report', passwords: true },
      pageSender('options.html', { tab: { id: 3 }, frameId: 0 }),
    );
    expect(refusal(reply)).toMatch(/^malformed/);
  });
});
