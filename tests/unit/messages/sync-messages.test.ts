// The sync requests through the router: the server's address and app password only from the
// options page in a tab; status, "Sync now" and rejoin also from the popup; nothing from a framed
// page or a content script; no extra field.
import { describe, expect, it, vi } from 'vitest';
import type { Response } from '../../../src/messages/protocol';
import { createRouter, type Handlers } from '../../../src/messages/router';
import { contentSender, EXT_ID, EXT_ORIGIN, pageSender } from './senders';

function setup() {
  const calls: string[] = [];
  const handlers = new Proxy({} as Handlers, {
    get: (_t, type: string) => () => {
      calls.push(type);
      return { connected: false, state: 'off', warnings: [] };
    },
  });
  return {
    route: createRouter(handlers, { extensionId: EXT_ID, extensionOrigin: EXT_ORIGIN, log: vi.fn() }),
    calls,
  };
}

const server = { url: 'https://dav.example/t/', username: 'u', password: 'app' };
const optionsTab = pageSender('options.html', { tab: { id: 3 }, frameId: 0 });
const popup = pageSender('popup.html');
const refusal = (r: Response) => (r.ok ? 'ok' : r.error.code);

describe('sync requests', () => {
  it('server settings only from the options page in a tab', async () => {
    const { route, calls } = setup();
    for (const message of [
      { type: 'sync.inspect', ...server },
      { type: 'sync.connect', ...server },
      { type: 'sync.joinNew', ...server, masterPassword: 'm' },
      { type: 'sync.disconnect' },
      { type: 'vault.rotateKey', current: 'a', next: 'b' },
    ]) {
      expect(refusal(await route(message, optionsTab)), message.type).toBe('ok');
      for (const sender of [
        popup,
        pageSender('inline-menu.html', { tab: { id: 3 }, frameId: 2 }),
        contentSender(),
      ]) {
        expect(refusal(await route(message, sender)), message.type).toBe('forbidden-sender');
      }
    }
    expect(calls).toEqual([
      'sync.inspect',
      'sync.connect',
      'sync.joinNew',
      'sync.disconnect',
      'vault.rotateKey',
    ]);
  });

  it('status, now and rejoin from the popup and the options page, never a content script', async () => {
    const { route } = setup();
    for (const message of [
      { type: 'sync.status' },
      { type: 'sync.now' },
      { type: 'sync.rejoin', masterPassword: 'm' },
    ]) {
      expect(refusal(await route(message, popup))).toBe('ok');
      expect(refusal(await route(message, optionsTab))).toBe('ok');
      expect(refusal(await route(message, contentSender()))).toBe('forbidden-sender');
    }
  });

  it('takes no other field and no empty password', async () => {
    const { route } = setup();
    expect(refusal(await route({ type: 'sync.connect', ...server, extra: 1 }, optionsTab))).toBe('malformed');
    expect(refusal(await route({ type: 'sync.connect', ...server, password: '' }, optionsTab))).toBe(
      'malformed',
    );
    expect(refusal(await route({ type: 'sync.now', url: 'x' }, popup))).toBe('malformed');
  });
});
