/**
 * The save offer's safety net while detection is not loaded yet (main.ts imports
 * autofill-forms.js at the first press): a person's press can submit a script-filled form, and
 * the page navigate away, before that import is done, and a submission kept only in this page
 * dies with it. So the always-loaded script reports such a submission to the background itself,
 * synchronously: at the form's submit event, or at pagehide for a button click or Enter that
 * left the page. The background keeps the offer across the navigation (offer-service.ts), and
 * drops the forms module's report of the same submission, should it come too.
 *
 * Without detection, the form is read plainly: its filled password fields (all holding one
 * value; differing ones are a change-password form, left to detection) and the account field
 * before them. A one-time-code field is never taken for a password. The submit watch (submit.ts)
 * decides with detection once it is in and reports again only if it reads the form differently.
 *
 * Safety fact: only a person's submission counts (the same rule as submit.ts: a trusted submit
 * event after their click or Enter in the form, followsGesture); the values go only to this
 * extension's background in its save-offer message (autofill.submitted), whose origin the
 * background takes from the sender. This file ships in the script every frame loads: keep it small.
 */

import type { SubmittedValues } from './submit';
import { BUTTON_SELECTOR, followsGesture, GESTURE_MS, type SubmitRecord } from './submit-record';

/** Input types an account name is typed into. */
const ACCOUNT_TYPES = ['text', 'email', 'tel'];

/** What a plain reading of these recorded values says was submitted, or null for nothing clear. */
export function plainSubmission(values: ReadonlyMap<HTMLInputElement, string>): SubmittedValues | null {
  const inputs = Array.from(values.keys());
  const passwords = inputs.filter(
    (input) => input.type === 'password' && values.get(input) && !/one-time-code/i.test(input.autocomplete),
  );
  const [first] = passwords;
  const password = first && values.get(first);
  if (!first || !password || passwords.some((input) => values.get(input) !== password)) return null;
  const before = inputs.slice(0, inputs.indexOf(first));
  const named = (input: HTMLInputElement) => ACCOUNT_TYPES.includes(input.type) && values.get(input);
  const account =
    before.find((input) => named(input) && /username|email/i.test(input.autocomplete)) ??
    before.filter(named).at(-1);
  const username = (account && values.get(account)) ?? '';
  // Two equal password fields (a confirmation) or one marked new: a sign-up.
  return passwords.length > 1 || /new-password/i.test(first.autocomplete)
    ? { username, password: '', newPassword: password }
    : { username, password };
}

/** Whether a click record landed on a button (not a link or a field). */
const onButton = (record: SubmitRecord) =>
  record.type !== 'click' || !!(record.target as Element | undefined)?.closest?.(BUTTON_SELECTOR);

/**
 * The early reporter for one frame: `recorded` takes each record as main.ts makes it (in
 * order), `leaving` is called at pagehide. `report` sends the values to the background.
 */
export function createEarlySubmit(report: (values: SubmittedValues) => void) {
  let gesture: SubmitRecord | null = null;
  let last = '';
  const send = (record: SubmitRecord) => {
    const values = record.values && plainSubmission(record.values);
    if (!values) return;
    const key = JSON.stringify(values);
    record.reported = key;
    if (key === last) return;
    last = key;
    report(values);
  };
  return {
    recorded(record: SubmitRecord): void {
      if (record.type !== 'submit') {
        gesture = record;
        return;
      }
      if (!gesture || !followsGesture(record.target as Node, record, gesture)) return;
      send(record);
      // Detection replays the click or Enter too, and may report at it: the same submission.
      gesture.reported = record.reported;
    },
    /** The page goes: a person's last press on a button, or Enter, just before it is reported. */
    leaving(now: number): void {
      if (gesture && !gesture.reported && now - gesture.at <= GESTURE_MS && onButton(gesture)) send(gesture);
    },
  };
}
