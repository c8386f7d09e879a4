/**
 * The content script's whole life on a page, in the part every frame loads: the cheap first
 * look for login-like fields and the observer for what a single-page app adds later (watch.ts),
 * and the listener for the background's commands. Everything else (detection, the inline menu,
 * the submit watch, fills, the save prompt) is in autofill-forms.ts, which `loadForms` brings in
 * at the first sighting or command and never on a page that has neither.
 *
 * Safety fact: commands are accepted only from this extension's background (runtime messages
 * carry the sender's extension id, and only extension contexts without a tab can send them to a
 * content script) and only in their exact shapes (commands.ts); a page can neither send one nor
 * read the reply. Nothing here fills on its own: every fill answers a command that a user action
 * started.
 */

import { watchLoginFields } from '../watch';
import type { AutofillForms } from './autofill-forms';
import { type ContentRuntime, contentCommand } from './commands';

export type { ContentRuntime } from './commands';

/** Brings in autofill-forms.ts and starts it (entrypoints/autofill-content.ts: a dynamic import). */
export type FormsLoader = () => Promise<AutofillForms>;

export function runAutofillContent(doc: Document, runtime: ContentRuntime, loadForms: FormsLoader): void {
  // One load per frame; a failed one (the extension was reloaded under the page) is retried at
  // the next sighting or command.
  let loading: Promise<AutofillForms> | null = null;
  const forms = () => {
    loading ??= loadForms().catch((error: unknown) => {
      loading = null;
      throw error;
    });
    return loading;
  };
  // Sightings are examined in the order they came: each waits on the same load.
  watchLoginFields(doc, (sighting) => {
    forms().then(
      (loaded) => loaded.sighted(sighting),
      () => undefined, // no module, no detection; fills ask again
    );
  });

  runtime.onMessage.addListener((message, sender, reply) => {
    // From our background only: it has our id and no tab (a content script elsewhere has a tab).
    if (sender.id !== runtime.id || sender.tab !== undefined) return undefined;
    const command = contentCommand(message);
    if (!command) return undefined;
    // The answer comes once the module is in: true keeps the channel open until then.
    forms().then(
      (loaded) => loaded.command(command, reply),
      () => reply(undefined),
    );
    return true;
  });
}
