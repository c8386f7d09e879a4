/**
 * How long each field of an item may be. Generous for people and small for attackers: a hostile
 * page or file cannot make the vault store megabytes in a field meant for a username. The schemas
 * that enforce them are in item-schema.ts; this module holds only the numbers, so that code on the
 * popup's first screen (the list's URLs) can use them without loading valibot.
 */

export const LIMITS = {
  name: 500,
  username: 1_000,
  password: 10_000,
  notes: 100_000,
  totp: 1_000,
  url: 2_048,
  urls: 50,
  fields: 100,
  fieldName: 200,
  fieldValue: 10_000,
  passkeys: 100,
  /** WebAuthn's limit for a credential id is 1023 bytes: 1364 base64url characters. */
  credentialId: 1_364,
  /** A user handle is at most 64 bytes (WebAuthn §5.4.3): 86 base64url characters. */
  userHandle: 86,
  rpId: 253,
  /** A P-256 PKCS#8 key is 138 bytes; room for the longer forms other managers export. */
  privateKey: 4_000,
} as const;
