/**
 * A password field a show-password button revealed: type=text now, with the password in clear.
 * Pages swap the type on a click ("Show", an eye icon), so detection would lose the field and with
 * it the whole login form (issue 15, "Detection gaps"). Such a field is recognised when Tessera saw
 * it as type=password before (password-memory.ts), or, for a page opened already revealed, when it
 * says it holds a password (its autocomplete token or its words) and a show/hide control sits
 * beside it or names it (aria-controls).
 *
 * Safety fact: a text field that merely talks about passwords (a hint, "Confirm your password
 * reminder") is not enough; without the memory it needs the toggle as well.
 */

import { isInput } from './dom';
import type { FieldText } from './field-text';
import { wasPasswordInput } from './password-memory';
import { OTP_WORDS, PASSWORD_WORDS, TOGGLE_WORDS } from './vocabulary';
import { toWords } from './words';

const CONTROL_SELECTOR =
  'button, [role="button"], [role="switch"], input[type="checkbox" i], a, span, i, svg';
/** How many ancestors up to look for the toggle (input, its wrapper, the field's row). */
const MAX_CLIMB = 2;
/** A row with more inputs than this is a whole form, not the field's own wrapper. */
const MAX_ROW_INPUTS = 1;

export function isRevealedPassword(input: HTMLInputElement, text: FieldText): boolean {
  if (input.type !== 'text') return false;
  if (wasPasswordInput(input)) return true;
  const saysPassword =
    text.token === 'current-password' ||
    text.token === 'new-password' ||
    (PASSWORD_WORDS.test(text.all) && !OTP_WORDS.test(text.all));
  return saysPassword && hasToggle(input);
}

function hasToggle(input: HTMLInputElement): boolean {
  const root = input.getRootNode() as Document | ShadowRoot;
  if (input.id && typeof root.querySelector === 'function') {
    const named = root.querySelector(`[aria-controls~="${cssEscape(input.id)}"]`);
    if (named && named !== input) return true;
  }
  let row: Element | null = input.parentElement;
  for (let climb = 0; row && climb < MAX_CLIMB; climb++, row = row.parentElement) {
    const inputs = Array.from(row.querySelectorAll('input')).filter(
      (other) => !(isInput(other) && (other.type === 'checkbox' || other.type === 'hidden')),
    );
    if (inputs.length > MAX_ROW_INPUTS) return false;
    for (const control of Array.from(row.querySelectorAll(CONTROL_SELECTOR))) {
      if (control !== input && TOGGLE_WORDS.test(controlWords(control))) return true;
    }
  }
  return false;
}

function controlWords(control: Element): string {
  const parts = [
    control.getAttribute('aria-label'),
    control.getAttribute('title'),
    control.getAttribute('class'),
    control.id,
    control.getAttribute('name'),
    control.localName === 'button' || control.getAttribute('role') ? control.textContent : '',
  ];
  if (isInput(control) && control.labels) parts.push(...Array.from(control.labels, (l) => l.textContent));
  return toWords(parts.filter(Boolean).join(' '));
}

/** Enough of CSS.escape for an id in an attribute selector (quotes and backslashes). */
function cssEscape(value: string): string {
  return value.replace(/["\\]/g, '\\$&');
}
