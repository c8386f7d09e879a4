/**
 * Every way the passkey authenticator refuses, named after the DOMException a browser raises for
 * the same case (WebAuthn Level 3 §5.1.3 and §5.1.4), so the page sees what Chromium's own
 * implementation would say.
 *
 * `message` is for the person and the page's developer; it never contains key material.
 */

export type PasskeyErrorName =
  /** The RP ID does not belong to the caller's origin, or the origin is not secure. */
  | 'SecurityError'
  /** Refused without saying why to the page: no matching passkey, a cancel, a policy refusal. */
  | 'NotAllowedError'
  /** excludeCredentials names a passkey Tessera already holds for this RP. */
  | 'InvalidStateError'
  /** None of the algorithms the site accepts is one Tessera makes. */
  | 'NotSupportedError'
  /** The options are malformed (a challenge that is not base64url, a user id over 64 bytes). */
  | 'TypeError';

export class PasskeyError extends Error {
  constructor(
    override readonly name: PasskeyErrorName,
    message: string,
  ) {
    super(message);
  }
}
