/**
 * Why a browser's fetch failed. A fetch that gets no HTTP answer rejects with the same TypeError for
 * an untrusted certificate, a refused connection or an unknown host name; only webRequest's
 * onErrorOccurred names the failure (Chromium: net::ERR_CERT_AUTHORITY_INVALID,
 * net::ERR_CONNECTION_REFUSED, ...; Firefox: NS_ERROR_CONNECTION_REFUSED, ..., or NSS's sentence for
 * a certificate). So the fetch sync uses listens, while each request is in flight, for errors of that
 * request's own URL only (a filter on the folder's origin, which Tessera holds the host permission
 * for), and on a failure rethrows the TypeError with the browser's name as `cause.code`, where
 * webdav-errors.ts's networkFailure reads it.
 *
 * Nothing is blocked or changed: the listener only observes (webRequest without blocking), and it
 * is removed when the request settles.
 */

import { folderOriginPattern } from './host-permission';

export interface RequestErrorDetails {
  readonly url: string;
  readonly error: string;
}

/** The part of webRequest.onErrorOccurred this needs (the browser's, or a test's). */
export interface RequestErrorEvent {
  addListener(listener: (details: RequestErrorDetails) => void, filter: { urls: string[] }): void;
  removeListener(listener: (details: RequestErrorDetails) => void): void;
}

/**
 * How long a failed fetch waits for the browser's error event, which the browser sends on its own
 * path and may deliver after the fetch rejected. Only a failure ever waits; without the event the
 * failure is reported as it was.
 */
export const ERROR_EVENT_WAIT_MS = 2_000;

/** The browser's error name for a failed request, as a cause chain networkFailure reads. */
export class BrowserNetError extends Error {
  override readonly name = 'BrowserNetError';
  constructor(readonly code: string) {
    super(code);
  }
}

/** `fetch`, with the browser's own name for a failure added to its TypeError's cause. */
export function diagnosingFetch(
  events: RequestErrorEvent,
  base: typeof fetch,
  waitMs = ERROR_EVENT_WAIT_MS,
): typeof fetch {
  return async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    url.hash = '';
    let seen: string | undefined;
    let wake: (() => void) | undefined;
    const listener = (details: RequestErrorDetails) => {
      if (details.url.split('#')[0] !== url.href) return;
      seen = details.error;
      wake?.();
    };
    events.addListener(listener, { urls: [folderOriginPattern(url)] });
    try {
      return await base(input, init);
    } catch (error) {
      // An abort (lock, time limit) is its own answer; only "no answer" needs the browser's name.
      if (!(error instanceof TypeError)) throw error;
      if (seen === undefined) {
        await new Promise<void>((resolve) => {
          wake = resolve;
          setTimeout(resolve, waitMs);
        });
      }
      if (seen === undefined) throw error;
      throw new TypeError(error.message, { cause: new BrowserNetError(seen) });
    } finally {
      events.removeListener(listener);
    }
  };
}
