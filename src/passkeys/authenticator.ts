/**
 * Tessera's passkey authenticator: makes passkeys (navigator.credentials.create) and signs with
 * them (navigator.credentials.get), following WebAuthn Level 3 §6.3.2 (authenticatorMakeCredential)
 * and §6.3.3 (authenticatorGetAssertion), with the client's checks of §5.1.3 and §5.1.4 that depend
 * only on the origin (RP ID, clientDataJSON).
 *
 * Pure: no vault, no messages, no UI. The background calls these after it has (1) taken the origin
 * from the browser's MessageSender, (2) checked the frame's permission policy, and (3) had the
 * person click in Tessera's dialog with the vault unlocked. Saving the passkey into an item and
 * deleting it go through session.withVault (items.ts builds the new item).
 *
 * Every refusal is a PasskeyError named after the DOMException the page should see.
 */

import { sha256 } from '@noble/hashes/sha2.js';
import { concatBytes, fromBase64Url, toBase64Url } from '../crypto/encoding';
import { randomBytes } from '../crypto/random';
import type { StoredPasskey } from '../vault/types';
import { authenticatorData } from './authenticator-data';
import { type CborValue, encodeCbor } from './cbor';
import { clientDataJSON } from './client-data';
import { PasskeyError } from './errors';
import { ES256, generateEs256, signEs256 } from './es256';
import { checkRpId } from './rp-id';
import type {
  AuthenticationResponseJSON,
  CredentialDescriptorJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from './webauthn-json';

export type { StoredPasskey } from '../vault/types';
export { PasskeyError, type PasskeyErrorName } from './errors';
export { checkRpId, type RpIdCheck } from './rp-id';
export type {
  AuthenticationResponseJSON,
  PublicKeyCredentialCreationOptionsJSON,
  PublicKeyCredentialRequestOptionsJSON,
  RegistrationResponseJSON,
} from './webauthn-json';

/**
 * Who is calling, as the browser reported it (runtime.MessageSender: the frame's origin, and the
 * top-level page's origin for a frame), never as the page says.
 */
export interface Caller {
  /** The calling frame's origin, e.g. "https://login.example.com". */
  origin: string;
  /**
   * The top-level page's origin when the caller is a frame; clientDataJSON says crossOrigin and
   * names it when it differs from `origin`. Omit for a top-level page.
   */
  topOrigin?: string;
}

/** A stored passkey and the item that holds it. */
export interface PasskeyMatch {
  itemId: string;
  passkey: StoredPasskey;
}

/** Anything with an id and passkeys: a decrypted Item, or an ItemInput with its id. */
export interface PasskeyHolder {
  id?: string;
  passkeys?: readonly StoredPasskey[];
}

/** Credential ids are random; 16 bytes, like Bitwarden's and most platform authenticators'. */
const CREDENTIAL_ID_BYTES = 16;
const USER_HANDLE_MAX_BYTES = 64;

/**
 * Makes a new ES256 passkey for `options` on behalf of `caller`. `held` is every passkey the vault
 * holds for the RP (or more): one named in excludeCredentials refuses with InvalidStateError, as
 * the spec requires (§6.3.2 step 3). Returns the passkey to store and the response for the page.
 */
export async function createPasskey(
  options: PublicKeyCredentialCreationOptionsJSON,
  caller: Caller,
  held: readonly StoredPasskey[],
): Promise<{ passkey: StoredPasskey; response: RegistrationResponseJSON }> {
  const rpId = rpIdFor(options.rp.id, caller);
  const userHandle = bytesOption(options.user.id, 'user.id');
  if (userHandle.length < 1 || userHandle.length > USER_HANDLE_MAX_BYTES) {
    throw new PasskeyError('TypeError', 'user.id must be 1 to 64 bytes.');
  }
  bytesOption(options.challenge, 'challenge');
  const params = options.pubKeyCredParams;
  // An empty list means "ES256 or RS256" (§5.1.3 step 10); otherwise ES256 must be among them.
  if (params.length > 0 && !params.some((p) => p.type === 'public-key' && p.alg === ES256)) {
    throw new PasskeyError('NotSupportedError', 'This site accepts no key type Tessera can make (ES256).');
  }
  if (findExcluded(held, rpId, options.excludeCredentials)) {
    throw new PasskeyError(
      'InvalidStateError',
      'Tessera already holds a passkey for this account on this site.',
    );
  }

  const credentialId = randomBytes(CREDENTIAL_ID_BYTES);
  const keys = await generateEs256();
  const clientData = clientDataJSON('webauthn.create', options.challenge, caller);
  const authData = authenticatorData(rpId, { credentialId, cosePublicKey: keys.cosePublicKey });
  const attestationObject = encodeCbor(
    new Map<string, CborValue>([
      ['fmt', 'none'],
      ['attStmt', new Map()],
      ['authData', authData],
    ]),
  );
  const id = toBase64Url(credentialId);
  const passkey: StoredPasskey = {
    credentialId: id,
    rpId,
    userHandle: options.user.id,
    userName: options.user.name,
    userDisplayName: options.user.displayName,
    privateKey: keys.privateKey,
    algorithm: ES256,
    counter: 0,
    createdAt: Date.now(),
    // Every Tessera passkey is discoverable: it costs nothing here, and lets the site offer
    // sign-in without a username, as platform passkey providers do.
    discoverable: true,
  };
  return {
    passkey,
    response: {
      id,
      rawId: id,
      type: 'public-key',
      authenticatorAttachment: 'platform',
      clientExtensionResults: {},
      response: {
        clientDataJSON: toBase64Url(clientData),
        attestationObject: toBase64Url(attestationObject),
        authenticatorData: toBase64Url(authData),
        transports: ['internal', 'hybrid'],
        publicKeyAlgorithm: ES256,
        publicKey: toBase64Url(keys.spki),
      },
    },
  };
}

/**
 * The stored passkeys that may answer a get() for `rpId`: with allowCredentials, those it names;
 * without (or empty), every discoverable one (§6.3.3 step 3). The RP ID must already be checked
 * against the caller (checkRpId). An empty result means Tessera cannot help: the caller leaves
 * the request to the browser's own implementation.
 */
export function matchingPasskeys(
  items: readonly PasskeyHolder[],
  rpId: string,
  allowCredentials: readonly CredentialDescriptorJSON[] | undefined,
): PasskeyMatch[] {
  const allowed = allowCredentials?.length ? new Set(allowCredentials.map((d) => d.id)) : undefined;
  const matches: PasskeyMatch[] = [];
  for (const item of items) {
    for (const passkey of item.passkeys ?? []) {
      if (passkey.rpId !== rpId || item.id === undefined) continue;
      if (allowed ? allowed.has(passkey.credentialId) : passkey.discoverable) {
        matches.push({ itemId: item.id, passkey });
      }
    }
  }
  return matches;
}

/**
 * The held passkey that excludeCredentials names for `rpId`, if any: the site already has it, so a
 * new one must not be made (§6.3.2 step 3).
 */
export function findExcluded(
  held: readonly StoredPasskey[],
  rpId: string,
  excludeCredentials: readonly CredentialDescriptorJSON[] | undefined,
): StoredPasskey | undefined {
  if (!excludeCredentials?.length) return undefined;
  const excluded = new Set(excludeCredentials.map((d) => d.id));
  return held.find((p) => p.rpId === rpId && excluded.has(p.credentialId));
}

/**
 * Signs a get() with `passkey` for `caller`: the RP ID is checked against the caller's origin
 * again and must be the passkey's own, and a non-empty allowCredentials must name it. The
 * signature covers authenticatorData || SHA-256(clientDataJSON) (§6.3.3 step 11).
 */
export async function signAssertion(
  passkey: StoredPasskey,
  options: PublicKeyCredentialRequestOptionsJSON,
  caller: Caller,
): Promise<AuthenticationResponseJSON> {
  const rpId = rpIdFor(options.rpId, caller);
  if (rpId !== passkey.rpId) {
    throw new PasskeyError('SecurityError', `This passkey belongs to ${passkey.rpId}, not ${rpId}.`);
  }
  if (
    options.allowCredentials?.length &&
    !options.allowCredentials.some((d) => d.id === passkey.credentialId)
  ) {
    throw new PasskeyError('NotAllowedError', 'The site did not ask for this passkey.');
  }
  bytesOption(options.challenge, 'challenge');
  const clientData = clientDataJSON('webauthn.get', options.challenge, caller);
  const authData = authenticatorData(rpId);
  const signature = await signEs256(passkey.privateKey, concatBytes(authData, sha256(clientData)));
  return {
    id: passkey.credentialId,
    rawId: passkey.credentialId,
    type: 'public-key',
    authenticatorAttachment: 'platform',
    clientExtensionResults: {},
    response: {
      clientDataJSON: toBase64Url(clientData),
      authenticatorData: toBase64Url(authData),
      signature: toBase64Url(signature),
      ...(passkey.userHandle ? { userHandle: passkey.userHandle } : {}),
    },
  };
}

function rpIdFor(requested: string | undefined, caller: Caller): string {
  const check = checkRpId(requested, caller.origin);
  if (!check.ok) throw check.error;
  if (caller.topOrigin !== undefined) {
    try {
      if (new URL(caller.topOrigin).origin !== caller.topOrigin) throw new Error('not an origin');
    } catch {
      throw new PasskeyError(
        'NotAllowedError',
        'The top-level page has no origin passkeys can be used under.',
      );
    }
  }
  return check.rpId;
}

/** Decodes a base64url option, refusing malformed text as the browser's JSON parsing would. */
function bytesOption(value: string, name: string): Uint8Array {
  try {
    return fromBase64Url(value);
  } catch {
    throw new PasskeyError('TypeError', `${name} is not base64url text.`);
  }
}
