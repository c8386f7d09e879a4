/**
 * How extension pages talk to the background: one typed call that returns the value or throws a
 * RequestError carrying the background's code and message.
 *
 * Every request names this page's build. A background of another build refuses it with
 * 'stale-build' before doing anything (build.ts says when that happens), so asking again is safe:
 * while an update is taking over, the request is retried a few times; a page older than the
 * background reloads itself once; otherwise the error says exactly what to do.
 */

import { browser } from 'wxt/browser';
import { BUILD_ID, STALE_BUILD, staleBuildAction, staleBuildMessage } from './build';
import type { ErrorBody, Replies, Request, RequestType, Response } from './protocol';
import { FAST_LANE_TYPES, requestViaWorker } from './worker-channel';

export class RequestError extends Error {
  override readonly name = 'RequestError';
  constructor(readonly body: ErrorBody) {
    super(body.message);
  }
  get code(): string {
    return this.body.code;
  }
}

/** An update takes the new worker well under a second to activate; 4 x 250 ms covers it. */
const STALE_RETRIES = 4;
const STALE_RETRY_MS = 250;
/** sessionStorage key: the background build this page already reloaded itself for. */
const RELOADED_FOR = 'tessera.reloadedForBuild';

export async function request<T extends RequestType>(message: Request<T> & { type: T }): Promise<Replies[T]> {
  const stamped = { ...message, build: BUILD_ID };
  for (let retries = 0; ; retries++) {
    const response = await send<T>(stamped);
    if (!response)
      throw new RequestError({ code: 'internal', message: 'Tessera did not answer. Try again.' });
    if (response.ok) return response.value;
    const error = response.error;
    if (!isStaleBuild(error)) throw new RequestError(error);
    const action = staleBuildAction(BUILD_ID, error.build, {
      retries,
      maxRetries: STALE_RETRIES,
      reloadedAlready: reloadedFor() === error.build,
    });
    if (action === 'retry') {
      await new Promise((resolve) => setTimeout(resolve, STALE_RETRY_MS));
      continue;
    }
    if (action === 'reload-page' && error.build) {
      rememberReload(error.build);
      globalThis.location.reload();
      // The page is going away; its callers need no answer.
      return new Promise<never>(() => undefined);
    }
    throw new RequestError({
      code: STALE_BUILD,
      message: staleBuildMessage(BUILD_ID, error.build),
      ...(error.build ? { build: error.build } : {}),
    });
  }
}

async function send<T extends RequestType>(message: Request<T> & { build: string }) {
  const fast = FAST_LANE_TYPES.has(message.type)
    ? ((await requestViaWorker(message as Request<'vault.list'>)) as Response<Replies[T]> | undefined)
    : undefined;
  return fast ?? ((await browser.runtime.sendMessage(message)) as Response<Replies[T]> | undefined);
}

/**
 * 'stale-build', or the answer of a background from before builds were named: its strict schemas
 * refuse the unknown `build` field as malformed.
 */
function isStaleBuild(error: ErrorBody): boolean {
  return error.code === STALE_BUILD || (error.code === 'malformed' && / at build[:.]/.test(error.message));
}

function reloadedFor(): string | null {
  try {
    return globalThis.sessionStorage?.getItem(RELOADED_FOR) ?? null;
  } catch {
    return null;
  }
}

function rememberReload(build: string): void {
  try {
    globalThis.sessionStorage?.setItem(RELOADED_FOR, build);
  } catch {
    // No sessionStorage: the page reloads once per request at most, then gives up the same way.
  }
}
