/**
 * Watches fields after a fill and takes the value back if the page changes what it is: a
 * password field turned into a text field (which would show or let a script read the password
 * as "typed text") or a form whose action moves to another origin (which would post the login
 * elsewhere).
 *
 * Safety fact: this clears the value at the first such change, before the page's next task can
 * submit; it cannot stop a script that reads `input.value` directly, which any page script can
 * do on its own origin anyway (the fill was for that origin).
 */

import { formOwner } from '../grouping';
import { clearValue, formActionOrigin } from './value';

const WATCH_MS = 5 * 60_000;

export function guardFilledFields(
  inputs: readonly HTMLInputElement[],
  pageOrigin: string,
  action: string | null,
) {
  const view = inputs[0]?.ownerDocument.defaultView;
  if (!view) return;
  const passwords = inputs.filter((input) => input.type === 'password');
  const forms = new Set(inputs.map(formOwner).filter((form): form is Element => form !== null));
  const allowed = action ?? pageOrigin;

  const clear = () => {
    observer.disconnect();
    for (const input of inputs) clearValue(input);
  };
  // Any watched attribute changing re-checks every filled field and form (a handful of them).
  const observer = new MutationObserver(() => {
    const typeChanged = passwords.some((input) => input.type !== 'password');
    const actionMoved = [...forms].some((form) => formActionOrigin(form, view.location.href) !== allowed);
    if (typeChanged || actionMoved) clear();
  });
  for (const input of passwords) observer.observe(input, { attributes: true, attributeFilter: ['type'] });
  // Forms are watched through their tree (document or shadow root), filtered to 'action': as
  // cheap, and it also works in happy-dom, which misses attribute records on an observed <form>.
  const roots = new Set([...forms].map((form) => form.getRootNode()));
  for (const root of roots)
    observer.observe(root, { attributes: true, subtree: true, attributeFilter: ['action'] });
  view.setTimeout(() => observer.disconnect(), WATCH_MS);
}
