/**
 * Everything the content script does once a frame shows something login-like or the background
 * sends it a command: detection, the inline menu on the sign-in fields found (menu.ts), the
 * submit watch for the save prompt, fills, the prompt frame and the frame-visibility probe.
 * main.ts loads this lazily (the `autofill-forms.js` module, entrypoints/autofill-forms.ts), so a
 * page without a login form never compiles or runs it.
 *
 * Safety fact: this runs only in the content script's isolated world, started by main.ts, which
 * has already checked that each command comes from this extension's background. Nothing here
 * fills on its own: every fill answers a command that a user action started. The module holds
 * no secret and does nothing when evaluated; a page that fetches it gets code it could read in
 * the source anyway.
 */

import { createFormExaminer } from '../observe';
import type { DetectedForm } from '../types';
import type { Sighting } from '../watch';
import type { ContentCommand, ContentRuntime } from './commands';
import { fillLogin, isOpaqueOrigin } from './fill';
import { fillCode } from './fill-code';
import { createFrameProbe } from './frame-probe';
import { createInlineMenu } from './menu';
import { createSavePrompt } from './prompt';
import { type SubmitReplay, watchSubmits } from './submit';
import type { SubmitRecord } from './submit-record';

export interface AutofillForms {
  /** Detects forms where the watcher saw login-like fields (watch.ts). */
  sighted(sighting: Sighting): void;
  /**
   * A person's press or arrow-down on `target` that came before its field listened (the one that
   * woke detection, main.ts, or found a shadow root, watch.ts): the inline menu answers it.
   */
  pressed(target: Element): void;
  /**
   * What a person clicked, pressed Enter on or submitted before this module was in (main.ts
   * records it, submit-record.ts): decided now as if it had just happened. Dropped when no login
   * form is known (nothing would have been offered then either).
   */
  recorded(records: readonly SubmitRecord[]): void;
  /** Carries out one of the background's commands and replies (maybe later). */
  command(message: ContentCommand, reply: (response: unknown) => void): void;
}

export function startAutofillForms(
  doc: Document,
  runtime: ContentRuntime,
  menuTitle: () => string,
): AutofillForms {
  let forms: DetectedForm[] = [];
  let replay: SubmitReplay | null = null;
  const view = doc.defaultView;
  // The inline menu listens only on detected sign-in fields.
  const menu = createInlineMenu(doc, runtime, menuTitle);
  const prompt = createSavePrompt(doc, (path) => runtime.getURL(path));
  const probe = createFrameProbe(doc);

  const examine = createFormExaminer((found) => {
    forms = [...forms.filter((form) => form.fields[0]?.input.isConnected), ...found];
    menu.watch(found);
    // Submissions are watched from the first login form on; pages without one add no listener.
    // A sandboxed document (opaque origin) is no site: what it submits is never offered.
    if (!replay && view && !isOpaqueOrigin(view)) {
      replay = watchSubmits(
        doc,
        () => forms,
        // The callback form works in Chrome and Firefox; reading lastError marks a failure seen.
        (values) => runtime.sendMessage({ type: 'autofill.submitted', ...values }, () => runtime.lastError),
      );
    }
  });

  return {
    sighted(sighting) {
      examine(sighting);
      if (sighting.kind === 'added' && sighting.pressed) menu.pressed(sighting.pressed);
    },
    pressed: (target) => menu.pressed(target),
    recorded: (records) => replay?.(records),
    command(message, reply) {
      switch (message.type) {
        case 'tessera.fill':
          reply(failSafe(() => fillLogin(doc, message, { known: () => forms })));
          return;
        case 'tessera.fill.code':
          reply(failSafe(() => fillCode(doc, message)));
          return;
        case 'tessera.prompt':
          reply(prompt.command(message));
          return;
        case 'tessera.menu.check':
        case 'tessera.menu.close':
          reply(menu.command(message));
          return;
        default:
          // A verdict answers later, once the child frame's message arrived (or did not).
          if (!probe.command(message, reply)) reply(undefined);
      }
    },
  };
}

/** A fill that throws (a page's odd DOM) writes nothing more and says there was no form. */
function failSafe<T>(fill: () => T): T | { ok: false; code: 'no-form' } {
  try {
    return fill();
  } catch {
    return { ok: false, code: 'no-form' };
  }
}
