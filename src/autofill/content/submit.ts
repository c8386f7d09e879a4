/**
 * Notices a sign-in, sign-up or change-password form being submitted, and reports what was typed
 * in it, so the background can offer to save or update the login (issue 5, part 5).
 *
 * A submission is any of: the form's submit event (a click on a submit button or Enter in a field
 * of a <form> fires it); Enter in one of its fields; in a <form> that a script posts, a click on a
 * plain (type=button) button whose label says what the form does ("Sign in", "Create account",
 * "Change password"; not "Show" or "Forgot password?"); for fields outside any <form> (single-page
 * apps), a click on a labelled button near them.
 * Only forms detection already found are watched, and the listeners are added only once there is
 * one, so pages without a login form pay nothing.
 *
 * Only a person's submission counts (issue 13, item 5): every trigger must be a trusted event,
 * and a submit event must follow, within GESTURE_MS, a person's click or Enter inside that form
 * (the browser marks the submit event of `form.requestSubmit()` trusted even when a page script
 * calls it in a loop; `form.submit()` fires none; a dispatched one is untrusted). Where the
 * browser has it, `navigator.userActivation` must also say a person acted just now. So a page
 * cannot make Tessera compare passwords it chose, or read the vault, without a person's action.
 *
 * Safety fact: the values go to this extension's background only (runtime messaging, which the
 * page cannot read); the page they came from is what the browser says about this frame, not
 * anything here. Values are read in the content script's isolated world, where a page's own
 * `value` getters do not apply.
 */

import type { DetectedForm, FormKind } from '../types';
import { CHANGE_WORDS, LOGIN_WORDS, SIGNUP_WORDS } from '../vocabulary';
import { toWords } from '../words';

export interface SubmittedValues {
  username: string;
  password: string;
  newPassword?: string;
}

/** How close a formless button must be to the password field: this many ancestors up. */
const NEAR_LEVELS = 5;
/**
 * How soon after a person's click or Enter a submit event still counts as theirs. The browser
 * fires it in the same task as the click or key (its activation behaviour); a second leaves room
 * for a page that validates first and calls requestSubmit() from a promise.
 */
export const GESTURE_MS = 1_000;

/** The words a plain button in a form of each kind must carry to count as that form's submit. */
const SUBMIT_LABELS: Record<FormKind, RegExp> = {
  login: LOGIN_WORDS,
  identifier: LOGIN_WORDS,
  signup: SIGNUP_WORDS,
  'change-password': CHANGE_WORDS,
  // A one-time code is never offered for saving: no button of such a form counts as a submit.
  'one-time-code': /(?!)/,
};

/**
 * What a detected form would report, or null when there is nothing to report. A username-only
 * page (the first step of a two-step sign-in) reports its username with an empty password: the
 * background keeps it for the password page that follows.
 */
export function submittedValues(form: DetectedForm): SubmittedValues | null {
  const of = (role: string) =>
    form.fields.filter((field) => field.role === role).map((field) => field.input.value);
  const [username = ''] = of('username');
  if (form.kind === 'identifier') return username ? { username, password: '' } : null;
  const [password = ''] = of('current-password');
  const fresh = of('new-password');
  const [newPassword = ''] = fresh;
  // A confirmation that does not match: the site will refuse it, so there is nothing to save.
  if (fresh.some((value) => value !== newPassword)) return null;
  if (!password && !newPassword) return null;
  return newPassword ? { username, password, newPassword } : { username, password };
}

export function watchSubmits(
  doc: Document,
  forms: () => readonly DetectedForm[],
  report: (values: SubmittedValues) => void,
): void {
  let last = '';
  let lastAt = 0;
  /** The element of the person's last click or Enter, and when. */
  let gesture: { target: EventTarget | undefined; at: number } | null = null;
  const view = doc.defaultView;

  /** A person acted in this form just now (and the browser agrees, where it can tell). */
  const personSubmitted = (form: Node) => {
    if (!gesture || Date.now() - gesture.at > GESTURE_MS) return false;
    const activation = (view?.navigator as { userActivation?: { isActive: boolean } } | undefined)
      ?.userActivation;
    if (activation && !activation.isActive) return false;
    const target = gesture.target;
    // A submitter outside the form (form="id") belongs to it through .form.
    return target instanceof Node && (form.contains(target) || (target as HTMLInputElement).form === form);
  };

  const send = (form: DetectedForm | undefined) => {
    const values = form && submittedValues(form);
    if (!values) return;
    // A click on the submit button is followed by the submit event: one report.
    const key = JSON.stringify(values);
    if (key === last && Date.now() - lastAt < 2_000) return;
    last = key;
    lastAt = Date.now();
    report(values);
  };

  const owning = (el: Node | null) =>
    el ? forms().find((form) => form.fields.some((field) => field.input.form === el)) : undefined;
  const holding = (input: EventTarget | undefined) =>
    forms().find((form) => form.fields.some((field) => field.input === input));

  doc.addEventListener(
    'submit',
    (event) => {
      const form = event.target as Node;
      if (event.isTrusted && personSubmitted(form)) send(owning(form));
    },
    true,
  );

  doc.addEventListener(
    'keydown',
    (event) => {
      if (!event.isTrusted || event.key !== 'Enter') return;
      const target = event.composedPath()[0];
      gesture = { target, at: Date.now() };
      send(holding(target));
    },
    true,
  );

  doc.addEventListener(
    'click',
    (event) => {
      const target = event.composedPath()[0];
      if (!event.isTrusted) return;
      gesture = { target, at: Date.now() };
      if (!(target instanceof Element)) return;
      const button = target.closest('button,input[type=submit],input[type=button],[role=button]');
      const label = button && (button.textContent || (button as HTMLInputElement).value)?.trim();
      // An icon-only button (a "show password" eye) is not a submit.
      if (!button || !label) return;
      const form = (button as HTMLButtonElement).form;
      if (form) {
        // A submit button submits through the submit event. A plain button counts when its label
        // names the form's own action, for the forms a script posts.
        if ((button as HTMLButtonElement).type !== 'button') return;
        const detected = owning(form);
        if (detected && SUBMIT_LABELS[detected.kind].test(toWords(label))) send(detected);
        return;
      }
      send(
        forms().find((candidate) =>
          candidate.fields.some((field) => {
            let up: Element | null = field.input;
            for (let level = 0; up && level < NEAR_LEVELS; level++) {
              up = up.parentElement;
              if (up?.contains(button)) return !field.input.form;
            }
            return false;
          }),
        ),
      );
    },
    true,
  );
}
