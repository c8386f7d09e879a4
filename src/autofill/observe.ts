/**
 * Watches a document (and its open shadow roots) for login forms that single-page apps add
 * after load, and reports them. The first look is the cheap pre-check; after that only the
 * subtrees a page adds (or whose type/hidden/open/inert attributes change) are examined, within
 * their own form or landmark section, after a short quiet period.
 *
 * Safety fact: reports are hints for the fill paths, which must still require a user action and
 * re-check visibility and origin at fill time. A form can be reported again when it changes
 * (an identifier field that gains a password field next to it); identical reports are dropped.
 */

import { detectInScope } from './detect';
import { closestComposed, collectShadowRoots, composedParent, isHtmlElement } from './dom';
import { LANDMARK_SELECTOR } from './grouping';
import { rememberPasswordInput } from './password-memory';
import { hasLoginLikeField } from './precheck';
import type { DetectedForm, DetectOptions } from './types';

export interface ObserveOptions extends DetectOptions {
  /** Quiet period before added subtrees are examined (a burst of mutations is one batch). */
  debounceMs?: number;
}

export interface LoginFormObserver {
  disconnect(): void;
}

const DEFAULT_DEBOUNCE_MS = 100;
/** Attributes whose change can reveal a field without adding a node. */
const WATCHED_ATTRIBUTES = ['type', 'hidden', 'open', 'inert', 'popover'];
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
  const debounceMs = options.debounceMs ?? DEFAULT_DEBOUNCE_MS;
  const reported = new WeakMap<HTMLInputElement, string>();
  const observed = new WeakSet<Node>();
  const pending = new Set<Element>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;

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

  const observer = new (viewOf(root).MutationObserver)((records) => {
    for (const record of records) {
      if (record.type === 'attributes') {
        // A show-password button turned a password field into text: it stays the password.
        if (record.attributeName === 'type' && record.oldValue?.toLowerCase() === 'password') {
          rememberPasswordInput(record.target as Element);
        }
        if (record.target.nodeType === 1) pending.add(record.target as Element);
        continue;
      }
      for (const node of Array.from(record.addedNodes)) {
        if (node.nodeType === 1) pending.add(node as Element);
      }
    }
    if (pending.size > 0 && timer === null && !stopped) timer = setTimeout(flush, debounceMs);
  });

  const watch = (tree: Document | ShadowRoot) => {
    if (observed.has(tree)) return;
    observed.add(tree);
    observer.observe(tree, {
      childList: true,
      subtree: true,
      attributes: true,
      attributeOldValue: true,
      attributeFilter: WATCHED_ATTRIBUTES,
    });
  };

  const flush = () => {
    timer = null;
    if (stopped) return;
    const batch = outermost([...pending].filter((el) => el.isConnected));
    pending.clear();
    const scopes = new Set<Element>();
    for (const el of batch) {
      for (const shadow of collectShadowRoots(el)) watch(shadow);
      if (hasLoginLikeField(el)) scopes.add(scopeFor(el));
    }
    for (const scope of outermost([...scopes])) report(detectInScope(scope, options));
  };

  watch(root);
  // One walk finds the open shadow roots, for watching and for the pre-check.
  const shadows = collectShadowRoots(root);
  for (const shadow of shadows) watch(shadow);
  if (hasLoginLikeField(root, shadows)) report(detectInScope(root, options, shadows));

  return {
    disconnect() {
      stopped = true;
      observer.disconnect();
      if (timer !== null) clearTimeout(timer);
      timer = null;
      pending.clear();
    },
  };
}

function viewOf(root: Document | ShadowRoot): Window & typeof globalThis {
  const doc = root.nodeType === 9 ? (root as Document) : root.ownerDocument;
  const view = doc?.defaultView;
  if (!view) throw new Error('observeLoginForms needs a document with a window');
  return view as Window & typeof globalThis;
}

/** Drops elements that sit inside another element of the batch (examined with it). */
function outermost(elements: readonly Element[]): Element[] {
  const set = new Set(elements);
  return elements.filter((el) => {
    for (let up = composedParent(el); up; up = composedParent(up)) if (set.has(up)) return false;
    return true;
  });
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
