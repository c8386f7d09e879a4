// The never-save requests through the router: extension pages may list the "Never for this site"
// answers and remove one; a content script may do neither (the list tells which sites the person
// signs in to, and removing or naming sites would let one page turn offers back on), and the
// origin to remove must be a bounded string with nothing else in the message.

import { describe, expect, it, vi } from 'vitest';
import type { Response } from '../../../src/messages/protocol';
import { createRouter, type Handlers } from '../../../src/messages/router';
import { contentSender, EXT_ID, EXT_ORIGIN, pageSender } from './senders';

const options = pageSender('options.html');
const content = contentSender();

function setup() {
  const calls: unknown[] = [];
  const handlers = new Proxy({} as Handlers, {
    get: (_target, type: string) => (request: unknown) => {
      calls.push(request);
      return type === 'neverSave.list' ? { origins: ['https://bank.com'] } : null;
    },
  });
  const log = vi.fn();
  const route = createRouter(handlers, { extensionId: EXT_ID, extensionOrigin: EXT_ORIGIN, log });
  return { route, calls, log };
}

function code(r: Response): string {
  return r.ok ? 'ok' : r.error.code;
}

describe('never-save messages', () => {
  it('let an extension page list the sites and remove one', async () => {
    const { route, calls } = setup();
    expect(await route({ type: 'neverSave.list' }, options)).toEqual({
      ok: true,
      value: { origins: ['https://bank.com'] },
    });
    expect(await route({ type: 'neverSave.remove', origin: 'https://bank.com' }, options)).toEqual({
      ok: true,
      value: null,
    });
    expect(calls).toEqual([
      { type: 'neverSave.list' },
      { type: 'neverSave.remove', origin: 'https://bank.com' },
    ]);
  });

  it('refuse a content script both, before any handler runs', async () => {
    const { route, calls, log } = setup();
    for (const message of [
      { type: 'neverSave.list' },
      { type: 'neverSave.remove', origin: 'https://bank.com' },
      { type: 'neverSave.remove', origin: 'https://other.example' },
    ]) {
      const reply = await route(message, content);
      expect(code(reply), message.type).toBe('forbidden-sender');
      expect(reply.ok ? '' : reply.error.message).toMatch(/Tessera's own pages/);
    }
    expect(calls).toEqual([]);
    expect(log).toHaveBeenCalledWith({
      type: 'neverSave.remove',
      code: 'forbidden-sender',
      sender: 'content',
    });
  });

  it('refuse a malformed removal, and a list request with anything in it', async () => {
    const { route, calls } = setup();
    for (const bad of [
      { type: 'neverSave.remove' },
      { type: 'neverSave.remove', origin: '' },
      { type: 'neverSave.remove', origin: 42 },
      { type: 'neverSave.remove', origin: ['https://bank.com'] },
      { type: 'neverSave.remove', origin: `https://${'a'.repeat(300)}.com` },
      { type: 'neverSave.remove', origin: 'https://bank.com', all: true },
      { type: 'neverSave.list', origin: 'https://bank.com' },
    ]) {
      expect(code(await route(bad, options)), JSON.stringify(bad).slice(0, 80)).toBe('malformed');
    }
    expect(calls).toEqual([]);
  });
});
