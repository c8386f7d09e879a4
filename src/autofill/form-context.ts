/**
 * What the text around a group of fields says the group is for: signing in, signing up,
 * changing a password, recovering an account, joining a newsletter or searching. Read from the
 * container's own attributes (id, name, class, action), its buttons, headings and checkbox
 * labels, and the heading just before it.
 *
 * Safety fact: this only chooses between roles for fields that already qualified; it never makes
 * a field fillable. Links are not read (a "Sign up" link sits in most sign-in forms), except the
 * "Forgot password?" link, which only sign-in forms carry.
 */

import { composedParent, textOfIdRefs } from './dom';
import {
  CHANGE_WORDS,
  LOGIN_WORDS,
  NEW_WORDS,
  NEWSLETTER_WORDS,
  NOT_OTP_WORDS,
  OTP_CONTEXT_WORDS,
  PARTIAL_WORDS,
  PASSWORD_WORDS,
  RECOVERY_WORDS,
  REMEMBER_WORDS,
  SEARCH_WORDS,
  SIGNUP_WORDS,
  TERMS_WORDS,
} from './vocabulary';
import { toWords } from './words';

export interface FormContext {
  login: number;
  signup: number;
  change: number;
  recovery: number;
  newsletter: number;
  search: number;
  /** Second-step wording: "Two-step verification", "Enter the code we sent you". */
  otp: number;
  /** Parts of a secret asked by position: "characters 2, 5 and 7 of your memorable word". */
  partial: number;
}

export const BUTTON_SELECTOR =
  'button, input[type="submit" i], input[type="button" i], input[type="image" i], [role="button"]';
const HEADING_SELECTOR = 'h1, h2, h3, h4, h5, h6, legend, [role="heading"]';

/** How much each source counts: a submit button says most about what a form does. */
const WEIGHT = {
  submit: 3,
  button: 1,
  attributes: 2,
  heading: 2,
  headingBefore: 1,
  checkbox: 2,
  forgotPassword: 2,
  paragraph: 1,
} as const;
/** Caps, so that a container as large as a page costs little. */
const MAX_BUTTONS = 10;
const MAX_HEADINGS = 4;
const MAX_LINKS = 20;
const MAX_CHECKBOXES = 6;
const MAX_PARAGRAPHS = 4;
const PARAGRAPH_SELECTOR = 'p, [role="status"], [role="alert"]';

export function formContext(container: Element): FormContext {
  const context: FormContext = {
    login: 0,
    signup: 0,
    change: 0,
    recovery: 0,
    newsletter: 0,
    search: 0,
    otp: 0,
    partial: 0,
  };
  const add = (text: string, weight: number) => scoreText(context, toWords(text), weight);

  add(attributeText(container), WEIGHT.attributes);
  if (container.getAttribute('role') === 'search') context.search += WEIGHT.button;
  for (const button of take(container.querySelectorAll(BUTTON_SELECTOR), MAX_BUTTONS)) {
    const text = buttonText(button);
    if (isSubmitButton(button)) add(text, WEIGHT.submit);
    else if (!saysForgotPassword(context, text)) add(text, WEIGHT.button);
  }
  for (const heading of take(container.querySelectorAll(HEADING_SELECTOR), MAX_HEADINGS)) {
    add(heading.textContent ?? '', WEIGHT.heading);
  }
  add(headingBefore(container), WEIGHT.headingBefore);
  // Instructions ("Enter the code from your authenticator app", "characters 2, 5 and 7 of your
  // memorable word") often sit in a paragraph; they count for those two questions only, since a
  // paragraph's "Sign up" or "Forgot your password?" says nothing about this form's kind.
  for (const paragraph of take(container.querySelectorAll(PARAGRAPH_SELECTOR), MAX_PARAGRAPHS)) {
    const words = toWords(paragraph.textContent ?? '');
    if (OTP_CONTEXT_WORDS.test(words) && !NOT_OTP_WORDS.test(words)) context.otp += WEIGHT.paragraph;
    if (PARTIAL_WORDS.test(words)) context.partial += WEIGHT.paragraph;
  }
  for (const box of take(container.querySelectorAll('input[type="checkbox" i]'), MAX_CHECKBOXES)) {
    const label = toWords(checkboxLabel(box as HTMLInputElement));
    if (REMEMBER_WORDS.test(label)) context.login += WEIGHT.checkbox;
    if (TERMS_WORDS.test(label)) context.signup += WEIGHT.checkbox;
  }
  for (const link of take(container.querySelectorAll('a'), MAX_LINKS)) {
    if (saysForgotPassword(context, link.textContent ?? '')) break;
  }
  return context;
}

/** A "Forgot password?" link or button: only sign-in forms carry one. */
function saysForgotPassword(context: FormContext, text: string): boolean {
  const words = toWords(text);
  if (!RECOVERY_WORDS.test(words) || !PASSWORD_WORDS.test(words)) return false;
  context.login += WEIGHT.forgotPassword;
  return true;
}

/**
 * A button that submits its form (HTML §4.10.6: a <button> without a type is a submit button).
 * Other buttons often lead to the other flows ("New account", "Forgot password?").
 */
function isSubmitButton(button: Element): boolean {
  const type = (button.getAttribute('type') ?? '').toLowerCase();
  if (button.localName === 'button') return type === '' || type === 'submit';
  return button.localName === 'input' && (type === 'submit' || type === 'image');
}

function scoreText(context: FormContext, words: string, weight: number): void {
  if (!words) return;
  if (LOGIN_WORDS.test(words)) context.login += weight;
  if (SIGNUP_WORDS.test(words)) context.signup += weight;
  if (PASSWORD_WORDS.test(words) && (CHANGE_WORDS.test(words) || NEW_WORDS.test(words))) {
    context.change += weight;
  }
  if (RECOVERY_WORDS.test(words)) context.recovery += weight;
  if (NEWSLETTER_WORDS.test(words)) context.newsletter += weight;
  if (SEARCH_WORDS.test(words)) context.search += weight;
  if (OTP_CONTEXT_WORDS.test(words) && !NOT_OTP_WORDS.test(words)) context.otp += weight;
  if (PARTIAL_WORDS.test(words)) context.partial += weight;
}

function attributeText(el: Element): string {
  const parts = ['id', 'name', 'class', 'action', 'aria-label', 'title'].map((attr) => el.getAttribute(attr));
  parts.push(textOfIdRefs(el, el.getAttribute('aria-labelledby')));
  return parts.filter(Boolean).join(' ');
}

/** What the button shows (a long tooltip in its title says too much about too many things). */
function buttonText(button: Element): string {
  const shown =
    button.localName === 'input'
      ? `${button.getAttribute('value') ?? ''} ${button.getAttribute('alt') ?? ''}`
      : (button.textContent ?? '');
  return shown.trim() ? shown : (button.getAttribute('aria-label') ?? '');
}

function checkboxLabel(box: HTMLInputElement): string {
  const labels = box.labels ? Array.from(box.labels, (label) => label.textContent ?? '') : [];
  labels.push(box.getAttribute('name') ?? '', box.id, box.nextElementSibling?.textContent ?? '');
  return labels.join(' ');
}

/**
 * The nearest heading just before the container: "Sign in" above a <form>, within three
 * ancestor levels and three earlier siblings at each level.
 */
function headingBefore(container: Element): string {
  let el: Element | null = container;
  for (let level = 0; el && level < 3; level++, el = composedParent(el)) {
    let sibling = el.previousElementSibling;
    for (let step = 0; sibling && step < 3; step++, sibling = sibling.previousElementSibling) {
      if (sibling.matches(HEADING_SELECTOR)) return sibling.textContent ?? '';
      const inner = sibling.querySelectorAll(HEADING_SELECTOR);
      const last = inner[inner.length - 1];
      if (last) return last.textContent ?? '';
    }
  }
  return '';
}

function take<T extends Element>(list: NodeListOf<T>, max: number): T[] {
  const taken: T[] = [];
  for (let i = 0; i < list.length && i < max; i++) taken.push(list[i] as T);
  return taken;
}
