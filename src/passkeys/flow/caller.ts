/**
 * Who is asking for a passkey: the caller's origin and, for a frame inside another site, the top
 * origin, decided from what the browser reports about the sender and the tab's frames, never from
 * the page. WebAuthn Level 3 §5.1.3 and §5.1.4 steps on the origin, as Chromium applies them
 * (../shared/notes/webauthn-chromium.md), with Tessera refusing at least as much:
 *
 * - a sandboxed document (opaque origin, even when its URL names a site): NotAllowedError;
 * - plain http, except localhost and *.localhost, and IP addresses (rp-id.ts's secureCallerUrl):
 *   SecurityError, as the browser exposes no WebAuthn there at all;
 * - a frame that is not same-origin with all its ancestors only with the permission policy
 *   publickey-credentials-create/get, read in the frame by the relay where the browser exposes it
 *   (Chromium); where it does not (Firefox), the call goes to the browser's own WebAuthn, which
 *   applies the policy itself. clientDataJSON then carries crossOrigin and topOrigin truthfully.
 */

import type { Caller } from '../authenticator';
import { secureCallerUrl } from '../rp-id';
import type { FrameFacts } from './relay';

export interface TabFrame {
  frameId: number;
  parentFrameId: number;
  url: string;
}

export interface CallerFacts {
  /** The sender's origin as the browser reports it ('null' for a sandboxed document). */
  origin: string;
  frameId: number;
  frame: FrameFacts;
  /** The tab's frames (webNavigation.getAllFrames), needed for any frame but the top one. */
  frames: readonly TabFrame[] | null;
}

export type CallerDecision =
  | { kind: 'caller'; caller: Caller }
  | { kind: 'native' }
  | { kind: 'refuse'; name: 'NotAllowedError' | 'SecurityError'; message: string };

export function decideCaller(facts: CallerFacts): CallerDecision {
  if (facts.frame.sandboxed || facts.origin === 'null') {
    return refuse('NotAllowedError', 'Passkeys are not available in a sandboxed document.');
  }
  try {
    secureCallerUrl(facts.origin);
  } catch (err) {
    return refuse('SecurityError', (err as Error).message);
  }
  if (facts.frameId === 0) return { kind: 'caller', caller: { origin: facts.origin } };
  const ancestors = ancestorOrigins(facts.frames ?? [], facts.frameId);
  const top = ancestors.at(-1);
  if (!top) return refuse('NotAllowedError', 'Tessera could not tell which page this frame is in.');
  if (ancestors.every((origin) => origin === facts.origin)) {
    return { kind: 'caller', caller: { origin: facts.origin } };
  }
  if (facts.frame.permitted === undefined) return { kind: 'native' };
  if (!facts.frame.permitted) {
    return refuse('NotAllowedError', 'The page does not allow passkeys in this frame (permission policy).');
  }
  return { kind: 'caller', caller: { origin: facts.origin, topOrigin: top } };
}

/**
 * The origins of the frame's ancestors, parent first, top last. A frame without an origin of its
 * own in its URL (about:blank, about:srcdoc) has its parent's, so it is skipped. Empty when the
 * frame is not among `frames` or the chain is broken.
 */
function ancestorOrigins(frames: readonly TabFrame[], frameId: number): string[] {
  const byId = new Map(frames.map((frame) => [frame.frameId, frame]));
  const origins: string[] = [];
  let current = byId.get(frameId);
  if (!current) return [];
  for (let depth = 0; current.parentFrameId >= 0 && depth < 64; depth++) {
    const parent = byId.get(current.parentFrameId);
    if (!parent) return [];
    const origin = originOf(parent.url);
    if (origin) origins.push(origin);
    current = parent;
  }
  return current.frameId === 0 && origins.length > 0 ? origins : [];
}

function originOf(url: string): string | null {
  try {
    const origin = new URL(url).origin;
    return origin === 'null' ? null : origin;
  } catch {
    return null;
  }
}

function refuse(name: 'NotAllowedError' | 'SecurityError', message: string): CallerDecision {
  return { kind: 'refuse', name, message };
}
