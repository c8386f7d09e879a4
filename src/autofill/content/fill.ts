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
import { formOwner } from '../grouping';
import type { DetectedForm, DetectOptions } from '../types';
import { isVisibleOnScreen } from '../visibility';
import { guardFilledFields } from './guard';
import { formActionOrigins, setValue } from './value';

export interface FillCommand {
  type: 'tessera.fill';
  /** The origin the background matched the item against; the frame must still be on it. */
  origin: string;
  username: string;
  password: string;
  /** A form-action origin the user agreed to send this login to. */
  confirmActionOrigin?: string;
}

export type FillResult =
  /** identifier: the form was a username-only first step (the background remembers the account). */
  | { ok: true; filled: number; identifier?: true | undefined }
  /** sandboxed: the document's origin is opaque (a sandbox), though its URL names the site. */
  | { ok: false; code: 'no-form' | 'origin-changed' | 'sandboxed' }
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
  if (!view) return { ok: false, code: 'origin-changed' };
  // window.origin, not location.origin: the URL of a sandboxed document still names the site.
  if (isOpaqueOrigin(view)) return { ok: false, code: 'sandboxed' };
  if (view.origin !== command.origin) return { ok: false, code: 'origin-changed' };
  const form = chooseForm(doc, known, { isVisible });
  if (!form) return { ok: false, code: 'no-form' };

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
    const value = field.role === 'username' ? command.username : command.password;
    if (field.role === 'username' && value === '') continue;
    setValue(field.input, value);
    filled.push(field.input);
  }
  if (filled.length === 0) return { ok: false, code: 'no-form' };
  guardFilledFields(filled, view.origin, actions);
  return { ok: true, filled: filled.length, identifier: form.kind === 'identifier' || undefined };
}

/**
 * Whether the document runs with an opaque origin (HTML "sandboxed origin browsing context flag":
 * CSP `sandbox`, `<iframe sandbox>` without allow-same-origin; also data: documents). Such a
 * document is treated as no site: it is never filled and its submissions are never offered.
 */
export function isOpaqueOrigin(view: Window): boolean {
  return view.origin === 'null';
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

/** A form the fill path writes into: sign-in and identifier pages, never sign-up. */
function fillable(form: DetectedForm): boolean {
  return form.kind === 'login' || form.kind === 'identifier';
}

function deepActiveElement(doc: Document): Element | null {
  let active = doc.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}

/**
 * Where the form could send the fields: its action's origin and each submitter's formaction
 * origin (value.ts, formActionOrigins), or [] for fields outside any form (nothing is posted by the
 * browser; the page's own script sends them, on its own origin).
 */
export function actionOrigins(form: DetectedForm, pageUrl: string): string[] {
  const input = form.fields[0]?.input;
  const owner = input ? formOwner(input) : null;
  return owner ? formActionOrigins(owner, pageUrl) : [];
}
