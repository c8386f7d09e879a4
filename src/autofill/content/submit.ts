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
import {
  BUTTON_SELECTOR,
  followsGesture,
  SUBMIT_EVENTS,
  type SubmitEventType,
  type SubmitRecord,
  submitRecord,
} from './submit-record';

export interface SubmittedValues {
  username: string;
  password: string;
  newPassword?: string;
}

/** How close a formless button must be to the password field: this many ancestors up. */
const NEAR_LEVELS = 5;

export { GESTURE_MS } from './submit-record';

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
  return valuesOf(form, (input) => input.value);
}

/** The same, reading each field's value through `read` (the value a record kept). */
function valuesOf(form: DetectedForm, read: (input: HTMLInputElement) => string): SubmittedValues | null {
  const of = (role: string) =>
    form.fields.filter((field) => field.role === role).map((field) => read(field.input));
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

/** Takes what happened before the watch was listening (`watchSubmits`). */
export type SubmitReplay = (records: readonly SubmitRecord[]) => void;

/**
 * Watches `doc` for submissions. The function it returns replays what the always-loaded script
 * recorded before this was loaded (submit-record.ts): each record is decided by the same rules as
 * a live event, with the values the inputs had then.
 */
export function watchSubmits(
  doc: Document,
  forms: () => readonly DetectedForm[],
  report: (values: SubmittedValues) => void,
): SubmitReplay {
  let last = '';
  let lastAt = 0;
  /** The person's last click or Enter (what it landed on, and when). */
  let gesture: SubmitRecord | null = null;

  const send = (form: DetectedForm | undefined, record: SubmitRecord) => {
    const recorded = record.values;
    const values = form && valuesOf(form, (input) => recorded?.get(input) ?? input.value);
    if (!values) return;
    // A click on the submit button is followed by the submit event: one report.
    const key = JSON.stringify(values);
    if (key === last && record.at - lastAt < 2_000) return;
    last = key;
    lastAt = record.at;
    // The always-loaded script reported these very values already (submit-early.ts).
    if (key !== record.reported) report(values);
  };

  const owning = (el: Node | null) =>
    el ? forms().find((form) => form.fields.some((field) => field.input.form === el)) : undefined;
  const holding = (input: EventTarget | undefined) =>
    forms().find((form) => form.fields.some((field) => field.input === input));

  const onSubmit = (record: SubmitRecord) => {
    const form = record.target as Node;
    if (followsGesture(form, record, gesture)) send(owning(form), record);
  };

  const onEnter = (record: SubmitRecord) => {
    gesture = record;
    send(holding(record.target), record);
  };

  const onClick = (record: SubmitRecord) => {
    const target = record.target;
    gesture = record;
    if (!(target instanceof Element)) return;
    const button = target.closest(BUTTON_SELECTOR);
    const label = button && (button.textContent || (button as HTMLInputElement).value)?.trim();
    // An icon-only button (a "show password" eye) is not a submit.
    if (!button || !label) return;
    const form = (button as HTMLButtonElement).form;
    if (form) {
      // A submit button submits through the submit event. A plain button counts when its label
      // names the form's own action, for the forms a script posts.
      if ((button as HTMLButtonElement).type !== 'button') return;
      const detected = owning(form);
      if (detected && SUBMIT_LABELS[detected.kind].test(toWords(label))) send(detected, record);
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
      record,
    );
  };

  const handlers: Record<SubmitEventType, (record: SubmitRecord) => void> = {
    submit: onSubmit,
    keydown: onEnter,
    click: onClick,
  };
  for (const type of SUBMIT_EVENTS) {
    doc.addEventListener(
      type,
      (event) => {
        const record = submitRecord(event, false);
        if (record) handlers[record.type](record);
      },
      true,
    );
  }
  return (records) => {
    for (const record of records) handlers[record.type](record);
  };
}
