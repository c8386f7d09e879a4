/**
 * Turns an incoming runtime message into a handler call, or into a clear refusal.
 *
 * Order of checks: sender (is it us, and which context?), rate (has its tab asked too often?),
 * build (is the page from this build? see build.ts), type (do we know it?), audience (may this
 * context ask it?), shape (does it match the schema?). The rate comes before the rest so a page
 * looping requests costs a map lookup each, not a parse. Refusals are logged with the type and the
 * reason only: never the message, which may hold a password.
 */

import * as v from 'valibot';
import { VaultError } from '../vault/errors';
import { AUDIENCE_NAMES } from './audience';
import { BUILD_ID, requestBuild, STALE_BUILD, staleBuildMessage } from './build';
import {
  type ErrorBody,
  REQUESTS,
  type Replies,
  type Request,
  type RequestType,
  type Response,
} from './protocol';
import { createRateLimiter, type TabLimits } from './rate-limit';
import { audienceOf, classifySender, mayAsk, type RawSender, type SenderInfo } from './sender';

export type Handlers = {
  [T in RequestType]: (request: Request<T>, sender: SenderInfo) => Promise<Replies[T]> | Replies[T];
};

/** An error a handler throws to refuse with a specific code (for example 'throttled'). */
export class Refusal extends Error {
  constructor(
    readonly code: ErrorBody['code'],
    message: string,
    readonly retryAfterMs?: number,
    /** For the autofill confirmations: the origin the person is asked about. */
    readonly origin?: string,
  ) {
    super(message);
  }
}

export interface RouterOptions {
  extensionId: string;
  extensionOrigin: string;
  /** This background's build (build.ts); tests name their own. */
  build?: string;
  log?: (event: { type: string; code: string; sender: string }) => void;
  /** The clock of the per-tab rate limit (Date.now unless a test gives its own). */
  now?: () => number;
  /** The per-tab rate limit (rate-limit.ts's DEFAULT_TAB_LIMITS unless given). */
  tabLimits?: TabLimits;
}

export function createRouter(handlers: Handlers, options: RouterOptions) {
  const log = options.log ?? ((e) => console.warn('[tessera] refused message', e));
  const limiter = createRateLimiter(options.now ?? Date.now, options.tabLimits);
  const ownBuild = options.build ?? BUILD_ID;

  function refuse(type: string, sender: string, error: ErrorBody): Response {
    // 'locked' is the normal answer to a page asking before unlock, not a sign of anything wrong.
    if (error.code !== 'locked') log({ type, code: error.code, sender });
    return { ok: false, error };
  }

  return async function route(message: unknown, rawSender: RawSender): Promise<Response> {
    const sender = classifySender(rawSender, options.extensionId, options.extensionOrigin);
    const type = isRecord(message) && typeof message.type === 'string' ? message.type.slice(0, 64) : '(none)';
    if (!sender) {
      const ownPage =
        rawSender?.id === options.extensionId && rawSender.url?.startsWith(`${options.extensionOrigin}/`);
      return refuse(type, 'unknown', {
        code: 'forbidden-sender',
        message: ownPage
          ? 'This Tessera page may not ask from where it is shown (the inline menu and save prompt only inside a tab’s page, other pages never inside one).'
          : 'Messages are accepted only from Tessera itself.',
      });
    }
    const audience = audienceOf(sender);
    // Everything asked from inside a tab (content scripts, framed pages) counts, known type or not.
    if (audience !== 'page' && sender.tabId !== undefined && sender.frameId !== undefined) {
      const admission = limiter.admit(sender.tabId, sender.frameId);
      if (!admission.ok) {
        const error = {
          code: 'throttled',
          message: `Too many requests from this tab. Try again in ${Math.ceil(admission.retryAfterMs / 1000)} s.`,
          retryAfterMs: admission.retryAfterMs,
        };
        // A looping page would fill the log: only the first refusal of a run is written.
        return admission.firstRefusal ? refuse(type, audience, error) : { ok: false, error };
      }
    }
    // Pages name their build; one from another build is refused before anything else, since even
    // its request types may mean something else here. The field is then dropped for the schemas.
    const build = isRecord(message) ? requestBuild(message) : undefined;
    if (build === null) {
      return refuse(type, audience, {
        code: 'malformed',
        message: `Malformed "${type}" request at build.`,
      });
    }
    if (build !== undefined && build !== ownBuild) {
      return refuse(type, audience, {
        code: STALE_BUILD,
        message: staleBuildMessage(build, ownBuild),
        build: ownBuild,
      });
    }
    if (!Object.hasOwn(REQUESTS, type)) {
      return refuse(type, audience, { code: 'unknown-type', message: `Unknown request type "${type}".` });
    }
    const spec = REQUESTS[type as RequestType];
    if (!mayAsk(spec.audience, sender)) {
      return refuse(type, audience, {
        code: 'forbidden-sender',
        message: `"${type}" may be asked only by ${AUDIENCE_NAMES[spec.audience]}.`,
      });
    }
    const parsed = v.safeParse(spec.schema, build === undefined ? message : withoutBuild(message));
    if (!parsed.success) {
      const issue = parsed.issues[0];
      const where = issue.path?.map((p) => String(p.key)).join('.') || 'message';
      // The issue's message names the expected type, never the received value.
      return refuse(type, audience, {
        code: 'malformed',
        message: `Malformed "${type}" request at ${where}: ${issue.expected ? `expected ${issue.expected}` : issue.type}.`,
      });
    }
    try {
      const handler = handlers[type as RequestType] as (r: unknown, s: SenderInfo) => unknown;
      return { ok: true, value: (await handler(parsed.output, sender)) ?? null };
    } catch (err) {
      if (err instanceof VaultError) {
        return refuse(type, audience, {
          code: err.code,
          message: err.message,
          ...(err.recordId ? { recordId: err.recordId } : {}),
        });
      }
      if (err instanceof Refusal) {
        return refuse(type, audience, {
          code: err.code,
          message: err.message,
          ...(err.retryAfterMs !== undefined ? { retryAfterMs: err.retryAfterMs } : {}),
          ...(err.origin !== undefined ? { origin: err.origin } : {}),
        });
      }
      console.error('[tessera] handler failed', type, err instanceof Error ? err.name : typeof err);
      return refuse(type, audience, {
        code: 'internal',
        message: 'Tessera hit an unexpected error. Nothing was changed.',
      });
    }
  };
}

function withoutBuild(message: unknown): unknown {
  const { build: _build, ...rest } = message as Record<string, unknown>;
  return rest;
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null;
}
