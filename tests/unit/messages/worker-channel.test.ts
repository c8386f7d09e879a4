import { describe, expect, it, vi } from 'vitest';
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
  const post = (data: unknown, origin = ORIGIN, url: string | undefined = `${ORIGIN}/popup.html`) => {
    const port = { postMessage: vi.fn() };
    listener!({
      data,
      origin,
      source: url ? { url } : null,
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
