// Scores detection on Bitwarden's test-the-web form pages (bitwarden/test-the-web, GPL-3.0),
// read from ../shared/corpus/loginpages/bitwarden-test-the-web. The corpus's labels.json is a
// field inventory; the ground truth is each page's title and description (and the autocomplete
// tokens on the "-spec" twins). EXPECTED below writes that truth down per field: our reading of
// each page's own description, not of what the detector does.
//
// Pages whose form only exists after their script runs or inside an iframe they load from the
// original site are left out and listed in the notes. The two top-layer pages show their form
// after a click; the harness stands in for that click (opens the <dialog>, and removes the
// popover attribute, since happy-dom has no showPopover).

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { detectLoginForms } from '@/src/autofill/detect';
import type { FieldRole } from '@/src/autofill/types';
import { isVisibleByMarkup } from '@/src/autofill/visibility';
import { loadPage } from '../page';
import type { CorpusResult } from './firefox';
import { emptyScore, type LabelledCase, type Slot, scoreCase } from './scoring';

interface PageTruth {
  /** CSS selector → the role a person would fill it with. */
  roles: Record<string, FieldRole>;
  /** Selectors of fields that must never be filled (honeypots, codes, cards, search, newsletter). */
  neverFill?: string[];
  /** Why the page is left out, if it is. */
  skip?: string;
}

const LOGIN = { '#username': 'username', '#password': 'current-password' } as const;
const SIGNUP_EMAIL = { '#email': 'username', '#password': 'new-password' } as const;

export const EXPECTED: Record<string, PageTruth> = {
  'create/account-ambiguous': { roles: { '[name="e"]': 'username', '[name="p"]': 'new-password' } },
  'create/account-extended': { roles: SIGNUP_EMAIL },
  'create/account-extended-spec': { roles: SIGNUP_EMAIL },
  'create/account-passwordrules': { roles: SIGNUP_EMAIL },
  'create/account': { roles: SIGNUP_EMAIL },
  'identity/address-na': { roles: {} },
  'identity/address-na-spec': { roles: {} },
  // The title: "inputs without an enclosing form or any semantic information". The second input
  // is the password, but it is type=text: Tessera never writes a password into a field that
  // shows it, so this page counts against recall by design.
  'login/ambiguous-inputs': { roles: { '[name="u"]': 'username', '[name="p"]': 'current-password' } },
  'login/autocomplete-off-login': { roles: LOGIN },
  'login/bare-inputs-login': { roles: LOGIN },
  'login/iframe-login': { roles: {}, skip: 'form is in an iframe loaded from the original site' },
  'login/iframe-login-sandboxed': { roles: {}, skip: 'form is in an iframe loaded from the original site' },
  'login/input-constraints-login': { roles: { '#email': 'username', '#password': 'current-password' } },
  'login/login-honeypot': {
    roles: LOGIN,
    neverFill: ['[name="honeypotCode"]', '[name="honeypotPassword"]', '[name="honeypotEmail"]'],
  },
  // Code pages: the field takes a one-time code (never a username or password). The device page's
  // code comes from a hardware key, but its label ("Verification code") is all a person reads too.
  'login/security-code': { roles: { '#input-3': 'one-time-code' }, neverFill: ['#input-3'] },
  'login/security-code-device': { roles: { '#input-4': 'one-time-code' }, neverFill: ['#input-4'] },
  'login/security-code-signposted': { roles: { '#input-3': 'one-time-code' }, neverFill: ['#input-3'] },
  'login/shadow-root-inputs-closed': {
    roles: {},
    skip: 'inputs are built by a script, in closed shadow roots',
  },
  'login/shadow-root-inputs-login': {
    roles: {},
    skip: 'inputs are built by Material Web components (script)',
  },
  'login/simple-login': { roles: LOGIN },
  'login/simple-login-spec': { roles: LOGIN },
  'login/top-layer-dialog-login': { roles: LOGIN },
  'login/top-layer-popover-login': { roles: LOGIN },
  'multi-step/iframe-multi-step-formless-login': {
    roles: {},
    skip: 'steps are in an iframe from the original site',
  },
  'payment/card-payment': {
    roles: {},
    neverFill: ['#card-name', '#card-number', '#card-expiration', '#card-cvv'],
  },
  'payment/iframe-payment': { roles: {}, skip: 'form is in an iframe loaded from the original site' },
  'search/simple-search': { roles: {}, neverFill: ['#search'] },
  'search/typeless-search': {
    roles: LOGIN,
    neverFill: ['.typeless-search-input'],
  },
  'subscribe/newsletter-alongside-login': {
    roles: { '#login-password': 'current-password' },
    neverFill: ['#newsletter-contact'],
  },
  'subscribe/newsletter-no-form': { roles: {}, neverFill: ['#subscribe-email'] },
  'subscribe/newsletter-opaque-id': { roles: {}, neverFill: ['#notification-address'] },
  'subscribe/newsletter-simple': { roles: {}, neverFill: ['#email'] },
  // "New email" is the value being changed to, not the account name; the password re-authenticates.
  'update/email-update': { roles: { '#password': 'current-password' } },
  'update/email-update-spec': { roles: { '#password': 'current-password' } },
  'update/password-update': {
    roles: {
      '#currentPassword': 'current-password',
      '#newPassword': 'new-password',
      '#newPasswordRetype': 'new-password',
    },
  },
  'update/password-update-no-current': {
    roles: { '#newPassword': 'new-password', '#newPasswordRetype': 'new-password' },
  },
};

export async function scoreBitwarden(dir: string): Promise<CorpusResult> {
  const score = emptyScore();
  const notes: string[] = [];
  const labels = JSON.parse(readFileSync(join(dir, 'labels.json'), 'utf8')).pages as Record<string, unknown>;
  const unlabelled = Object.keys(labels).filter((page) => !(page in EXPECTED));
  if (unlabelled.length)
    notes.push(`pages in labels.json without an expectation here: ${unlabelled.join(', ')}`);
  let cases = 0;
  for (const [page, truth] of Object.entries(EXPECTED)) {
    const file = join(dir, `${page}.html`);
    if (truth.skip || !existsSync(file)) {
      notes.push(`left out ${page}: ${truth.skip ?? 'file missing'}`);
      continue;
    }
    const loaded = loadPage(readFileSync(file, 'utf8'));
    try {
      const { document } = loaded;
      for (const dialog of Array.from(document.querySelectorAll('dialog'))) dialog.setAttribute('open', '');
      for (const popover of Array.from(document.querySelectorAll('[popover]')))
        popover.removeAttribute('popover');
      scoreCase(score, labelledPage(document, page, truth), predictionsOf(document));
      cases++;
    } finally {
      await loaded.close();
    }
  }
  notes.push(
    'expected roles are our reading of each page title/description (EXPECTED in corpus/bitwarden.ts)',
  );
  notes.push('visibility from markup only (inline style, hidden, type=hidden): happy-dom has no layout');
  return { score, cases, notes };
}

function labelledPage(document: Document, page: string, truth: PageTruth): LabelledCase {
  const find = (selector: string): Element => {
    const el = document.querySelector(selector);
    if (!el) throw new Error(`${page}: no element for ${selector}`);
    return el;
  };
  const slots: Slot[] = Object.entries(truth.roles).map(([selector, role]) => ({
    role,
    elements: new Set([find(selector)]),
  }));
  return {
    name: page,
    slots,
    unjudged: new Set(),
    neverFill: new Set((truth.neverFill ?? []).map(find)),
  };
}

function predictionsOf(document: Document) {
  return detectLoginForms(document, { isVisible: isVisibleByMarkup }).flatMap((form) =>
    form.fields.map((field) => ({ element: field.input as Element, role: field.role })),
  );
}
