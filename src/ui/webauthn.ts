/**
 * The WebAuthn ceremonies behind biometric unlock: enrolling a credential with the PRF extension
 * (W3C Web Authentication Level 3, §10.1.4 "Pseudo-random function extension (prf)"), and asking
 * an enrolled credential for its PRF output with user verification.
 *
 * How it fits: the authenticator computes PRF(credential secret, salt) only after verifying the
 * person (fingerprint, face, PIN). The background turns that output into a wrapping key with HKDF
 * (src/vault/wrappers.ts), so a vault key record opens only with that authenticator and that person.
 * No server checks the signature: the secret that matters is the PRF output, which the
 * authenticator releases only after user verification.
 *
 * Safety fact: the PRF output opens the vault like the master password does. It goes from here to
 * the background in one message and is never stored, logged or kept after the call; this module
 * zeroes the buffers it received (JavaScript strings made from them cannot be wiped).
 *
 * RP ID (extensionRpId): in Chromium rp.id is omitted, so the browser uses this page's origin and the
 * credential is scoped to chrome-extension://<extension id>, which no web page can ask for. Firefox
 * refuses a moz-extension:// origin as an RP ID (SecurityError); since Firefox 150 an extension may
 * instead claim a domain it has host permission for. Tessera claims FIREFOX_RP_ID, under `.invalid`,
 * a TLD that never resolves (RFC 6761 §6.4), so no web page can ever ask for that credential. Another
 * extension with access to all sites could claim the same RP ID; it would still need the person's
 * fingerprint for each use, and the PRF output alone opens nothing without Tessera's own database.
 */

import { fromBase64Url, toBase64Url } from '../crypto/encoding';
import { randomBytes } from '../crypto/random';

/** Why a ceremony failed, for the message the page shows. */
export type BiometricFailure =
  /** No WebAuthn in this browser or context. */
  | 'unsupported'
  /** The authenticator answered without a PRF result: it cannot do biometric unlock. */
  | 'no-prf'
  /**
   * NotAllowedError: nobody answered before the timeout, the person cancelled, or no authenticator
   * holds any of the credentials asked for. WebAuthn deliberately does not say which (privacy, §14.5).
   */
  | 'not-allowed'
  /** Anything else (InvalidStateError, SecurityError, ...). */
  | 'failed';

export class BiometricError extends Error {
  override readonly name = 'BiometricError';
  constructor(
    readonly reason: BiometricFailure,
    /** Base64url ids of the credentials that failed (those asked for, or the one that answered). */
    readonly credentialIds: readonly string[],
    message: string,
    /**
     * For 'not-allowed': the ceremony ran into its timeout, so nothing answered. A NotAllowedError
     * well before the timeout is most often a person cancelling, which proves nothing about the key.
     */
    readonly timedOut = false,
  ) {
    super(message);
  }
}

/** A NotAllowedError this close to the timeout counts as "nothing answered" (timers are not exact). */
const TIMED_OUT_SHARE = 0.9;

/** An enrolled credential as the vault lists it (base64url, see KeyRecordView). */
export interface PrfCredentialRef {
  credentialId: string;
  prfSalt: string;
}

/** What biometric.enrol needs: all base64url. */
export interface PrfEnrolmentProof {
  credentialId: string;
  prfSalt: string;
  prfOutput: string;
}

/** What biometric.unlock and biometric.setPassword need: all base64url. */
export interface PrfAssertion {
  credentialId: string;
  prfOutput: string;
}

/** Bytes of the per-enrolment PRF salt (the PRF input), and of the random challenge and user id. */
const SALT_BYTES = 32;
const CHALLENGE_BYTES = 32;
const USER_ID_BYTES = 16;
/** The background refuses shorter outputs; authenticators return 32 bytes (hmac-secret, CTAP 2.1). */
const MIN_PRF_BYTES = 32;

/** How long the browser waits for the person by default; the platform may cap it. */
export const DEFAULT_TIMEOUT_MS = 120_000;
const MIN_TIMEOUT_MS = 1_000;
const MAX_TIMEOUT_MS = 600_000;

/**
 * The ceremony timeout: DEFAULT_TIMEOUT_MS, unless the page URL carries ?webauthnTimeout=<ms>
 * (end-to-end tests use a short one, because a removed authenticator fails only when the timeout
 * ends). Harmless by construction: it can only change how long the browser waits, within
 * [1 s, 10 min].
 */
export function webauthnTimeoutMs(search: string = globalThis.location?.search ?? ''): number {
  const raw = new URLSearchParams(search).get('webauthnTimeout');
  const value = raw === null ? Number.NaN : Number(raw);
  if (!Number.isFinite(value)) return DEFAULT_TIMEOUT_MS;
  return Math.min(MAX_TIMEOUT_MS, Math.max(MIN_TIMEOUT_MS, Math.round(value)));
}

/** The RP ID Tessera claims on Firefox: the domain of its gecko id (tessera@tessera.invalid). */
export const FIREFOX_RP_ID = 'tessera.invalid';

/** First Firefox that lets an extension page claim an RP ID (older ones refuse every ceremony). */
export const FIREFOX_MIN_WEBAUTHN = 150;

/** The RP ID to pass explicitly: FIREFOX_RP_ID on a moz-extension:// page, else none (the origin). */
export function extensionRpId(protocol: string = globalThis.location?.protocol ?? ''): string | undefined {
  return protocol === 'moz-extension:' ? FIREFOX_RP_ID : undefined;
}

/**
 * Whether biometric unlock can work here at all. False without WebAuthn, and on a Firefox older than
 * FIREFOX_MIN_WEBAUTHN, where every ceremony from an extension page fails: the pages then say that
 * biometric unlock is unavailable instead of offering a button that cannot work.
 */
export function webauthnAvailable(
  protocol: string = globalThis.location?.protocol ?? '',
  userAgent: string = globalThis.navigator?.userAgent ?? '',
): boolean {
  if (typeof PublicKeyCredential !== 'function' || typeof navigator.credentials?.create !== 'function')
    return false;
  if (protocol !== 'moz-extension:') return true;
  const major = Number(/\bFirefox\/(\d+)/.exec(userAgent)?.[1] ?? Number.NaN);
  return Number.isFinite(major) && major >= FIREFOX_MIN_WEBAUTHN;
}

/**
 * Creates a credential for this extension with the PRF extension, then asks it once for the PRF
 * output under a fresh random salt. Two prompts: creation, then the first evaluation (most
 * authenticators cannot evaluate PRF during creation, and the salt must be evaluated with user
 * verification anyway).
 */
export async function enrolPrfCredential(options: {
  /** Shown by the browser's account picker. */
  displayName: string;
  timeoutMs: number;
}): Promise<PrfEnrolmentProof> {
  requireWebAuthn();
  const rpId = extensionRpId();
  let created: PublicKeyCredential;
  try {
    const credential = await navigator.credentials.create({
      publicKey: {
        rp: rpId ? { name: 'Tessera', id: rpId } : { name: 'Tessera' },
        user: {
          id: bufferOf(randomBytes(USER_ID_BYTES)),
          name: 'Tessera vault',
          displayName: options.displayName,
        },
        challenge: bufferOf(randomBytes(CHALLENGE_BYTES)),
        // ES256 first (every platform authenticator), RS256 for older Windows Hello (COSE ids, RFC 9053).
        pubKeyCredParams: [
          { type: 'public-key', alg: -7 },
          { type: 'public-key', alg: -257 },
        ],
        authenticatorSelection: { userVerification: 'required', residentKey: 'discouraged' },
        timeout: options.timeoutMs,
        attestation: 'none',
        extensions: { prf: {} },
      },
    });
    if (!(credential instanceof PublicKeyCredential)) throw new DOMException('no credential', 'UnknownError');
    created = credential;
  } catch (err) {
    throw translate(err, []);
  }
  const credentialId = toBase64Url(new Uint8Array(created.rawId));
  // An authenticator that reports "enabled: false" has no PRF: stop before asking again.
  if (prfResults(created)?.enabled === false) throw noPrf([credentialId]);

  const salt = randomBytes(SALT_BYTES);
  const prfSalt = toBase64Url(salt);
  const { prfOutput } = await assertPrf([{ credentialId, prfSalt }], options.timeoutMs);
  return { credentialId, prfSalt, prfOutput };
}

/**
 * Asks any of the enrolled credentials for its PRF output, with user verification. Each credential
 * is evaluated under its own salt (evalByCredential, keyed by base64url credential id).
 */
export async function assertPrf(refs: readonly PrfCredentialRef[], timeoutMs: number): Promise<PrfAssertion> {
  requireWebAuthn();
  const ids = refs.map((r) => r.credentialId);
  if (refs.length === 0) throw new BiometricError('failed', [], 'No biometric key is set up.');
  const evalByCredential: Record<string, { first: ArrayBuffer }> = {};
  for (const ref of refs)
    evalByCredential[ref.credentialId] = { first: bufferOf(fromBase64Url(ref.prfSalt)) };
  const rpId = extensionRpId();
  let assertion: PublicKeyCredential;
  const started = performance.now();
  try {
    const credential = await navigator.credentials.get({
      publicKey: {
        ...(rpId ? { rpId } : {}),
        challenge: bufferOf(randomBytes(CHALLENGE_BYTES)),
        allowCredentials: refs.map((r) => ({
          type: 'public-key' as const,
          id: bufferOf(fromBase64Url(r.credentialId)),
        })),
        userVerification: 'required',
        timeout: timeoutMs,
        extensions: { prf: { evalByCredential } },
      },
    });
    if (!(credential instanceof PublicKeyCredential)) throw new DOMException('no credential', 'UnknownError');
    assertion = credential;
  } catch (err) {
    throw translate(err, ids, performance.now() - started >= timeoutMs * TIMED_OUT_SHARE);
  }
  const credentialId = toBase64Url(new Uint8Array(assertion.rawId));
  const first = prfResults(assertion)?.results?.first;
  if (!first) throw noPrf([credentialId]);
  const output = bytesOf(first);
  try {
    if (output.length < MIN_PRF_BYTES) throw noPrf([credentialId]);
    return { credentialId, prfOutput: toBase64Url(output) };
  } finally {
    output.fill(0);
  }
}

// ---- helpers ----------------------------------------------------------------------------------

interface PrfClientOutputs {
  enabled?: boolean;
  results?: { first?: BufferSource; second?: BufferSource };
}

function prfResults(credential: PublicKeyCredential): PrfClientOutputs | undefined {
  return (credential.getClientExtensionResults() as { prf?: PrfClientOutputs }).prf;
}

function requireWebAuthn(): void {
  if (!webauthnAvailable()) {
    throw new BiometricError('unsupported', [], 'This browser does not offer WebAuthn here.');
  }
}

function noPrf(ids: readonly string[]): BiometricError {
  return new BiometricError('no-prf', ids, 'This authenticator does not support biometric unlock (PRF).');
}

function translate(err: unknown, ids: readonly string[], timedOut = false): BiometricError {
  if (err instanceof BiometricError) return err;
  const name = err instanceof DOMException || err instanceof Error ? err.name : '';
  const detail = err instanceof Error ? err.message : String(err);
  if (name === 'NotAllowedError' || name === 'AbortError')
    return new BiometricError('not-allowed', ids, detail, timedOut);
  if (name === 'NotSupportedError') return new BiometricError('unsupported', ids, detail);
  return new BiometricError('failed', ids, detail);
}

/** A standalone ArrayBuffer with these bytes (WebAuthn's BufferSource, without shared views). */
function bufferOf(bytes: Uint8Array): ArrayBuffer {
  const copy = new Uint8Array(bytes.length);
  copy.set(bytes);
  return copy.buffer;
}

function bytesOf(source: BufferSource): Uint8Array {
  return source instanceof ArrayBuffer
    ? new Uint8Array(source)
    : new Uint8Array(source.buffer, source.byteOffset, source.byteLength);
}
