// Scores detection on Formasaurus's annotated real-world pages (scrapinghub/Formasaurus, MIT;
// the pages are captures of third-party sites), read from ../shared/corpus/loginpages/formasaurus.
// index.subset.json gives, per page, a type for each <form> in document order and, per form, a
// field type for each input name (vocabulary in config.json). Mapping to our roles:
//  - login form: one of its us / ue / e1 fields is the username; p1 is current-password.
//  - registration form: the username is its us / ue field (or, without one, its e1 field);
//    p1 and p2 (confirmation) are new-password; e2 (e-mail confirmation) is not judged.
//  - every other annotated form type (search, recovery, contact, mailing list, ...): any
//    prediction in it is a false positive.
//  - hp (honeypot), ca (captcha), pi (SMS pin) fields must never be filled with a username or
//    password; a pi field is the one-time code's own slot.
//  - NOT ANNOTATED / SKIP forms and fields (X, -, XX, --) and inputs outside any <form> are not judged (the source
//    annotates forms only); inputs inside a judged form that the source did not list (it lists
//    visible fields) are judged: a prediction on one is a false positive.
// A password code on a non-password input (or a username code on a password input) is an
// annotation slip; such fields are not judged and are counted in the notes.

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { detectLoginForms } from '@/src/autofill/detect';
import { isVisibleByMarkup } from '@/src/autofill/visibility';
import { loadPage } from '../page';
import type { CorpusResult } from './firefox';
import { emptyScore, type LabelledCase, type Slot, scoreCase } from './scoring';

interface PageLabels {
  url: string;
  forms: string[];
  visible_html_fields: Array<Record<string, string>>;
}

const USERNAME_CODES = new Set(['us', 'ue', 'e1']);
const PASSWORD_CODES = new Set(['p1', 'p2']);
const NEVER_FILL_CODES = new Set(['hp', 'ca', 'pi']);
const UNJUDGED_FORMS = new Set(['X', '-']);

/** Scripts and style sheets cannot run or apply here; dropping them halves the parse time. */
const INERT_BLOCKS = /<(script|style)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;

export async function scoreFormasaurus(dir: string): Promise<CorpusResult> {
  const score = emptyScore();
  const index = JSON.parse(readFileSync(join(dir, 'index.subset.json'), 'utf8')).pages as Record<
    string,
    PageLabels
  >;
  let cases = 0;
  const misaligned: string[] = [];
  let slips = 0;
  let hiddenMisses = 0;
  for (const [file, labels] of Object.entries(index)) {
    const html = readFileSync(join(dir, file), 'utf8').replace(INERT_BLOCKS, '');
    const loaded = loadPage(html, labels.url);
    try {
      const { document } = loaded;
      const forms = Array.from(document.querySelectorAll('form'));
      if (forms.length !== labels.forms.length) {
        misaligned.push(file);
        continue;
      }
      const labelled = labelledPage(document, file, forms, labels);
      slips += labelled.slips;
      const predictions = detectLoginForms(document, { isVisible: isVisibleByMarkup }).flatMap((form) =>
        form.fields.map((field) => ({ element: field.input as Element, role: field.role })),
      );
      const missed = scoreCase(score, labelled.case, predictions);
      hiddenMisses += missed.filter((slot) =>
        [...slot.elements].every((el) => !isVisibleByMarkup(el as HTMLInputElement)),
      ).length;
      cases++;
    } finally {
      await loaded.close();
    }
  }
  const notes = [
    `${misaligned.length} pages left out (${misaligned.join(', ')}): the HTML parser finds a different ` +
      'number of <form>s than the annotation',
    `${slips} annotation slips not judged (password code on a text input or the reverse)`,
    `${hiddenMisses} of the misses are fields hidden at load by inline style (a drop-down or pop-up ` +
      'sign-in a person opens first; detection finds them once shown)',
    'visibility from markup only (inline style, hidden, type=hidden): happy-dom has no layout',
  ];
  return { score, cases, notes };
}

function labelledPage(
  document: Document,
  file: string,
  forms: HTMLFormElement[],
  labels: PageLabels,
): { case: LabelledCase; slips: number } {
  const slots: Slot[] = [];
  const unjudged = new Set<Element>();
  const neverFill = new Set<Element>();
  let slips = 0;
  // Outside every form: not annotated.
  for (const input of Array.from(document.querySelectorAll('input'))) if (!input.form) unjudged.add(input);

  forms.forEach((form, i) => {
    const type = labels.forms[i] ?? 'X';
    const fields = labels.visible_html_fields[i] ?? {};
    const inputs = Array.from(form.querySelectorAll('input'));
    if (UNJUDGED_FORMS.has(type)) {
      for (const input of inputs) unjudged.add(input);
      return;
    }
    const named = (code: (c: string) => boolean) =>
      inputs.filter((input) => {
        const fieldCode = fields[input.getAttribute('name') ?? ''];
        return fieldCode !== undefined && code(fieldCode);
      });
    for (const input of inputs) {
      const code = fields[input.getAttribute('name') ?? ''];
      if (!code) continue;
      if (code === 'XX' || code === '--') {
        unjudged.add(input);
        continue;
      }
      const isPassword = input.type === 'password';
      if ((PASSWORD_CODES.has(code) && !isPassword) || (USERNAME_CODES.has(code) && isPassword)) {
        unjudged.add(input);
        slips++;
      }
      if (NEVER_FILL_CODES.has(code)) neverFill.add(input);
      // An SMS pin is never a username or password, and is the one-time code's own field.
      if (code === 'pi') slots.push({ role: 'one-time-code', elements: new Set([input]) });
    }
    const isSlip = (input: HTMLInputElement) => unjudged.has(input);
    if (type === 'l' || type === 'r') {
      const usernames =
        type === 'l'
          ? named((c) => USERNAME_CODES.has(c))
          : named((c) => c === 'us' || c === 'ue').length > 0
            ? named((c) => c === 'us' || c === 'ue')
            : named((c) => c === 'e1');
      const judgedUsernames = usernames.filter((input) => !isSlip(input));
      if (judgedUsernames.length) slots.push({ role: 'username', elements: new Set(judgedUsernames) });
      if (type === 'r') {
        for (const input of named((c) => c === 'e1' || c === 'e2')) {
          if (!judgedUsernames.includes(input)) unjudged.add(input);
        }
      }
      const role = type === 'l' ? 'current-password' : 'new-password';
      for (const input of named((c) => PASSWORD_CODES.has(c))) {
        if (!isSlip(input)) slots.push({ role, elements: new Set([input]) });
      }
    }
  });
  return { case: { name: file, slots, unjudged, neverFill }, slips };
}
