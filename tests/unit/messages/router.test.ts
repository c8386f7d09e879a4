import { describe, expect, it, vi } from 'vitest';
import type { Response } from '../../../src/messages/protocol';
import { createRouter, type Handlers, Refusal } from '../../../src/messages/router';
import { VaultError } from '../../../src/vault/errors';
import { contentSender, EXT_ID, EXT_ORIGIN, pageSender } from './senders';

const popup = pageSender('popup.html');
const content = contentSender();

function setup(overrides: Partial<Handlers> = {}) {
  const log = vi.fn();
  const handlers = new Proxy(overrides as Handlers, {
    get: (target, key: string) => target[key as keyof Handlers] ?? (() => ({ handled: key })),
  });
  const route = createRouter(handlers, { extensionId: EXT_ID, extensionOrigin: EXT_ORIGIN, log });
  return { route, log };
}

function refusal(r: Response): { code: string; message: string } {
  expect(r.ok).toBe(false);
  if (r.ok) throw new Error('unreachable');
  return r.error;
}

describe('message router', () => {
  it('answers a valid request from an extension page', async () => {
    const { route } = setup({ 'vault.status': () => ({ state: 'locked', retryAfterMs: 0, problems: [] }) });
    expect(await route({ type: 'vault.status' }, popup)).toEqual({
      ok: true,
      value: { state: 'locked', retryAfterMs: 0, problems: [] },
    });
  });

  it('refuses another extension', async () => {
    const { route, log } = setup();
    const err = refusal(await route({ type: 'vault.status' }, { ...popup, id: 'someoneelse' }));
    expect(err.code).toBe('forbidden-sender');
    expect(log).toHaveBeenCalledWith({ type: 'vault.status', code: 'forbidden-sender', sender: 'unknown' });
  });

  it('refuses a sender with no URL or tab', async () => {
    const { route } = setup();
    expect(refusal(await route({ type: 'autofill.menu.open' }, { id: EXT_ID })).code).toBe(
      'forbidden-sender',
    );
    expect(
      refusal(await route({ type: 'autofill.menu.open' }, { id: EXT_ID, url: 'https://a.com/' })).code,
    ).toBe('forbidden-sender');
  });

  it('refuses unknown types and non-objects', async () => {
    const { route } = setup();
    expect(refusal(await route({ type: 'vault.dumpEverything' }, popup)).code).toBe('unknown-type');
    expect(refusal(await route('vault.status', popup)).code).toBe('unknown-type');
    expect(refusal(await route(null, popup)).code).toBe('unknown-type');
    expect(refusal(await route({ type: '__proto__' }, popup)).code).toBe('unknown-type');
  });

  it('refuses vault operations from a content script', async () => {
    const { route } = setup();
    for (const msg of [
      { type: 'vault.list' },
      { type: 'vault.get', id: 'x' },
      { type: 'vault.unlock', password: 'p' },
    ]) {
      const err = refusal(await route(msg, content));
      expect(err.code).toBe('forbidden-sender');
      expect(err.message).toMatch(/Tessera's own pages/);
    }
  });

  it('refuses content-script requests from extension pages', async () => {
    const { route } = setup();
    expect(refusal(await route({ type: 'autofill.menu.open' }, popup)).code).toBe('forbidden-sender');
  });

  it('refuses malformed requests without echoing their values', async () => {
    const { route, log } = setup();
    const secret = 'hunter2-very-secret';
    const cases = [
      { type: 'vault.unlock' },
      { type: 'vault.unlock', password: 42 },
      { type: 'vault.unlock', password: secret, extra: secret },
      { type: 'vault.get', id: '' },
      { type: 'vault.put', item: { name: secret } },
    ];
    for (const msg of cases) {
      const err = refusal(await route(msg, popup));
      expect(err.code).toBe('malformed');
      expect(err.message).not.toContain(secret);
      expect(JSON.stringify(log.mock.calls)).not.toContain(secret);
    }
  });

  it('passes vault errors through with their code, and refusals with their wait', async () => {
    const { route } = setup({
      'vault.unlock': () => {
        throw new VaultError('wrong-password', 'That master password is not correct.');
      },
      'vault.lock': () => {
        throw new Refusal('throttled', 'Wait.', 4000);
      },
    });
    expect(refusal(await route({ type: 'vault.unlock', password: 'x' }, popup))).toEqual({
      code: 'wrong-password',
      message: 'That master password is not correct.',
    });
    expect(refusal(await route({ type: 'vault.lock' }, popup))).toEqual({
      code: 'throttled',
      message: 'Wait.',
      retryAfterMs: 4000,
    });
  });

  it('hides unexpected errors behind a generic message', async () => {
    const { route } = setup({
      'vault.list': () => {
        throw new TypeError('internal detail with secret');
      },
    });
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const err = refusal(await route({ type: 'vault.list' }, popup));
    expect(err.code).toBe('internal');
    expect(err.message).not.toContain('secret');
    expect(JSON.stringify(spy.mock.calls)).not.toContain('secret');
    spy.mockRestore();
  });

  it('derives a content script origin from the sender, preferring sender.origin', async () => {
    let seen: unknown;
    const { route } = setup({
      'autofill.menu.open': (_r, sender) => {
        seen = sender;
        return { count: 0 };
      },
    });
    await route(
      { type: 'autofill.menu.open' },
      { ...content, url: 'about:blank', origin: 'https://bank.com' },
    );
    expect(seen).toEqual({
      kind: 'content',
      tabId: 7,
      frameId: 0,
      url: 'about:blank',
      origin: 'https://bank.com',
    });
  });
});
