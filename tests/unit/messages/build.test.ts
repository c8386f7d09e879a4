// Pages and background from different builds (src/messages/build.ts): the router refuses a request
// naming another build before anything else, and the page's request() recovers or says what to do.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  BACKGROUND_OUTDATED,
  BUILD_ID,
  PAGE_OUTDATED,
  STALE_BUILD,
  staleBuildAction,
} from '../../../src/messages/build';
import type { Response } from '../../../src/messages/protocol';
import { createRouter, type Handlers } from '../../../src/messages/router';
import { contentSender, EXT_ID, EXT_ORIGIN, pageSender } from './senders';

// This file's pages are from a numbered build, as in a real build (wxt.config.ts injects it).
const sendMessage = vi.hoisted(() => {
  (globalThis as { __TESSERA_BUILD__?: string }).__TESSERA_BUILD__ = '1764650000000';
  return vi.fn();
});
vi.mock('wxt/browser', () => ({ browser: { runtime: { sendMessage } } }));

const OLD = '1764600000000';
const NEW = '1764700000000';

function routerOf(build: string) {
  const handled = vi.fn((type: string) => ({ handled: type }));
  const handlers = new Proxy({} as Handlers, { get: (_t, key: string) => () => handled(key) });
  const route = createRouter(handlers, {
    extensionId: EXT_ID,
    extensionOrigin: EXT_ORIGIN,
    build,
    log: vi.fn(),
  });
  return { route, handled };
}

describe('router build check', () => {
  it('refuses a page of another build with stale-build, naming its own build, before any handler runs', async () => {
    const { route, handled } = routerOf(OLD);
    for (const message of [
      { type: 'vault.status', build: NEW },
      // A request type that only the newer build knows: still a stale build, not "unknown type".
      { type: 'vault.somethingNew', build: NEW },
      { type: 'vault.unlock', password: 'pw', build: NEW },
    ]) {
      const reply = await route(message, pageSender('popup.html'));
      expect(reply).toEqual({
        ok: false,
        error: { code: STALE_BUILD, message: BACKGROUND_OUTDATED, build: OLD },
      });
    }
    expect(handled).not.toHaveBeenCalled();
  });

  it('answers its own build (the build field passes the strict schemas), and requests without one', async () => {
    const { route, handled } = routerOf(OLD);
    expect(await route({ type: 'vault.status', build: OLD }, pageSender('popup.html'))).toEqual({
      ok: true,
      value: { handled: 'vault.status' },
    });
    // Content scripts send no build.
    expect((await route({ type: 'autofill.menu.open' }, contentSender())).ok).toBe(true);
    expect(handled).toHaveBeenCalledTimes(2);
  });

  it('refuses a build field that is not a short string as malformed', async () => {
    const { route } = routerOf(OLD);
    for (const build of [42, '', 'x'.repeat(65), null]) {
      const reply = (await route({ type: 'vault.status', build }, pageSender('popup.html'))) as Response;
      expect(reply.ok ? '' : reply.error.code).toBe('malformed');
    }
  });
});

describe('staleBuildAction', () => {
  const at = (retries: number, reloadedAlready = false) => ({ retries, maxRetries: 3, reloadedAlready });

  it('reloads a page older than the background once, then gives up', () => {
    expect(staleBuildAction(OLD, NEW, at(0))).toBe('reload-page');
    expect(staleBuildAction(OLD, NEW, at(0, true))).toBe('give-up');
  });

  it('retries while the background is older (an update in progress), then gives up', () => {
    expect(staleBuildAction(NEW, OLD, at(0))).toBe('retry');
    expect(staleBuildAction(NEW, OLD, at(2))).toBe('retry');
    expect(staleBuildAction(NEW, OLD, at(3))).toBe('give-up');
    // A background from before build ids (no build in its refusal) counts as older.
    expect(staleBuildAction(NEW, undefined, at(0))).toBe('retry');
  });
});

describe('request() from a page', () => {
  const reload = vi.fn();
  const session = new Map<string, string>();

  beforeEach(() => {
    sendMessage.mockReset();
    reload.mockReset();
    session.clear();
    vi.stubGlobal('location', { reload });
    vi.stubGlobal('sessionStorage', {
      getItem: (k: string) => session.get(k) ?? null,
      setItem: (k: string, v: string) => session.set(k, v),
    });
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  const stale = (build?: string) => ({
    ok: false,
    error: { code: STALE_BUILD, message: 'x', ...(build ? { build } : {}) },
  });

  it('sends its build with every request', async () => {
    expect(BUILD_ID).toBe('1764650000000');
    const { request } = await import('../../../src/messages/client');
    sendMessage.mockResolvedValueOnce({ ok: true, value: 'fine' });
    await request({ type: 'vault.lock' });
    expect(sendMessage).toHaveBeenCalledWith({ type: 'vault.lock', build: BUILD_ID });
  });

  it('asks again while the previous background still answers, and gets the new one’s answer', async () => {
    const { request } = await import('../../../src/messages/client');
    sendMessage.mockResolvedValueOnce(stale('1')).mockResolvedValueOnce(stale('1'));
    sendMessage.mockResolvedValueOnce({ ok: true, value: 'from the new worker' });
    await expect(request({ type: 'vault.lock' })).resolves.toBe('from the new worker');
    expect(sendMessage).toHaveBeenCalledTimes(3);
  });

  it('says exactly what to do when the background stays on the previous build', async () => {
    const { request, RequestError } = await import('../../../src/messages/client');
    sendMessage.mockResolvedValue(stale('1'));
    const err = await request({ type: 'vault.status' }).catch((e) => e);
    expect(err).toBeInstanceOf(RequestError);
    expect(err.code).toBe(STALE_BUILD);
    expect(err.message).toBe(BACKGROUND_OUTDATED);
    expect(reload).not.toHaveBeenCalled();
  });

  it('treats a background from before build ids (it refuses the field as malformed) the same way', async () => {
    const { request } = await import('../../../src/messages/client');
    sendMessage.mockResolvedValue({
      ok: false,
      error: { code: 'malformed', message: 'Malformed "vault.status" request at build: expected never.' },
    });
    await expect(request({ type: 'vault.status' })).rejects.toThrow(BACKGROUND_OUTDATED);
  });

  it('reloads a page older than the background once; if that does not help, says to reopen it', async () => {
    const { request } = await import('../../../src/messages/client');
    const newer = String(Number.MAX_SAFE_INTEGER);
    sendMessage.mockResolvedValue(stale(newer));
    void request({ type: 'vault.status' });
    await vi.waitFor(() => expect(reload).toHaveBeenCalledTimes(1));
    // After the reload (same session), the background is still newer than this page's files.
    await expect(request({ type: 'vault.status' })).rejects.toThrow(PAGE_OUTDATED);
    expect(reload).toHaveBeenCalledTimes(1);
  });
});
