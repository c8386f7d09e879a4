/**
 * The shapes that form detection returns, shared by the detector, the observer and (later) the
 * fill and save paths.
 *
 * Safety fact: a DetectedField is only ever a visible, enabled <input> that a person could type
 * into; hidden honeypots, one-time-code boxes and search boxes are never returned, so a fill path
 * that writes only into returned fields cannot write into a field the user cannot see.
 */

/** What a field holds: the account name, the password used now, or a password being chosen. */
export type FieldRole = 'username' | 'current-password' | 'new-password';

/**
 * What a group of fields is for. 'identifier' is the first page of a two-step sign-in: a lone
 * username or email field, with the password asked on the next page.
 */
export type FormKind = 'login' | 'signup' | 'change-password' | 'identifier';

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
