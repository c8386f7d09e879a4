// Scores detection on Firefox's own password-manager unit cases (mozilla/gecko-dev, MPL-2.0),
// read from ../shared/corpus/loginpages/firefox-passwordmgr-unit. Three sets:
//  - getFormFields: username / password element ids for the FormLike of the first input.
//    Firefox calls the password to fill "newPasswordField" even on a plain login form, so with no
//    oldPasswordField it is scored as "password" (either of our password roles is right); with
//    one, old is current-password and new/confirm are new-password.
//  - getUsernameFieldFromUsernameOnlyForm: whether a lone field is an identifier-first username,
//    as written (expectations[0]) and with the form renamed "login" (expectations[1]).
//  - isProbablyANewPasswordField: new (true) or current (false) for each password input.
// Cases that depend on harness conditions we do not model (skipEmptyFields, a preference turned
// off, a per-site recipe) are left out and counted in the notes.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { detectLoginForms } from '@/src/autofill/detect';
import { formOwner } from '@/src/autofill/grouping';
import { isVisibleByMarkup } from '@/src/autofill/visibility';
import { loadPage } from '../page';
import { emptyScore, type LabelledCase, type Prediction, type Score, type Slot, scoreCase } from './scoring';

interface FormFieldsCase {
  description: string;
  document: string;
  returnedFieldIDs: Record<string, string | null>;
  skipEmptyFields: boolean | null;
  extraTestPreferences: unknown[];
  beforeGet?: string;
}

interface UsernameOnlyCase {
  description: string;
  document: string;
  expectations: [boolean, boolean];
  fieldOverrideRecipe?: unknown;
}

interface NewPasswordCase {
  description: string;
  document: string;
  expectedResult: boolean[];
  setup?: string;
}

const detectOptions = { isVisible: isVisibleByMarkup };

export interface CorpusResult {
  score: Score;
  cases: number;
  notes: string[];
}

export async function scoreFirefox(dir: string): Promise<CorpusResult> {
  const score = emptyScore();
  const notes: string[] = [];
  let cases = 0;
  const read = <T>(file: string): T[] => JSON.parse(readFileSync(join(dir, file), 'utf8')).testcases as T[];

  let skipped = 0;
  for (const test of read<FormFieldsCase>('getFormFields.json')) {
    if (test.skipEmptyFields || test.extraTestPreferences.length > 0) {
      skipped++;
      continue;
    }
    await withPage(test.document, (document) => {
      const removed = /getElementById\("([^"]+)"\)\.remove\(\)/.exec(test.beforeGet ?? '')?.[1];
      if (removed) document.getElementById(removed)?.remove();
      scoreCase(score, formFieldsCase(document, test), predictions(document));
    });
    cases++;
  }
  notes.push(`getFormFields: ${skipped} cases left out (skipEmptyFields or a preference turned off)`);

  skipped = 0;
  for (const test of read<UsernameOnlyCase>('getUsernameFieldFromUsernameOnlyForm.json')) {
    for (const variant of [0, 1] as const) {
      if (variant === 1 && test.fieldOverrideRecipe) {
        skipped++;
        continue;
      }
      await withPage(test.document, (document) => {
        if (variant === 1) document.querySelector('form')?.setAttribute('name', 'login');
        scoreCase(score, usernameOnlyCase(document, test, variant), identifierPredictions(document));
      });
      cases++;
    }
  }
  notes.push(`usernameOnlyForm: ${skipped} variant left out (depends on a per-site recipe)`);

  for (const test of read<NewPasswordCase>('isProbablyANewPasswordField.json')) {
    await withPage(test.document, (document) => {
      // The last case moves the <div>'s children into an open shadow root before evaluating.
      if (test.setup?.includes('attachShadow')) {
        const div = document.querySelector('div');
        if (div) div.attachShadow({ mode: 'open' }).append(...Array.from(div.childNodes));
      }
      scoreCase(score, newPasswordCase(document, test), passwordPredictions(document));
    });
    cases++;
  }
  notes.push('visibility from markup only (inline style, hidden, type=hidden): happy-dom has no layout');
  return { score, cases, notes };
}

async function withPage(html: string, run: (document: Document) => void): Promise<void> {
  const page = loadPage(`<!doctype html><html><body>${html}</body></html>`, 'http://localhost:8080/test/');
  try {
    run(page.document);
  } finally {
    await page.close();
  }
}

function predictions(document: Document): Prediction[] {
  return detectLoginForms(document, detectOptions).flatMap((form) =>
    form.fields.map((field) => ({ element: field.input, role: field.role })),
  );
}

function identifierPredictions(document: Document): Prediction[] {
  return detectLoginForms(document, detectOptions)
    .filter((form) => form.kind === 'identifier')
    .flatMap((form) => form.fields.map((field) => ({ element: field.input, role: 'identifier' as const })));
}

function passwordPredictions(document: Document): Prediction[] {
  return predictions(document).filter((prediction) => prediction.role !== 'username');
}

function formFieldsCase(document: Document, test: FormFieldsCase): LabelledCase {
  const inputs = Array.from(document.querySelectorAll('input'));
  const first = inputs[0];
  const scopeForm = first ? formOwner(first) : null;
  const inScope = new Set(inputs.filter((input) => formOwner(input) === scopeForm));
  const byId = (id: string | null | undefined) => (id ? document.getElementById(id) : null);
  const ids = test.returnedFieldIDs;
  const slots: Slot[] = [];
  const add = (id: string | null | undefined, role: Slot['role']) => {
    const el = byId(id);
    if (el) slots.push({ role, elements: new Set([el]) });
  };
  add(ids.usernameField, 'username');
  if (ids.oldPasswordField) {
    add(ids.oldPasswordField, 'current-password');
    add(ids.newPasswordField, 'new-password');
  } else {
    add(ids.newPasswordField, 'password');
  }
  add(ids.confirmPasswordField, 'new-password');
  const unjudged = new Set<Element>(inputs.filter((input) => !inScope.has(input)));
  // Without a confirmPasswordField key, Firefox's test says nothing about further password fields.
  if (ids.newPasswordField && !('confirmPasswordField' in ids)) {
    for (const input of inScope) {
      if (input.type === 'password' && !slots.some((slot) => slot.elements.has(input))) unjudged.add(input);
    }
  }
  return { name: `getFormFields "${test.description}"`, slots, unjudged, neverFill: new Set() };
}

function usernameOnlyCase(document: Document, test: UsernameOnlyCase, variant: 0 | 1): LabelledCase {
  const field = document.getElementById('un1');
  const slots: Slot[] =
    test.expectations[variant] && field ? [{ role: 'identifier', elements: new Set([field]) }] : [];
  return {
    name: `usernameOnlyForm "${test.description}"${variant ? ' (form named login)' : ''}`,
    slots,
    unjudged: new Set(),
    neverFill: new Set(),
  };
}

function newPasswordCase(document: Document, test: NewPasswordCase): LabelledCase {
  const passwords = allPasswordInputs(document);
  const slots: Slot[] = passwords.map((input, i) => ({
    role: test.expectedResult[i] ? 'new-password' : 'current-password',
    elements: new Set([input]),
  }));
  return {
    name: `isProbablyANewPasswordField "${test.description}"`,
    slots,
    unjudged: new Set(),
    neverFill: new Set(),
  };
}

function allPasswordInputs(document: Document): Element[] {
  const found: Element[] = [];
  const visit = (root: Document | ShadowRoot) => {
    for (const el of Array.from(root.querySelectorAll('*'))) {
      if (el.localName === 'input' && (el as HTMLInputElement).type === 'password') found.push(el);
      if (el.shadowRoot) visit(el.shadowRoot);
    }
  };
  visit(document);
  return found;
}
