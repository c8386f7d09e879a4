/**
 * What an input says about itself: its autocomplete field name, its name and id, and the text a
 * person reads next to it (labels, aria-label, placeholder, title, a short caption just before it).
 *
 * Safety fact: everything here is page-controlled text, used only as a hint. The autocomplete
 * field name follows the HTML Living Standard §4.10.18.7.1: the last token, after optional
 * "section-*", "shipping"/"billing" and contact-type tokens, with an optional trailing "webauthn".
 */

import { isInput, textOfIdRefs } from './dom';
import { toWords } from './words';

export interface FieldText {
  /** The autocomplete field name, such as 'username' or 'current-password'; '' when absent. */
  token: string;
  /** Words of the name and id attributes (and of a custom-element host's). */
  attrs: string;
  /** Words a person reads: labels, aria-label(ledby), placeholder, title, a caption before it. */
  human: string;
  /** attrs and human together. */
  all: string;
}

/** Tokens that may precede the field name (HTML §4.10.18.7.1) and are not themselves one. */
const MODIFIER_TOKENS = new Set([
  'shipping',
  'billing',
  'home',
  'work',
  'mobile',
  'fax',
  'pager',
  'webauthn',
]);

/** The autocomplete field name of an input, lower-cased; '' for none, "on" or "off". */
export function autocompleteToken(input: HTMLInputElement): string {
  const raw = input.getAttribute('autocomplete');
  if (!raw) return '';
  const tokens = raw
    .toLowerCase()
    .trim()
    .split(/\s+/)
    .filter((token) => token && !token.startsWith('section-') && !MODIFIER_TOKENS.has(token));
  const name = tokens[tokens.length - 1] ?? '';
  return name === 'on' || name === 'off' ? '' : name;
}

/** The longest caption taken from the text just before an input. */
const MAX_CAPTION = 60;

export function fieldText(input: HTMLInputElement): FieldText {
  const attrParts = nameAndId(input.getAttribute('name') ?? '', input.id);
  const humanParts = [
    labelText(input),
    input.getAttribute('aria-label'),
    textOfIdRefs(input, input.getAttribute('aria-labelledby')),
    input.getAttribute('placeholder'),
    input.getAttribute('title'),
  ];
  const host = soleInputHost(input);
  if (host) {
    attrParts.push(host.getAttribute('name') ?? '', host.id);
    humanParts.push(
      host.getAttribute('label'),
      host.getAttribute('aria-label'),
      host.getAttribute('placeholder'),
    );
  }
  if (!humanParts.some((part) => part?.trim())) humanParts.push(captionBefore(input));
  const attrs = toWords(attrParts.filter(Boolean).join(' '));
  const human = toWords(humanParts.filter(Boolean).join(' '));
  return { token: autocompleteToken(input), attrs, human, all: `${attrs} ${human}`.trim() };
}

/**
 * Frameworks name fields after their model: "user[email]" (Rails, PHP), "LoginViewModel.Email"
 * (ASP.NET MVC), with ids like "user_email". The model part says nothing about the field (every
 * field of a sign-up form starts with "user"), so only the last segment is kept, and the model
 * prefix is cut from the id too.
 */
function nameAndId(name: string, id: string): string[] {
  const segments = name.split(/[[\].$:]+/).filter(Boolean);
  if (segments.length < 2) return [name, id];
  const field = segments[segments.length - 1] ?? '';
  const prefix = toWords(segments.slice(0, -1).join(' '));
  const idWords = toWords(id);
  return [field, idWords.startsWith(`${prefix} `) ? idWords.slice(prefix.length + 1) : idWords];
}

function labelText(input: HTMLInputElement): string {
  const labels = input.labels;
  if (!labels || labels.length === 0) return '';
  return Array.from(labels, (label) => label.textContent ?? '').join(' ');
}

/**
 * A web component that wraps one input (Material's <md-outlined-text-field>, Shoelace's
 * <sl-input>) carries the field's name and label on its host element, outside the shadow root.
 */
function soleInputHost(input: HTMLInputElement): Element | null {
  const root = input.getRootNode() as ShadowRoot;
  if (root.nodeType !== 11 || !root.host) return null;
  return root.querySelectorAll('input').length === 1 ? root.host : null;
}

/**
 * Pages without <label> often put a caption just before the input: a text node ("Username:"),
 * a sibling <span>, or the previous table cell. Only short text counts, so a paragraph of
 * instructions is not mistaken for a caption.
 */
function captionBefore(input: HTMLInputElement): string {
  const textNode = input.previousSibling;
  if (textNode && textNode.nodeType === 3) {
    const text = textNode.textContent?.trim() ?? '';
    if (text) return text.length <= MAX_CAPTION ? text : '';
  }
  const parent = input.parentElement;
  const sibling = previousMeaningfulSibling(input) ?? (parent ? previousMeaningfulSibling(parent) : null);
  if (!sibling) return '';
  if (sibling.querySelector('input, select, textarea, button')) return '';
  const text = sibling.textContent?.trim() ?? '';
  return text.length <= MAX_CAPTION ? text : '';
}

function previousMeaningfulSibling(el: Element): Element | null {
  for (let sibling = el.previousElementSibling; sibling; sibling = sibling.previousElementSibling) {
    if (sibling.localName === 'br' || (isInput(sibling) && sibling.type === 'hidden')) continue;
    return sibling;
  }
  return null;
}
