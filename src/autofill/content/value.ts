/**
 * Writing a field's value as typing would, and naming where a form posts.
 *
 * Safety fact: values are set through HTMLInputElement.prototype's own setter, captured when this
 * module is evaluated (in the content script's isolated world, where page scripts cannot replace
 * it: the lazily loaded autofill-forms.js is evaluated there too), so a page
 * that redefines `value` on an input or its prototype never sees the secret through a setter of
 * its own.
 */

const nativeValue = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;

function writeValue(input: HTMLInputElement, value: string): void {
  if (nativeValue) nativeValue.call(input, value);
  else input.value = value;
}

/**
 * Sets the value and dispatches keydown, input, keyup and change. React tracks the last value it
 * saw on the element (its instance setter); the prototype setter bypasses that tracker, so the
 * 'input' event makes React read a changed value and update its state (Vue's v-model listens to
 * 'input' too; some sites only enable the submit button on key or change events).
 */
export function setValue(input: HTMLInputElement, value: string): void {
  input.focus({ preventScroll: true });
  const init = { bubbles: true, composed: true };
  input.dispatchEvent(new KeyboardEvent('keydown', { ...init, key: 'Unidentified' }));
  writeValue(input, value);
  input.dispatchEvent(new InputEvent('input', { ...init, inputType: 'insertReplacementText' }));
  input.dispatchEvent(new KeyboardEvent('keyup', { ...init, key: 'Unidentified' }));
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

/** Empties a field we filled, with the events that make frameworks drop their copy too. */
export function clearValue(input: HTMLInputElement): void {
  writeValue(input, '');
  input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, inputType: 'deleteContent' }));
  input.dispatchEvent(new Event('change', { bubbles: true }));
}

/**
 * The origin a <form> posts to (HTML "form submission algorithm": an empty or missing action is
 * the document's URL). Anything but http(s) (javascript:, data:) is 'null': an origin no item has.
 */
export function formActionOrigin(form: Element, pageUrl: string): string {
  return actionUrlOrigin(form.getAttribute('action'), pageUrl);
}

/**
 * Every origin the form can post to: its own action, and the `formaction` of each of its
 * submitters (HTML §4.10.21.3: a submit button's or image button's formaction replaces the form's
 * action for the submission it makes). All submitters count, visible or not: the person may use
 * any of them, Enter uses the first, and a script's requestSubmit(button) uses the one it names.
 * Submitters outside the form that name it (form="id") are in form.elements too.
 */
export function formActionOrigins(form: Element, pageUrl: string): string[] {
  const origins = new Set([formActionOrigin(form, pageUrl)]);
  const elements = (form as HTMLFormElement).elements;
  for (const el of elements ? Array.from(elements) : []) {
    if (isSubmitter(el) && el.hasAttribute('formaction')) {
      origins.add(actionUrlOrigin(el.getAttribute('formaction'), pageUrl));
    }
  }
  return [...origins];
}

/** A button that submits its form: <button> of type submit (the default), <input type=submit|image>. */
function isSubmitter(el: Element): boolean {
  const type = (el.getAttribute('type') ?? '').toLowerCase();
  if (el.localName === 'button') return type === '' || type === 'submit';
  return el.localName === 'input' && (type === 'submit' || type === 'image');
}

function actionUrlOrigin(raw: string | null, pageUrl: string): string {
  if (raw === null || raw.trim() === '') return new URL(pageUrl).origin;
  try {
    const url = new URL(raw, pageUrl);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : 'null';
  } catch {
    return 'null';
  }
}
