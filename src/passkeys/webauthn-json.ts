/**
 * The WebAuthn Level 3 JSON forms of ceremony options and responses (§5.1.8, §5.1.9, §5.4, §5.5),
 * as a page's options reach the background and a response goes back: byte strings as base64url.
 *
 * The option schemas are valibot shapes for input from a page (through the content script): they
 * keep the members the authenticator reads, bounded, and drop the rest (extensions, hints), so a
 * hostile page cannot make the background hold megabytes. Names match the spec and
 * @simplewebauthn/types so a relying party's options pass through unchanged.
 */

import * as v from 'valibot';

const b64u = (max: number) =>
  v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]*$/, 'is not base64url text'), v.maxLength(max));
const text = (max: number) => v.pipe(v.string(), v.maxLength(max));

/** One credential named by excludeCredentials or allowCredentials. */
export const CredentialDescriptorSchema = v.object({
  type: v.string(),
  id: b64u(1364),
  transports: v.optional(v.array(text(32))),
});

/** Lists of credential descriptors: RPs send a few; 64 is far beyond any real account. */
const descriptors = v.optional(v.pipe(v.array(CredentialDescriptorSchema), v.maxLength(64)));

export const CreationOptionsSchema = v.object({
  rp: v.object({ id: v.optional(text(253)), name: text(1000) }),
  user: v.object({ id: b64u(86), name: text(1000), displayName: text(1000) }),
  challenge: b64u(1364),
  pubKeyCredParams: v.pipe(v.array(v.object({ type: v.string(), alg: v.number() })), v.maxLength(64)),
  timeout: v.optional(v.number()),
  excludeCredentials: descriptors,
  authenticatorSelection: v.optional(
    v.object({
      authenticatorAttachment: v.optional(v.string()),
      residentKey: v.optional(v.string()),
      requireResidentKey: v.optional(v.boolean()),
      userVerification: v.optional(v.string()),
    }),
  ),
  attestation: v.optional(v.string()),
});

export const RequestOptionsSchema = v.object({
  challenge: b64u(1364),
  timeout: v.optional(v.number()),
  rpId: v.optional(text(253)),
  allowCredentials: descriptors,
  userVerification: v.optional(v.string()),
});

export type CredentialDescriptorJSON = v.InferOutput<typeof CredentialDescriptorSchema>;
/** PublicKeyCredentialCreationOptionsJSON, the members Tessera reads. */
export type PublicKeyCredentialCreationOptionsJSON = v.InferOutput<typeof CreationOptionsSchema>;
/** PublicKeyCredentialRequestOptionsJSON, the members Tessera reads. */
export type PublicKeyCredentialRequestOptionsJSON = v.InferOutput<typeof RequestOptionsSchema>;

/** What both response forms share: the credential id and how it was made. */
interface CredentialJSON {
  id: string;
  rawId: string;
  type: 'public-key';
  authenticatorAttachment: 'platform' | 'cross-platform';
  clientExtensionResults: Record<string, unknown>;
}

/** RegistrationResponseJSON (§5.1.8). */
export interface RegistrationResponseJSON extends CredentialJSON {
  response: {
    clientDataJSON: string;
    attestationObject: string;
    authenticatorData: string;
    transports: string[];
    publicKeyAlgorithm: number;
    /** SubjectPublicKeyInfo (DER), for relying parties that read the key without CBOR. */
    publicKey: string;
  };
}

/** AuthenticationResponseJSON (§5.1.9). */
export interface AuthenticationResponseJSON extends CredentialJSON {
  response: {
    clientDataJSON: string;
    authenticatorData: string;
    signature: string;
    /** The user handle, present for a discoverable passkey (required when allowCredentials was empty). */
    userHandle?: string;
  };
}
