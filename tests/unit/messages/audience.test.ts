// Issue 13 item 11: the framed pages (inline menu, save prompt) live inside hostile pages, so each
// may send only its own requests; full page rights need a page no web page can load, shown as the
// popup or a tab's top-level document.
import { describe, expect, it, vi } from 'vitest';
import { AUTOFILL_FORMS_SCRIPT } from '../../../src/messages/audience';
import { REQUESTS, type RequestType, type Response } from '../../../src/messages/protocol';
import { createRouter, type Handlers } from '../../../src/messages/router';
import { audienceOf, classifySender } from '../../../src/messages/sender';
import config from '../../../wxt.config';
import { contentSender, EXT_ID, EXT_ORIGIN, pageSender } from './senders';

const TOKEN = 'AbCdEfGhIjKlMnOpQrStUv';
const menu = pageSender('inline-menu.html#t', { tab: { id: 7 }, frameId: 9 });
const prompt = pageSender('save-prompt.html#t', { tab: { id: 7 }, frameId: 9 });
const popup = pageSender('popup.html');
const optionsTab = pageSender('options.html', { tab: { id: 3 }, frameId: 0 });

/** A valid example of each request a framed page or the popup could try. */
const EXAMPLES: Partial<Record<RequestType, Record<string, unknown>>> = {
  'vault.status': { type: 'vault.status' },
  'vault.list': { type: 'vault.list' },
  'vault.get': { type: 'vault.get', id: 'x' },
  'vault.lock': { type: 'vault.lock' },
  'settings.get': { type: 'settings.get' },
  'session.activity': { type: 'session.activity' },
  'neverSave.list': { type: 'neverSave.list' },
  'autofill.matchesForTab': { type: 'autofill.matchesForTab', tabId: 7 },
  'autofill.fill': { type: 'autofill.fill', tabId: 7, itemId: 'x', pageUrl: 'https://bank.com/' },
  'autofill.menu.items': { type: 'autofill.menu.items', token: TOKEN },
  'autofill.menu.fill': { type: 'autofill.menu.fill', token: TOKEN, itemId: 'x' },
  'autofill.menu.close': { type: 'autofill.menu.close', token: TOKEN },
  'autofill.offer.get': { type: 'autofill.offer.get', token: TOKEN },
  'autofill.offer.resolve': { type: 'autofill.offer.resolve', token: TOKEN, action: 'dismiss' },
  'autofill.menu.open': { type: 'autofill.menu.open' },
  'autofill.submitted': { type: 'autofill.submitted', username: 'a', password: 'b' },
};

function setup() {
  const handlers = new Proxy({} as Handlers, { get: () => () => null });
  return createRouter(handlers, { extensionId: EXT_ID, extensionOrigin: EXT_ORIGIN, log: vi.fn() });
}

function code(r: Response): string {
  return r.ok ? 'ok' : r.error.code;
}

/** The request types a sender is answered for, out of EXAMPLES. */
async function allowed(sender: Parameters<ReturnType<typeof setup>>[1]): Promise<string[]> {
  const route = setup();
  const out: string[] = [];
  for (const [type, message] of Object.entries(EXAMPLES)) {
    if (code(await route(message, sender)) === 'ok') out.push(type);
  }
  return out.sort();
}

describe('framed pages get only their own requests', () => {
  it('the inline menu may list, fill and close, and nothing else', async () => {
    expect(await allowed(menu)).toEqual(['autofill.menu.close', 'autofill.menu.fill', 'autofill.menu.items']);
  });

  it('the save prompt may read and answer its offer, and nothing else', async () => {
    expect(await allowed(prompt)).toEqual(['autofill.offer.get', 'autofill.offer.resolve']);
  });

  it('the popup and the options tab may not send the framed pages’ requests', async () => {
    for (const page of [popup, optionsTab]) {
      const types = await allowed(page);
      expect(types).toContain('vault.list');
      expect(types.filter((t) => /menu\.(items|fill|close)|offer\./.test(t))).toEqual([]);
    }
  });

  it('a refusal names who may ask', async () => {
    const route = setup();
    const reply = await route({ type: 'vault.list' }, menu);
    expect(reply).toEqual({
      ok: false,
      error: {
        code: 'forbidden-sender',
        message: `"vault.list" may be asked only by Tessera's own pages (popup, options).`,
      },
    });
    const offer = await route(EXAMPLES['autofill.offer.get'], menu);
    expect(offer.ok ? '' : offer.error.message).toMatch(/only by Tessera's save prompt/);
  });

  it('a content script may send exactly these requests: autofill.submitted, autofill.menu.open and a page’s WebAuthn calls (passkey.create/get/abort)', () => {
    const content = Object.entries(REQUESTS)
      .filter(([, spec]) => spec.audience === 'content')
      .map(([type]) => type)
      .sort();
    expect(content).toEqual([
      'autofill.menu.open',
      'autofill.submitted',
      'passkey.abort',
      'passkey.create',
      'passkey.get',
    ]);
  });

  it('every request type names one of the five audiences', () => {
    for (const spec of Object.values(REQUESTS)) {
      expect(['page', 'options', 'menu', 'prompt', 'content']).toContain(spec.audience);
    }
  });
});

describe('full page rights need a page no web page can load', () => {
  /** The web-accessible pages each browser's manifest declares (wxt.config.ts). */
  async function webAccessible(browser: 'chrome' | 'firefox'): Promise<string[]> {
    const manifest = config.manifest;
    const env = { browser, manifestVersion: 3, mode: 'production', command: 'build' } as never;
    const built = (typeof manifest === 'function' ? await manifest(env) : manifest) as {
      web_accessible_resources?: { resources: string[] }[];
    };
    return (built.web_accessible_resources ?? []).flatMap((entry) => entry.resources);
  }

  it.each(['chrome', 'firefox'] as const)('no %s web-accessible page ever speaks as a page', async (b) => {
    const resources = await webAccessible(b);
    expect(resources.length).toBeGreaterThan(0);
    for (const resource of resources) {
      for (const raw of [
        pageSender(resource),
        pageSender(`${resource}?x#y`, { tab: { id: 1 }, frameId: 4 }),
        pageSender(resource, { tab: { id: 1 }, frameId: 0 }),
      ]) {
        const sender = classifySender(raw, EXT_ID, EXT_ORIGIN);
        if (sender) expect(audienceOf(sender), `${resource} ${JSON.stringify(raw)}`).not.toBe('page');
      }
    }
  });

  it('a web-accessible script (the content script part) is never a sender, shown anywhere', () => {
    for (const options of [undefined, { tab: { id: 1 }, frameId: 0 }, { tab: { id: 1 }, frameId: 3 }]) {
      expect(
        classifySender(pageSender(`${AUTOFILL_FORMS_SCRIPT}?x#y`, options), EXT_ID, EXT_ORIGIN),
      ).toBeNull();
    }
  });

  it('a framed page outside a tab frame (its own tab or window) may ask nothing', async () => {
    const route = setup();
    for (const raw of [
      pageSender('inline-menu.html#t'),
      pageSender('inline-menu.html#t', { tab: { id: 7 }, frameId: 0 }),
      pageSender('save-prompt.html#t'),
    ]) {
      expect(classifySender(raw, EXT_ID, EXT_ORIGIN)).toBeNull();
      expect(code(await route(EXAMPLES['autofill.menu.items'], raw))).toBe('forbidden-sender');
      expect(code(await route(EXAMPLES['autofill.offer.get'], raw))).toBe('forbidden-sender');
    }
    const reply = await route(EXAMPLES['autofill.menu.items'], pageSender('inline-menu.html#t'));
    expect(reply.ok ? '' : reply.error.message).toMatch(/may not ask from where it is shown/);
  });

  it('the popup or options page framed inside a tab’s page (not top-level) may ask nothing', async () => {
    const route = setup();
    for (const path of ['popup.html', 'options.html']) {
      const framed = pageSender(path, { tab: { id: 7 }, frameId: 12 });
      expect(code(await route({ type: 'vault.list' }, framed))).toBe('forbidden-sender');
      expect(code(await route({ type: 'vault.status' }, framed))).toBe('forbidden-sender');
    }
    // The same pages as the toolbar popup or a tab of their own keep their rights.
    expect(code(await route({ type: 'vault.list' }, popup))).toBe('ok');
    expect(code(await route({ type: 'vault.list' }, optionsTab))).toBe('ok');
  });

  it('a content script is never a framed page, whatever its frame shows', () => {
    const sender = classifySender(contentSender(3), EXT_ID, EXT_ORIGIN);
    expect(sender && audienceOf(sender)).toBe('content');
  });
});
