/**
 * Turns where login-like fields were seen (watch.ts) into detected login forms, and reports each
 * form once. The first look examines the whole tree; after that only the subtrees a page adds
 * (or whose type/hidden/open/inert attributes change) are examined, within their own form or
 * landmark section.
 *
 * Safety fact: reports are hints for the fill paths, which must still require a user action and
 * re-check visibility and origin at fill time. A form can be reported again when it changes
 * (an identifier field that gains a password field next to it); identical reports are dropped.
 */

import { detectInScope } from './detect';
import { closestComposed, composedParent, isHtmlElement } from './dom';
import { LANDMARK_SELECTOR } from './grouping';
import { rememberPasswordInput } from './password-memory';
import type { DetectedForm, DetectOptions } from './types';
import { outermost, type Sighting, watchLoginFields } from './watch';

export interface ObserveOptions extends DetectOptions {
  /** Quiet period before added subtrees are examined (a burst of mutations is one batch). */
  debounceMs?: number;
}

export interface LoginFormObserver {
  disconnect(): void;
}

/** How far above an added node to widen the examined scope when no form or section holds it. */
const MAX_SCOPE_CLIMB = 3;

/**
 * Calls `onForms` with the forms found at once (if any), then with forms found in what the page
 * adds later. Returns a handle whose disconnect() stops all observation and pending work.
 */
export function observeLoginForms(
  root: Document | ShadowRoot,
  onForms: (forms: DetectedForm[]) => void,
  options: ObserveOptions = {},
): LoginFormObserver {
  return watchLoginFields(root, createFormExaminer(onForms, options), options.debounceMs);
}

/**
 * What runs detection at each sighting: the whole tree at the first look, else the form or
 * section of each added element. `onForms` gets only forms not reported before in that shape.
 */
export function createFormExaminer(
  onForms: (forms: DetectedForm[]) => void,
  options: DetectOptions = {},
): (sighting: Sighting) => void {
  const reported = new WeakMap<HTMLInputElement, string>();

  // A form is new unless each of its inputs was last reported in a form of the same shape.
  const report = (forms: DetectedForm[]) => {
    const fresh = forms.filter((form) => {
      const shape = `${form.kind}:${form.fields.map((field) => field.role).join(',')}`;
      const seen = form.fields.every((field) => reported.get(field.input) === shape);
      for (const field of form.fields) reported.set(field.input, shape);
      return !seen;
    });
    if (fresh.length > 0) onForms(fresh);
  };

  return (sighting) => {
    if (sighting.kind === 'tree') {
      report(detectInScope(sighting.root, options, sighting.shadows));
      return;
    }
    // A show-password button turned a password field into text: it stays the password.
    for (const input of sighting.revealed) rememberPasswordInput(input);
    const scopes = outermost([...new Set(sighting.elements.filter((el) => el.isConnected).map(scopeFor))]);
    for (const scope of scopes) report(detectInScope(scope, options));
  };
}

/**
 * Where to look for the form an added element belongs to: its <form>, else its landmark
 * section, else a few levels up (never the whole document, so a page that keeps adding nodes
 * is never re-scanned in full).
 */
function scopeFor(el: Element): Element {
  const form = closestComposed(el, (candidate) => isHtmlElement(candidate, 'form'));
  if (form) return form;
  const section = closestComposed(el, (candidate) => candidate.matches(LANDMARK_SELECTOR));
  if (section) return section;
  let scope = el;
  for (let climb = 0; climb < MAX_SCOPE_CLIMB; climb++) {
    const parent = composedParent(scope);
    if (!parent || parent.localName === 'body' || parent.localName === 'html') break;
    scope = parent;
  }
  return scope;
}
