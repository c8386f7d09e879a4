/**
 * A fast lane for large replies from the background service worker to extension pages.
 *
 * runtime.sendMessage serialises every message as JSON across processes: ~40 ms for the 1.3 MB list
 * of 10,000 items. An extension page is a client of the extension's own service worker, so it can
 * also post to it directly (structured clone, no JSON) with a MessageChannel for the reply: ~1 ms.
 *
 * Safety facts: a service worker only receives messages from clients of its own origin, so only
 * this extension's pages can use this lane (the worker still checks event.origin and routes the
 * message through the same router, with the same validation and audience rules). A client gives
 * no tab, so the router sees every sender here as outside a tab: a framed page (inline menu, save
 * prompt) is refused, as it is by runtime messaging outside a tab frame, and so is any page of
 * ours framed inside another document (frameType 'nested'), which runtime messaging would see as a
 * tab's sub-frame. Only requests listed in FAST_LANE_TYPES are accepted here. Where there is no service worker (Firefox's event page), pages
 * fall back to runtime messaging.
 */

import type { Replies, Request, Response } from './protocol';

export const FAST_LANE_TYPES = new Set(['vault.list']);

/** Page side: sends `message` over the fast lane, or returns undefined if there is none. */
export async function requestViaWorker<T extends 'vault.list'>(
  message: Request<T>,
  timeoutMs = 5_000,
): Promise<Response<Replies[T]> | undefined> {
  const container = globalThis.navigator?.serviceWorker;
  if (!container) return undefined;
  const registration = await Promise.race([
    container.getRegistration(),
    new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), 200)),
  ]);
  const worker = registration?.active;
  if (!worker) return undefined;
  const channel = new MessageChannel();
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(undefined), timeoutMs);
    channel.port1.onmessage = (event) => {
      clearTimeout(timer);
      channel.port1.close();
      resolve(event.data as Response<Replies[T]>);
    };
    worker.postMessage(message, [channel.port2]);
  });
}

/** Worker side: answers fast-lane messages from this extension's pages through `route`. */
export function serveFastLane(
  scope: { addEventListener(type: 'message', listener: (event: ExtendableMessageEvent) => void): void },
  extensionOrigin: string,
  extensionId: string,
  route: (message: unknown, sender: { id: string; url: string }) => Promise<Response>,
): void {
  scope.addEventListener('message', (event) => {
    const port = event.ports[0];
    const source = event.source as { url?: string; frameType?: string } | null;
    if (!port || event.origin !== extensionOrigin || typeof source?.url !== 'string') return;
    const type = (event.data as { type?: unknown } | null)?.type;
    if (typeof type !== 'string' || !FAST_LANE_TYPES.has(type)) {
      port.postMessage({
        ok: false,
        error: { code: 'forbidden-sender', message: 'Not a fast-lane request.' },
      });
      return;
    }
    if (source.frameType !== 'top-level' && source.frameType !== 'auxiliary') {
      port.postMessage({
        ok: false,
        error: {
          code: 'forbidden-sender',
          message:
            'The fast lane answers only Tessera pages shown as a whole tab or window (popup, options).',
        },
      });
      return;
    }
    const reply = route(event.data, { id: extensionId, url: source.url }).then((r) => port.postMessage(r));
    event.waitUntil?.(reply);
  });
}
