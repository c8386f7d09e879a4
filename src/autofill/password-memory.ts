/**
 * Remembers which inputs were password fields, so that one a "show password" button turned into
 * type=text is still known as the password (issue 15, "Detection gaps"). Filled from two places:
 * every detection that sees a type=password input (field-signals.ts), and the watcher's record
 * of a `type` attribute that was "password" before a change (watch.ts, passed on by observe.ts).
 *
 * Safety fact: a WeakSet of elements, in the content script's own world: nothing is written to the
 * page, and a removed input is forgotten with it. Being remembered only lets an input keep the
 * password role it had; it never makes an input visible or fillable on its own.
 */

const passwords = new WeakSet<Element>();

export function rememberPasswordInput(input: Element): void {
  passwords.add(input);
}

/** Whether `input` was a type=password field when detection or the observer last looked. */
export function wasPasswordInput(input: Element): boolean {
  return passwords.has(input);
}
