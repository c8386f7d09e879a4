/**
 * The cheap first look the content script takes at every page: is there anything that could be
 * a login field? One selector query per tree (the document's light DOM at load; a subtree and its
 * open shadow roots when the page adds one), and no layout, so a page without such a field costs
 * one scan and nothing after.
 *
 * Safety fact: this is a superset filter for speed, not a decision. A false "yes" only costs a
 * full detection; a "no" means detection is skipped until the page adds something (observe.ts).
 * Identifier-first pages whose lone field names nothing account-like, in a form that names
 * nothing sign-in-like, are missed here; the fill paths detect again when the user asks.
 */

import { collectShadowRoots, type SearchRoot } from './dom';

/**
 * Name and id fragments of account and one-time-code fields (hidden inputs excluded: every Rails
 * page has one).
 */
const FIELD_FRAGMENTS = [
  'user',
  'login',
  'logon',
  'mail',
  'account',
  'ident',
  'otp',
  'code',
  'mfa',
  '2fa',
  'token',
];
/** Name, id and action fragments of sign-in forms. */
const FORM_FRAGMENTS = ['login', 'logon', 'signin', 'sign-in', 'auth', 'session', 'account'];
const VISIBLE_INPUT = 'input:not([type="hidden" i])';

let loginLike: string | undefined;

/**
 * One selector for "a password field, or a field or form that sounds like an account". Built at
 * its first use, not when the script loads: the script every frame loads carries it, and most
 * frames never look (src/autofill/content/main.ts).
 */
export function loginLikeSelector(): string {
  loginLike ??= [
    'input[type="password" i]',
    'input[type="email" i]',
    `${VISIBLE_INPUT}[autocomplete~="username" i]`,
    `${VISIBLE_INPUT}[autocomplete~="email" i]`,
    // The code page of a two-step sign-in: a one-time-code field, or a row of one-digit boxes.
    `${VISIBLE_INPUT}[autocomplete~="one-time-code" i]`,
    `${VISIBLE_INPUT}[maxlength="1"]`,
    `${VISIBLE_INPUT}[inputmode="numeric" i]`,
    ...FIELD_FRAGMENTS.flatMap((fragment) => [
      `${VISIBLE_INPUT}[name*="${fragment}" i]`,
      `${VISIBLE_INPUT}[id*="${fragment}" i]`,
    ]),
    ...FORM_FRAGMENTS.flatMap((fragment) => [
      `form[name*="${fragment}" i]`,
      `form[id*="${fragment}" i]`,
      `form[action*="${fragment}" i]`,
    ]),
  ].join(', ');
  return loginLike;
}

/** Plain attribute selectors: matched without a substring scan of every element's attributes. */
const QUICK_SELECTOR = 'input[type="password" i], input[type="email" i]';
/** The only elements loginLikeSelector() can match. */
const CANDIDATE_SELECTOR = 'input, form';

/**
 * Whether `root` (or anything inside it, open shadow roots included) might hold a login field.
 * Pass `shadows` when the caller already collected the open shadow roots under `root`, to save a
 * second walk of the tree, or `[]` to look at its light DOM alone (no walk at all).
 *
 * Cost: the login-like selector's substring tests are run only on <input> and <form> elements (a
 * querySelector of the whole list would test them on every element of the page: 6 ms on a
 * 5,000-element page in Chromium, against well under 1 ms this way).
 */
export function hasLoginLikeField(root: SearchRoot, shadows?: readonly ShadowRoot[]): boolean {
  if (root.nodeType === 1 && (root as Element).matches(loginLikeSelector())) return true;
  if (treeHasLoginLike(root)) return true;
  return (shadows ?? collectShadowRoots(root)).some(treeHasLoginLike);
}

function treeHasLoginLike(tree: SearchRoot): boolean {
  if (tree.querySelector(QUICK_SELECTOR)) return true;
  const selector = loginLikeSelector();
  for (const el of Array.from(tree.querySelectorAll(CANDIDATE_SELECTOR))) {
    if (el.matches(selector)) return true;
  }
  return false;
}
