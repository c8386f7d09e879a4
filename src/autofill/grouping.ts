/**
 * Splits the credential-like inputs of a page into groups that each act as one form: the inputs
 * of one <form> (its form owner, including form="id" associations, or the <form> that a shadow
 * host sits in), and, for inputs outside any form, the inputs of one page section.
 *
 * Safety fact: a section is bounded by landmarks (header, nav, main, aside, footer, section,
 * article, search, dialog, popover and their ARIA roles), so a newsletter box in the footer is never
 * paired with a password field in the main content as if they were one form.
 */

import { closestComposed, commonAncestor, composedParent, isHtmlElement, type SearchRoot } from './dom';
import type { FieldSignals } from './field-signals';
import { BUTTON_SELECTOR } from './form-context';

export const LANDMARK_SELECTOR = [
  'header',
  'footer',
  'nav',
  'aside',
  'main',
  'section',
  'article',
  'search',
  'dialog',
  '[popover]',
  '[role="dialog"]',
  '[role="alertdialog"]',
  '[role="search"]',
  '[role="banner"]',
  '[role="navigation"]',
  '[role="contentinfo"]',
  '[role="main"]',
  '[role="form"]',
  '[role="region"]',
  '[role="complementary"]',
].join(', ');

/** How far above the fields' common ancestor to look for the group's submit button. */
const MAX_CONTAINER_CLIMB = 4;

export interface FieldGroup {
  /** The <form> that owns the fields, or null for loose inputs. */
  form: Element | null;
  /** Where to read the group's context: the form, or the loose inputs' nearest box with a button. */
  container: Element;
  /** In composed document order. */
  fields: FieldSignals[];
}

/** The <form> an input belongs to: its form owner, else a <form> around its shadow host. */
export function formOwner(input: HTMLInputElement): Element | null {
  return input.form ?? closestComposed(input, (el) => isHtmlElement(el, 'form'));
}

/** The landmark section around a loose input, or `scope` when there is none inside it. */
export function sectionOf(input: HTMLInputElement, scope: SearchRoot): Node {
  const stop = scope.nodeType === 1 ? scope : null;
  return closestComposed(input, (el) => el !== input && el.matches(LANDMARK_SELECTOR), stop) ?? scope;
}

export function groupFields(fields: readonly FieldSignals[], scope: SearchRoot): FieldGroup[] {
  const byKey = new Map<Node, FieldSignals[]>();
  for (const field of fields) {
    const key = formOwner(field.input) ?? sectionOf(field.input, scope);
    const list = byKey.get(key);
    if (list) list.push(field);
    else byKey.set(key, [field]);
  }
  const groups: FieldGroup[] = [];
  for (const [key, members] of byKey) {
    const form = isHtmlElement(key, 'form') ? key : null;
    const container = form ?? looseContainer(members, key);
    if (container) groups.push({ form, container, fields: members });
  }
  return groups;
}

/**
 * For loose inputs: their common ancestor, widened a few levels until it holds a button, so that
 * the submit button's text ("Sign in", "Create account") is part of the group's context.
 */
function looseContainer(members: readonly FieldSignals[], section: Node): Element | null {
  let el = commonAncestor(members.map((field) => field.input));
  if (el && el.localName === 'input') el = composedParent(el);
  for (let climb = 0; el && climb < MAX_CONTAINER_CLIMB; climb++) {
    if (el === section || el.querySelector(BUTTON_SELECTOR)) break;
    const parent = composedParent(el);
    if (!parent) break;
    el = parent;
  }
  return el;
}
