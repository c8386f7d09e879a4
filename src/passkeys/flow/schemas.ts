/**
 * The run-time shapes of the passkey flow's own requests (protocol.ts): the call's id, the
 * relay's frame facts and the dialog's answers. The page's options use the authenticator's
 * schemas (../webauthn-json.ts). A credential id is at most 1023 bytes (WebAuthn L3 §5.8.3):
 * 1364 base64url characters.
 */

import * as v from 'valibot';

const base64url = (min: number, max: number) =>
  v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]*$/), v.minLength(min), v.maxLength(max));

export const requestId = v.pipe(v.string(), v.regex(/^[0-9a-f]{32}$/));

export const FrameFactsSchema = v.strictObject({
  sandboxed: v.boolean(),
  permitted: v.optional(v.boolean()),
});

/** One-time token of a dialog window (ceremonies.ts): 128 random bits, base64url. */
export const dialogToken = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{22}$/));

export const DialogAnswerSchema = v.variant('action', [
  v.strictObject({ action: v.literal('native') }),
  v.strictObject({ action: v.literal('cancel') }),
  v.strictObject({
    action: v.literal('save'),
    itemId: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(64))),
  }),
  v.strictObject({
    action: v.literal('use'),
    itemId: v.pipe(v.string(), v.minLength(1), v.maxLength(64)),
    credentialId: base64url(1, 1364),
  }),
]);
