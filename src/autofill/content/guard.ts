/**
 * Watches fields after a fill and takes the value back if the page changes what it is: a
 * password field turned into a text field (which would show or let a script read the password
 * as "typed text") or a form that could now post to another origin: its action moved, a submit
 * button's formaction changed, or a submitter with a formaction was added (which would post the
 * login elsewhere).
 *
 * Safety fact: this clears the value at the first such change, before the page's next task can
 * submit; it cannot stop a script that reads `input.value` directly, which any page script can
 * do on its own origin anyway (the fill was for that origin).
 */

import { formOwner } from '../grouping';
import { clearValue, formActionOrigins } from './value';

const WATCH_MS = 5 * 60_000;

export function guardFilledFields(
  inputs: readonly HTMLInputElement[],
  pageOrigin: string,
  /** The origins the form could post to when filled (same origin, or confirmed by the person). */
  actions: readonly string[],
) {
  const view = inputs[0]?.ownerDocument.defaultView;
  if (!view) return;
  const passwords = inputs.filter((input) => input.type === 'password');
  const forms = new Set(inputs.map(formOwner).filter((form): form is Element => form !== null));
  const allowed = new Set([pageOrigin, ...actions]);

  const clear = () => {
    observer.disconnect();
    for (const input of inputs) clearValue(input);
  };
  // Any watched change re-checks every filled field and form (a handful of them).
  const observer = new MutationObserver(() => {
    const typeChanged = passwords.some((input) => input.type !== 'password');
    const actionMoved = [...forms].some((form) =>
      formActionOrigins(form, view.location.href).some((origin) => !allowed.has(origin)),
    );
    if (typeChanged || actionMoved) clear();
  });
  for (const input of passwords) observer.observe(input, { attributes: true, attributeFilter: ['type'] });
  // Forms are watched through their tree (document or shadow root): the action, a submitter's
  // formaction, type (a plain button turned into a submit) and form (a button outside joining the
  // form), and added nodes (a new submitter). As cheap, and it also works in happy-dom, which
  // misses attribute records on an observed <form>.
  const roots = new Set([...forms].map((form) => form.getRootNode()));
  for (const root of roots)
    observer.observe(root, {
      attributes: true,
      childList: true,
      subtree: true,
      attributeFilter: ['action', 'formaction', 'type', 'form'],
    });
  view.setTimeout(() => observer.disconnect(), WATCH_MS);
}
