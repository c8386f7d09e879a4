/**
 * Run-time validation of items entering the vault (from the popup, an import or a backup).
 *
 * Limits are generous for people and small for attackers: a hostile page or file cannot make the
 * vault store megabytes in a field meant for a username.
 */

import * as v from 'valibot';
import { VaultError } from './errors';
import { LIMITS } from './limits';
import type { ItemInput } from './types';

// The limits live in their own module (no valibot), so the popup's list can name them without
// loading and building every schema before its first paint (issue 18).
export { LIMITS };

const text = (max: number) => v.pipe(v.string(), v.maxLength(max, `is longer than ${max} characters`));

export const CustomFieldSchema = v.strictObject({
  name: text(LIMITS.fieldName),
  value: text(LIMITS.fieldValue),
  hidden: v.boolean(),
});

const base64url = (min: number, max: number) =>
  v.pipe(
    v.string(),
    v.regex(/^[A-Za-z0-9_-]*$/, 'is not base64url text'),
    v.minLength(min, `is shorter than ${min} characters`),
    v.maxLength(max, `is longer than ${max} characters`),
  );

/** A stored passkey (types.ts StoredPasskey); its key is checked again where it is used. */
export const StoredPasskeySchema = v.strictObject({
  credentialId: base64url(1, LIMITS.credentialId),
  rpId: v.pipe(text(LIMITS.rpId), v.minLength(1, 'is empty')),
  userHandle: base64url(0, LIMITS.userHandle),
  userName: text(LIMITS.username),
  userDisplayName: text(LIMITS.username),
  privateKey: base64url(1, LIMITS.privateKey),
  algorithm: v.literal(-7),
  counter: v.pipe(v.number(), v.integer(), v.minValue(0), v.maxValue(0xffff_ffff)),
  createdAt: v.pipe(v.number(), v.integer(), v.minValue(0)),
  discoverable: v.boolean(),
});

export const ItemInputSchema = v.strictObject({
  id: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(64))),
  name: text(LIMITS.name),
  username: text(LIMITS.username),
  password: text(LIMITS.password),
  notes: text(LIMITS.notes),
  totp: text(LIMITS.totp),
  urls: v.pipe(v.array(text(LIMITS.url)), v.maxLength(LIMITS.urls, `has more than ${LIMITS.urls} URLs`)),
  match: v.picklist(['domain', 'host', 'never']),
  favorite: v.boolean(),
  fields: v.pipe(
    v.array(CustomFieldSchema),
    v.maxLength(LIMITS.fields, `has more than ${LIMITS.fields} custom fields`),
  ),
  passwordChangedAt: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
  passkeys: v.optional(
    v.pipe(
      v.array(StoredPasskeySchema),
      v.maxLength(LIMITS.passkeys, `has more than ${LIMITS.passkeys} passkeys`),
    ),
  ),
});

/**
 * An item from a page (vault.put): passkeys are named by credential id; whatever else a page sends
 * about them (the view it was given) is dropped, and a private key is never taken from a page.
 */
export const PageItemInputSchema = v.strictObject({
  ...ItemInputSchema.entries,
  passkeys: v.optional(
    v.pipe(
      v.array(v.object({ credentialId: base64url(1, LIMITS.credentialId) })),
      v.maxLength(LIMITS.passkeys, `has more than ${LIMITS.passkeys} passkeys`),
    ),
  ),
});

/** Checks an item against the schema, or throws VaultError('invalid-item') naming the field. */
export function parseItemInput(input: unknown): ItemInput {
  const result = v.safeParse(ItemInputSchema, input);
  if (result.success) return result.output;
  const issue = result.issues[0];
  const path = issue.path?.map((p) => String(p.key)).join('.') ?? 'item';
  throw new VaultError('invalid-item', `The item is not valid (${path}: ${issue.message}).`);
}

/** A blank login, for forms and importers to fill in. */
export function emptyItem(): ItemInput {
  return {
    name: '',
    username: '',
    password: '',
    notes: '',
    totp: '',
    urls: [],
    match: 'domain',
    favorite: false,
    fields: [],
  };
}
