/**
 * A person's click, Enter key or form submission as the submit watch reads it (submit.ts): what
 * it landed on, when, whether the browser counted it as a person's action, and, for one that came
 * before the submit watch was loaded, the values of the inputs around it at that moment.
 *
 * Why a record and not the event: detection and the submit watch load lazily (main.ts imports
 * autofill-forms.js at the first press), so the press that wakes them can be followed by the
 * click and submit it causes before they are in; a page may also clear its fields or navigate
 * away right after. The always-loaded script records those events synchronously, values
 * included, and the submit watch replays them through the same checks as live ones, so a
 * script-filled form submitted by one click is offered for saving like any other.
 *
 * Safety fact: records are made only from trusted events (a page's dispatched event is never
 * one), live only in the content script's isolated world, and are handed by function call to the
 * submit watch, which sends nothing but its usual save-offer message (autofill.submitted). This
 * file ships in the script every frame loads: keep it small.
 */

export type SubmitEventType = 'submit' | 'click' | 'keydown';

export interface SubmitRecord {
  type: SubmitEventType;
  /** The submitted form for 'submit'; otherwise the innermost element of the composed path. */
  target: EventTarget | undefined;
  /** Date.now() when it happened. */
  at: number;
  /** `navigator.userActivation.isActive` then, where the browser has it. */
  active: boolean | undefined;
  /** The inputs' values when it happened (recorded before the submit watch was in); else read live. */
  values?: ReadonlyMap<HTMLInputElement, string>;
  /**
   * The values the always-loaded script already reported for it (submit-early.ts): the submit
   * watch sends the same again only if its own reading of the form differs.
   */
  reported?: string;
}

/**
 * How soon after a person's click or Enter a submit event still counts as theirs. The browser
 * fires it in the same task as the click or key (its activation behaviour); a second leaves room
 * for a page that validates first and calls requestSubmit() from a promise.
 */
export const GESTURE_MS = 1_000;

/**
 * Whether the submit event `record` of `form` is a person's: their click or Enter (`gesture`)
 * landed inside that form just before, and the browser agrees where it can tell.
 */
export function followsGesture(form: Node, record: SubmitRecord, gesture: SubmitRecord | null): boolean {
  if (!gesture || record.at - gesture.at > GESTURE_MS) return false;
  if (record.active === false) return false;
  const target = gesture.target;
  // A submitter outside the form (form="id") belongs to it through .form.
  return target instanceof Node && (form.contains(target) || (target as HTMLInputElement).form === form);
}

/** What a click must land in to be a press of a button (the submit watch and the early report). */
export const BUTTON_SELECTOR = 'button,input[type=submit],input[type=button],[role=button]';

export const SUBMIT_EVENTS: readonly SubmitEventType[] = ['submit', 'click', 'keydown'];

/**
 * The record of `event`, or null when it cannot be a person's submission: untrusted, or a key
 * other than Enter. `withValues`: also keep the values of the inputs around its target (its form,
 * or every input of its tree when it has none: a single-page app's loose fields).
 */
export function submitRecord(event: Event, withValues: boolean): SubmitRecord | null {
  if (!event.isTrusted) return null;
  if (event.type === 'keydown' && (event as KeyboardEvent).key !== 'Enter') return null;
  const target = event.type === 'submit' ? (event.target ?? undefined) : event.composedPath()[0];
  const view = (target as Node | undefined)?.ownerDocument?.defaultView;
  const activation = (view?.navigator as { userActivation?: { isActive: boolean } } | undefined)
    ?.userActivation;
  const record: SubmitRecord = {
    type: event.type as SubmitEventType,
    target,
    at: Date.now(),
    active: activation?.isActive,
  };
  if (withValues) record.values = valuesAround(target);
  return record;
}

function valuesAround(target: EventTarget | undefined): Map<HTMLInputElement, string> {
  const values = new Map<HTMLInputElement, string>();
  const el = target as Element | undefined;
  if (el?.nodeType !== 1) return values;
  const form =
    el.localName === 'form' ? (el as HTMLFormElement) : ((el as HTMLInputElement).form ?? el.closest('form'));
  const inputs = form
    ? Array.from(form.elements)
    : Array.from((el.getRootNode() as ParentNode).querySelectorAll('input'));
  for (const input of inputs) {
    if (input.localName === 'input') values.set(input as HTMLInputElement, (input as HTMLInputElement).value);
  }
  return values;
}
