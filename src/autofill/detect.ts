/**
 * Finds the sign-in, sign-up, change-password and identifier-first forms in a document or
 * shadow root, and the role of each field in them. Pure over the DOM: no events, no writes, so
 * it runs the same in the content script, in unit tests and against page corpora.
 *
 * Safety fact: only inputs that pass the visibility predicate (real layout by default; see
 * visibility.ts) are considered at all, so hidden, zero-size, off-screen and nearly transparent
 * inputs can never be returned, whatever their names say.
 */

import { classifyGroup } from './classify';
import { collectInputs, composedContains, type SearchRoot } from './dom';
import { type FieldSignals, fieldSignals } from './field-signals';
import { type FormContext, formContext } from './form-context';
import { formOwner, groupFields, sectionOf } from './grouping';
import type { DetectedForm, DetectOptions } from './types';
import { isVisibleOnScreen } from './visibility';

export type {
  DetectedField,
  DetectedForm,
  DetectOptions,
  FieldRole,
  FormKind,
  VisibilityPredicate,
} from './types';

/** Input types worth a visibility check: everything else is skipped before any layout work. */
const CREDENTIAL_TYPES = new Set(['password', 'text', 'email', 'tel', 'number']);

/** Every login-related form under `root`, in document order of their first field. */
export function detectLoginForms(root: Document | ShadowRoot, options: DetectOptions = {}): DetectedForm[] {
  return detectInScope(root, options);
}

/**
 * The same, for any subtree: the observer uses it to re-examine only what a page added. Loose
 * inputs are grouped by section within `scope`. `shadows`: the open shadow roots under `scope`,
 * when the caller already collected them (saves a walk of the tree).
 */
export function detectInScope(
  scope: SearchRoot,
  options: DetectOptions = {},
  shadows?: readonly ShadowRoot[],
): DetectedForm[] {
  const isVisible = options.isVisible ?? isVisibleOnScreen;
  const candidates: FieldSignals[] = [];
  collectInputs(scope, shadows).forEach((input, order) => {
    if (!CREDENTIAL_TYPES.has(input.type) || !isVisible(input)) return;
    const signals = fieldSignals(input, order);
    if (signals) candidates.push(signals);
  });
  if (candidates.length === 0) return [];

  const found: Array<{ order: number; form: DetectedForm }> = [];
  for (const group of groupFields(candidates, scope)) {
    let context: FormContext | null = null;
    const form = classifyGroup(group.fields, () => {
      context ??= formContext(group.container);
      return context;
    });
    if (form) found.push({ order: group.fields[0]?.order ?? 0, form });
  }
  return found.sort((a, b) => a.order - b.order).map((entry) => entry.form);
}

/**
 * The form that `input` belongs to, if it is a login-related field, examining only its own
 * <form> (or, for a loose input, its landmark section). For fill paths that start from a focused
 * field: it also finds forms that CSS revealed after load, which no mutation announced.
 */
export function detectFormOf(input: HTMLInputElement, options: DetectOptions = {}): DetectedForm | null {
  const form = formOwner(input);
  const scope = form && composedContains(form, input) ? form : sectionOf(input, input.ownerDocument);
  const forms = detectInScope(scope as SearchRoot, options);
  return forms.find((candidate) => candidate.fields.some((field) => field.input === input)) ?? null;
}
