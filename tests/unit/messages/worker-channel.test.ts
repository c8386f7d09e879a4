import { describe, expect, it, vi } from 'vitest';
import { createRouter, type Handlers } from '../../../src/messages/router';
import { serveFastLane } from '../../../src/messages/worker-channel';

const ORIGIN = 'chrome-extension://abc';

function setup() {
  let listener: ((e: ExtendableMessageEvent) => void) | undefined;
  const route = vi.fn(async () => ({ ok: true as const, value: { encoded: '[]' } }));
  serveFastLane(
    {
      addEventListener: (_t, l) => {
        listener = l;
      },
    },
    ORIGIN,
    'abc',
    route,
  );
  const post = (
    data: unknown,
    origin = ORIGIN,
    url: string | undefined = `${ORIGIN}/popup.html`,
    frameType = 'top-level',
  ) => {
    const port = { postMessage: vi.fn() };
    listener!({
      data,
      origin,
      source: url ? { url, frameType } : null,
      ports: [port],
    } as unknown as ExtendableMessageEvent);
    return port;
  };
  return { route, post };
}

describe('service-worker fast lane', () => {
  it('routes vault.list from an extension page, with the page as sender', async () => {
    const { route, post } = setup();
    const port = post({ type: 'vault.list' });
    await vi.waitFor(() =>
      expect(port.postMessage).toHaveBeenCalledWith({ ok: true, value: { encoded: '[]' } }),
    );
    expect(route).toHaveBeenCalledWith({ type: 'vault.list' }, { id: 'abc', url: `${ORIGIN}/popup.html` });
  });

  it('refuses other request types and ignores foreign origins', () => {
    const { route, post } = setup();
    const port = post({ type: 'vault.get', id: 'x' });
    expect(port.postMessage).toHaveBeenCalledWith(expect.objectContaining({ ok: false }));
    const foreign = post({ type: 'vault.list' }, 'https://evil.com', 'https://evil.com/');
    expect(foreign.postMessage).not.toHaveBeenCalled();
    expect(route).not.toHaveBeenCalled();
  });
});

describe('the fast lane applies the same audience rules as runtime messaging', () => {
  function realRouter() {
    let listener: ((e: ExtendableMessageEvent) => void) | undefined;
    const handlers = new Proxy({} as Handlers, { get: () => () => ({ encoded: '[]' }) });
    const route = createRouter(handlers, { extensionId: 'abc', extensionOrigin: ORIGIN, log: vi.fn() });
    serveFastLane({ addEventListener: (_t, l) => (listener = l) }, ORIGIN, 'abc', route);
    return async (url: string, frameType: string) => {
      const port = { postMessage: vi.fn() };
      listener!({
        data: { type: 'vault.list' },
        origin: ORIGIN,
        source: { url, frameType },
        ports: [port],
      } as unknown as ExtendableMessageEvent);
      await vi.waitFor(() => expect(port.postMessage).toHaveBeenCalled());
      return port.postMessage.mock.calls[0]![0] as { ok: boolean; error?: { code: string } };
    };
  }

  it('answers the popup or options page as a top-level document', async () => {
    const ask = realRouter();
    expect((await ask(`${ORIGIN}/popup.html`, 'top-level')).ok).toBe(true);
    expect((await ask(`${ORIGIN}/options.html`, 'top-level')).ok).toBe(true);
  });

  it('refuses the framed pages (the inline menu, the save prompt)', async () => {
    const ask = realRouter();
    for (const page of ['inline-menu.html#t', 'save-prompt.html#t']) {
      for (const frameType of ['nested', 'top-level']) {
        expect(await ask(`${ORIGIN}/${page}`, frameType)).toMatchObject({
          ok: false,
          error: { code: 'forbidden-sender' },
        });
      }
    }
  });

  it('refuses one of our pages framed inside another document (the popup inside a framed page)', async () => {
    const ask = realRouter();
    expect(await ask(`${ORIGIN}/popup.html`, 'nested')).toMatchObject({
      ok: false,
      error: { code: 'forbidden-sender' },
    });
  });
});
