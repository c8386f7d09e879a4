/**
 * The shapes that form detection returns, shared by the detector, the observer and (later) the
 * fill and save paths.
 *
 * Safety fact: a DetectedField is only ever a visible, enabled <input> that a person could type
 * into; hidden honeypots and search boxes are never returned, so a fill path that writes only into
 * returned fields cannot write into a field the user cannot see. One-time-code fields come back
 * with their own role, 'one-time-code', never a username or password role (and the reverse), so
 * every consumer must choose a value by role, never by "not the username".
 */

/**
 * What a field holds: the account name, the password used now, a password being chosen, or a
 * one-time code (RFC 6238 TOTP; one character of it per box in a split code input).
 */
export type FieldRole = 'username' | 'current-password' | 'new-password' | 'one-time-code';

/**
 * What a group of fields is for. 'identifier' is the first page of a two-step sign-in: a lone
 * username or email field, with the password asked on the next page. 'one-time-code' is a
 * group with only a one-time code (the page after the password).
 */
export type FormKind = 'login' | 'signup' | 'change-password' | 'identifier' | 'one-time-code';

export interface DetectedField {
  input: HTMLInputElement;
  role: FieldRole;
}

export interface DetectedForm {
  kind: FormKind;
  /** In document order (shadow-root contents at their host's position). */
  fields: DetectedField[];
}

/**
 * Decides whether a person can see an input. The default (visibility.ts) uses real layout;
 * tests without layout inject one that reads markup and inline styles only.
 */
export type VisibilityPredicate = (input: HTMLInputElement) => boolean;

export interface DetectOptions {
  isVisible?: VisibilityPredicate;
}
