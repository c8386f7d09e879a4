/**
 * What the page-world script (page-world.ts), the isolated relay (relay.ts) and the background
 * (service.ts) say to each other about one WebAuthn call.
 *
 * Safety facts: the page can read and forge every event between the page-world script and the
 * relay (they share the page's DOM). That is harmless by design: a forged request is no more than
 * the page calling navigator.credentials itself, and the background decides everything that
 * matters (the origin, from the browser's sender; the RP ID against that origin; a person's click
 * in an extension window) without trusting anything the page says. Events carry JSON text only,
 * so nothing crosses between the page's and the content script's JavaScript worlds but strings.
 */

import type { PasskeyErrorName } from '../errors';

/** Page world -> relay: a call to navigator.credentials.create/get, or the page's abort of one. */
export const PASSKEY_REQUEST_EVENT = 'tessera:passkey-request';
/** Relay -> page world: the background's answer to one request. */
export const PASSKEY_REPLY_EVENT = 'tessera:passkey-reply';

export type CeremonyKind = 'create' | 'get';

export interface PageRequest {
  /** Random per call, chosen by the page-world script; ties the reply (and an abort) to the call. */
  id: string;
  kind: CeremonyKind | 'abort';
  /** For create/get: the publicKey options in their WebAuthn JSON form. */
  options?: unknown;
}

/** WebAuthn's JSON forms (WebAuthn Level 3 §5.1.8, toJSON) of what the page receives. */
export interface CredentialJSON {
  id: string;
  rawId: string;
  type: 'public-key';
  authenticatorAttachment?: 'platform' | 'cross-platform' | null;
  clientExtensionResults: Record<string, unknown>;
  response: {
    clientDataJSON: string;
    /** Registration. */
    attestationObject?: string;
    authenticatorData?: string;
    transports?: string[];
    publicKey?: string;
    publicKeyAlgorithm?: number;
    /** Authentication. */
    signature?: string;
    userHandle?: string | null;
  };
}

/**
 * The background's answer: the browser's own WebAuthn should handle the call ('native'), a
 * credential, or a DOMException (name and message) for the page, as the browser would raise it.
 */
export type CeremonyReply =
  | { kind: 'native' }
  | { kind: 'credential'; credential: CredentialJSON }
  | { kind: 'error'; name: CeremonyErrorName; message: string };

/** The authenticator's refusals (../errors.ts), as the page sees them; TypeError is raised as one. */
export type CeremonyErrorName = PasskeyErrorName;
