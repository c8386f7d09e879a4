/**
 * CollectedClientData as JSON (WebAuthn Level 3 §5.8.1), the bytes the relying party checks the
 * type, challenge and origin in, and that every signature covers (through its SHA-256).
 *
 * Built with the serialisation the spec defines (§5.8.1.1): type, challenge, origin, crossOrigin in
 * that order, then topOrigin only for a cross-origin caller. The origin is the browser's report of
 * the calling frame (Caller), never a value the page supplied.
 */

import { utf8Encode } from '../crypto/encoding';
import type { Caller } from './authenticator';

export function clientDataJSON(
  type: 'webauthn.create' | 'webauthn.get',
  challenge: string,
  caller: Caller,
): Uint8Array {
  const crossOrigin = isCrossOrigin(caller);
  const data: Record<string, string | boolean> = { type, challenge, origin: caller.origin, crossOrigin };
  if (crossOrigin) data.topOrigin = caller.topOrigin!;
  return utf8Encode(JSON.stringify(data));
}

/** A caller in a frame whose top-level page has another origin (§5.8.1: crossOrigin, topOrigin). */
export function isCrossOrigin(caller: Caller): boolean {
  return caller.topOrigin !== undefined && caller.topOrigin !== caller.origin;
}
