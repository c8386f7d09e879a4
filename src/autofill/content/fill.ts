/**
 * Writes a login into the page's login form, the way a person typing would look to the page's
 * scripts: the value goes through HTMLInputElement's own value setter (so React's and Vue's value
 * trackers see a change) and input/change events follow, so controlled inputs keep it.
 *
 * Safety fact: this writes only into fields that detection returns and that are visible at the
 * moment of the fill (re-checked here, not trusted from an earlier scan), only when the document's
 * real origin (`window.origin`) is the one the background matched, and never into a form that
 * posts to another origin (its action, or any submit button's formaction) unless that exact origin
 * was confirmed. A sandboxed document (CSP `sandbox`, `<iframe sandbox>` without
 * allow-same-origin) has an opaque origin, 'null', whatever its URL says: it runs content its site
 * did not vouch for, so it is never filled (issue 13, item 6). The secret goes into the field's
 * value and nowhere else: no attribute, no event detail, no postMessage.
 */

import { detectFormOf, detectLoginForms } from '../detect';
import { isInput } from '../dom';
import type { DetectedForm, DetectOptions, FieldRole } from '../types';
import { isVisibleOnScreen } from '../visibility';
import { findCodeFields } from './fill-code';
import { actionOrigins, deepActiveElement, frameRefusal } from './frame-checks';
import { guardFilledFields } from './guard';
import { setValue } from './value';

export { actionOrigins, isOpaqueOrigin } from './frame-checks';

/** A form the fill path writes into: sign-in and identifier pages, never sign-up. */
function fillable(form: DetectedForm): boolean {
  return form.kind === 'login' || form.kind === 'identifier';
}

export interface FillCommand {
  type: 'tessera.fill';
  /** The origin the background matched the item against; the frame must still be on it. */
  origin: string;
  username: string;
  password: string;
  /** A form-action origin the user agreed to send this login to. */
  confirmActionOrigin?: string;
  /**
   * The login has a one-time code. The code itself is not here: a frame that shows a code field
   * answers `wantsCode`, and the background then computes the code and sends it to that frame
   * alone (fill-code.ts).
   */
  hasCode?: true;
}

export type FillResult =
  /**
   * identifier: the form was a username-only first step (the background remembers the account).
   * wantsCode: a visible one-time-code field is waiting for this login's code (filled: 0 when the
   * page holds only the code field, the second step of a sign-in).
   */
  | { ok: true; filled: number; identifier?: true | undefined; wantsCode?: true | undefined }
  /**
   * sandboxed: the document's origin is opaque (a sandbox), though its URL names the site.
   * code-only: the page asks only for a one-time code, and this login has none.
   */
  | { ok: false; code: 'no-form' | 'origin-changed' | 'sandboxed' | 'code-only' }
  | { ok: false; code: 'confirm-action'; origin: string };

/** Forms reported by the observer, as hints: each is detected again before use. */
export type KnownForms = () => readonly DetectedForm[];

export interface FillOptions extends DetectOptions {
  known?: KnownForms;
}

/**
 * Fills the best login form in `doc`. Preference: the sign-in or identifier form of the focused
 * field, then the first sign-in form, then the first identifier-first form (username only).
 * Sign-up and change-password forms are never filled with a saved password.
 */
export function fillLogin(doc: Document, command: FillCommand, options: FillOptions = {}): FillResult {
  const isVisible = options.isVisible ?? isVisibleOnScreen;
  const known = options.known ?? (() => []);
  const view = doc.defaultView;
  const refused = frameRefusal(view, command.origin);
  if (refused || !view) return refused ?? { ok: false, code: 'origin-changed' };
  const form = chooseForm(doc, known, { isVisible });
  if (!form) {
    // The second step of a sign-in: only a code field. The code comes in its own command.
    if (!findCodeFields(doc, { isVisible })) return { ok: false, code: 'no-form' };
    return command.hasCode ? { ok: true, filled: 0, wantsCode: true } : { ok: false, code: 'code-only' };
  }

  // The form's action and every submitter's formaction: any other origin needs the person's
  // confirmation. Only one can be confirmed per fill, so a form with two other origins is never
  // filled (the person is asked about each in turn; neither confirmation covers the other).
  const actions = actionOrigins(form, view.location.href);
  const unconfirmed = actions.find(
    (origin) => origin !== view.origin && origin !== command.confirmActionOrigin,
  );
  if (unconfirmed !== undefined) return { ok: false, code: 'confirm-action', origin: unconfirmed };

  const filled: HTMLInputElement[] = [];
  for (const field of form.fields) {
    // Visibility again, now: the page may have hidden or moved the field since detection.
    if (!field.input.isConnected || field.input.disabled || field.input.readOnly) continue;
    if (!isVisible(field.input)) continue;
    const value = loginValue(field.role, command);
    if (!value) continue;
    setValue(field.input, value);
    filled.push(field.input);
  }
  if (filled.length === 0) return { ok: false, code: 'no-form' };
  guardFilledFields(filled, view.origin, actions);
  const wantsCode = command.hasCode && findCodeFields(doc, { isVisible }) !== null;
  return {
    ok: true,
    filled: filled.length,
    identifier: form.kind === 'identifier' || undefined,
    wantsCode: wantsCode || undefined,
  };
}

/**
 * What a login puts into a field of each role. One-time-code fields get nothing from the login
 * (their code comes in its own command), and a username-only field nothing when the item has no
 * username.
 */
function loginValue(role: FieldRole, command: FillCommand): string {
  switch (role) {
    case 'username':
      return command.username;
    case 'current-password':
    case 'new-password':
      return command.password;
    case 'one-time-code':
      return '';
  }
}

function chooseForm(doc: Document, known: KnownForms, detect: DetectOptions): DetectedForm | null {
  const focused = deepActiveElement(doc);
  if (isInput(focused)) {
    const own = detectFormOf(focused, detect);
    if (own && fillable(own)) return own;
  }
  // Fresh detection (the user asked, so a full scan is affordable) plus the observer's hints for
  // forms the scan agrees are still there.
  const forms = [
    ...detectLoginForms(doc, detect),
    ...known().filter((form) => form.fields[0]?.input.isConnected),
  ];
  return (
    forms.find((form) => form.kind === 'login') ?? forms.find((form) => form.kind === 'identifier') ?? null
  );
}
