/**
 * Writes a one-time code (issue 15, item 4) into the page's code field: the whole code into a
 * single field, or one character per box into a split code input. The background computes the
 * code and sends it only to a frame that answered a login fill with `wantsCode` (fill.ts), with
 * the same origin it matched the login for.
 *
 * Safety fact: the code goes only into fields detection gave the 'one-time-code' role, never into
 * a username or password field, and under the login fill's rules: the frame's real origin must be
 * the matched one (no sandboxed document), each field must be visible now, and a form posting to
 * another origin is refused unless that origin was confirmed for this fill.
 */

import { detectFormOf, detectLoginForms } from '../detect';
import { isInput } from '../dom';
import type { DetectedField, DetectedForm, DetectOptions } from '../types';
import { isVisibleOnScreen } from '../visibility';
import { actionOrigins, deepActiveElement, frameRefusal } from './frame-checks';
import { setValue } from './value';

export interface FillCodeCommand {
  type: 'tessera.fill.code';
  /** The origin the login was matched for; the frame must still be on it. */
  origin: string;
  /** The current code: 4 to 10 characters (digits, or Steam's letters). */
  code: string;
  /** A form-action origin the person confirmed for this fill. */
  confirmActionOrigin?: string;
}

export type FillCodeResult =
  | { ok: true; filled: number }
  | { ok: false; code: 'no-form' | 'origin-changed' | 'sandboxed' }
  | { ok: false; code: 'confirm-action'; origin: string };

/**
 * The code fields to fill: those of the focused field's form if it has any, else of the first
 * form with code fields. Null when the page shows none.
 */
export function findCodeFields(doc: Document, detect: DetectOptions): DetectedField[] | null {
  const codesOf = (form: DetectedForm | null) =>
    form?.fields.filter((field) => field.role === 'one-time-code') ?? [];
  const focused = deepActiveElement(doc);
  if (isInput(focused)) {
    const own = codesOf(detectFormOf(focused, detect));
    if (own.length > 0) return own;
  }
  for (const form of detectLoginForms(doc, detect)) {
    const codes = codesOf(form);
    if (codes.length > 0) return codes;
  }
  return null;
}

export function fillCode(
  doc: Document,
  command: FillCodeCommand,
  options: DetectOptions = {},
): FillCodeResult {
  const isVisible = options.isVisible ?? isVisibleOnScreen;
  const view = doc.defaultView;
  const refused = frameRefusal(view, command.origin);
  if (refused || !view) return refused ?? { ok: false, code: 'origin-changed' };
  const fields = findCodeFields(doc, { isVisible });
  if (!fields) return { ok: false, code: 'no-form' };
  const actions = actionOrigins({ kind: 'one-time-code', fields }, view.location.href);
  const unconfirmed = actions.find(
    (origin) => origin !== view.origin && origin !== command.confirmActionOrigin,
  );
  if (unconfirmed !== undefined) return { ok: false, code: 'confirm-action', origin: unconfirmed };

  const inputs = fields.map((field) => field.input);
  if (inputs.some((input) => !input.isConnected || input.disabled || input.readOnly || !isVisible(input))) {
    return { ok: false, code: 'no-form' };
  }
  const values = splitCode(command.code, inputs.length);
  if (!values) return { ok: false, code: 'no-form' };
  for (const [i, input] of inputs.entries()) setValue(input, values[i] ?? '');
  return { ok: true, filled: inputs.length };
}

/**
 * The value of each field: the whole code for one field, one character per box for a split input
 * with exactly as many boxes as the code has characters. Null when they do not fit (a 6-box input
 * and an 8-digit code): a code cut short would be wrong.
 */
export function splitCode(code: string, fields: number): string[] | null {
  if (fields === 1) return [code];
  const characters = Array.from(code);
  return characters.length === fields ? characters : null;
}
