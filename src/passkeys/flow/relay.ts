/**
 * The isolated-world half of the passkey provider (entrypoints/passkey-relay.ts, document_start):
 * passes the page-world script's WebAuthn requests (page-world.ts) to the background and its
 * answers back, adding the two facts about this frame that only a script inside it can read.
 *
 * Safety facts: nothing the page sends is trusted here or in the background. The frame's origin is
 * taken by the background from the browser's sender, not from this script. The facts added here
 * come from this content script's own view of the document, which page script cannot patch (a
 * separate JavaScript world): whether the document's origin is opaque (a sandbox, whose URL still
 * names the site) and, where the browser exposes it (Chromium's document.featurePolicy), whether
 * the frame may use publickey-credentials-create/get. Where it does not (Firefox), the background
 * leaves cross-origin frames to the browser's own WebAuthn, which applies the policy itself.
 *
 * Cost: this runs in every frame of every page, so start-up only adds one listener. It listens on
 * the window in the capture phase, which sees the request event dispatched at the document before
 * any listener the page adds (the page's scripts run later) without touching `document`: the first
 * read of `document` in this world builds its wrappers (~0.3 ms), and so does the first read of
 * `chrome.runtime` (the extension API bindings, ~0.3 ms); both wait for the page's first request.
 */

import { type CeremonyReply, PASSKEY_REPLY_EVENT, PASSKEY_REQUEST_EVENT, type PageRequest } from './wire';

export interface RelayRuntime {
  sendMessage(message: unknown, reply: (response: unknown) => void): void;
  readonly lastError?: unknown;
}

/** What this frame's document says about itself (see the safety facts above). */
export interface FrameFacts {
  sandboxed: boolean;
  /** The permission policy's answer for this call's feature; absent where the browser cannot say. */
  permitted?: boolean;
}

interface PolicyView {
  allowsFeature(feature: string): boolean;
}

export function frameFacts(view: Window, kind: 'create' | 'get'): FrameFacts {
  const doc = view.document as Document & { featurePolicy?: PolicyView; permissionsPolicy?: PolicyView };
  const policy = doc.permissionsPolicy ?? doc.featurePolicy;
  // window.origin, not location.origin: a sandboxed document's URL still names the site. (As
  // src/autofill/content/fill.ts's isOpaqueOrigin, not imported: that module would bring the
  // autofill vocabulary into a script every frame loads.)
  const sandboxed = view.origin === 'null';
  if (!policy || typeof policy.allowsFeature !== 'function') return { sandboxed };
  return { sandboxed, permitted: policy.allowsFeature(`publickey-credentials-${kind}`) };
}

/**
 * Starts the relay in `view`. `runtimeOf` gives the extension's runtime API: called at the first
 * request, not now (see Cost above).
 */
export function runPasskeyRelay(view: Window, runtimeOf: () => RelayRuntime): void {
  const answer = (id: string, reply: CeremonyReply) => {
    view.document.dispatchEvent(
      new CustomEvent(PASSKEY_REPLY_EVENT, { detail: JSON.stringify({ id, reply }) }),
    );
  };
  const onRequest = (event: Event) => {
    // The request event is dispatched at the document (page-world.ts); any other target is not it.
    if (event.target !== view.document) return;
    const request = parseRequest((event as CustomEvent).detail);
    if (!request) return;
    const runtime = runtimeOf();
    if (request.kind === 'abort') {
      runtime.sendMessage({ type: 'passkey.abort', requestId: request.id }, () => runtime.lastError);
      return;
    }
    const message = {
      type: `passkey.${request.kind}`,
      requestId: request.id,
      options: request.options,
      frame: frameFacts(view, request.kind),
    };
    runtime.sendMessage(message, (response) => {
      // No answer at all (Tessera updated or disabled mid-call): the browser's own WebAuthn.
      if (runtime.lastError || !isRecord(response)) return answer(request.id, { kind: 'native' });
      if (response.ok === true) return answer(request.id, response.value as CeremonyReply);
      const error = isRecord(response.error) ? response.error : {};
      answer(request.id, {
        kind: 'error',
        name: 'NotAllowedError',
        message: typeof error.message === 'string' ? error.message : 'Tessera refused the request.',
      });
    });
  };
  view.addEventListener(PASSKEY_REQUEST_EVENT, onRequest, { capture: true });
}

const REQUEST_ID = /^[0-9a-f]{32}$/;

function parseRequest(detail: unknown): PageRequest | null {
  if (typeof detail !== 'string' || detail.length > 200_000) return null;
  try {
    const value: unknown = JSON.parse(detail);
    if (!isRecord(value) || typeof value.id !== 'string' || !REQUEST_ID.test(value.id)) return null;
    if (value.kind !== 'create' && value.kind !== 'get' && value.kind !== 'abort') return null;
    return { id: value.id, kind: value.kind, options: value.options };
  } catch {
    return null;
  }
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null;
}
