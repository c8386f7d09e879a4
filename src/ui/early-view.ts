/**
 * The passkey dialog's view, asked for before its script runs (issue 18, passkey_assertion_ms).
 * The dialog (entrypoints/passkey-dialog) is opened while a site waits on navigator.credentials,
 * and it could ask for what to show only once its script (entrypoints/passkey-dialog-app.ts) was
 * fetched and run. A tiny classic script at the top of public/passkey-dialog.html
 * (entrypoints/passkey-dialog-early.ts) sends the same request at once; the dialog's first load
 * then takes its answer instead of asking again.
 *
 * Safety facts: it is the request the dialog would make (same type, token and build, from the same
 * extension page), and it only reads: the answer still waits for the person's click. It is taken
 * once, by the first load only; any later load (after an unlock in the dialog) asks the background
 * again. An answer that is not a view (a stale build, an ended request) is dropped and the dialog
 * asks through `request()`, which handles those errors as it always has.
 */

import { BUILD_ID } from '../messages/build';

/** The part of the runtime API the early script uses (Chrome and Firefox both return a promise). */
export interface EarlyViewRuntime {
  sendMessage(message: unknown): Promise<unknown>;
}

/** Where the early script leaves its request for the dialog's modules (a global of this page only). */
const EARLY_VIEW = Symbol.for('tessera.passkeyDialog.earlyView');

type WithEarlyView = { [EARLY_VIEW]?: Promise<unknown> };

/** Sends the dialog's view request for `token` now (the early script's whole job). */
export function startEarlyView(runtime: EarlyViewRuntime, token: string): void {
  const reply = runtime.sendMessage({ type: 'passkey.dialog.view', token, build: BUILD_ID });
  reply.catch(() => undefined);
  (globalThis as WithEarlyView)[EARLY_VIEW] = reply;
}

/** The early request's value if it was a view, else undefined; taken once either way. */
export async function takeEarlyView(): Promise<unknown> {
  const holder = globalThis as WithEarlyView;
  const reply = holder[EARLY_VIEW];
  delete holder[EARLY_VIEW];
  const response = await reply?.catch(() => undefined);
  if (typeof response !== 'object' || response === null || !('ok' in response) || response.ok !== true)
    return undefined;
  return (response as { value?: unknown }).value;
}
