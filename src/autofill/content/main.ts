/**
 * The content script's whole life on a page, in the part every frame loads: the listener for
 * the background's commands and, once someone acts, the cheap first look for login-like fields
 * and the observer for what a single-page app adds later (watch.ts). Everything else (detection, the inline menu,
 * the submit watch, fills, the save prompt) is in autofill-forms.ts, which `loadForms` brings in
 * and never on a page without a sighting or command.
 *
 * When: nothing looks at the page until the person acts on it (the first focus, press or key
 * anywhere in it) or the background sends a command; only then the first look and the observer
 * start, and at a sighting the module is imported and detection run (issue 18: importing and
 * detecting at load cost a login page ~5 ms, and even the first look and the observer a few
 * tenths of a millisecond on every page, that a person who never signs in there never needed).
 * The press or key that woke it is handed on (`pressed`): the inline menu opens on that first
 * click or arrow-down as on any later one. What this costs at the first press is measured
 * (bench/metrics/autofill.ts, content_script_first_press_*). A submission before the module is
 * in is recorded, and one that clearly carries a password reported at once (submit-early.ts).
 *
 * Safety fact: commands are accepted only from this extension's background (runtime messages
 * carry the sender's extension id, and only extension contexts without a tab can send them to a
 * content script) and only in their exact shapes (commands.ts); a page can neither send one nor
 * read the reply. Nothing here fills on its own: every fill answers a command that a user action
 * started.
 */

import { type LoginFieldWatcher, type Sighting, watchLoginFields } from '../watch';
import type { AutofillForms } from './autofill-forms';
import { type ContentCommand, type ContentRuntime, contentCommand } from './commands';
import { createEarlySubmit } from './submit-early';
import { SUBMIT_EVENTS, submitRecord } from './submit-record';

export type { ContentRuntime } from './commands';

/**
 * What wakes held sightings: a person (or the page) acting on it. A press is heard as `mousedown`,
 * not `pointerdown`: in Chromium the first pointer-event listener a frame gets costs its load
 * about twice what a mouse or focus one does, with a long tail (0.40 vs 0.53-0.60 ms median, p75
 * 0.5 vs 0.8-1.1, the whole at-load script, interleaved page by page: bench/README.md, "Compile
 * hints"). Mouse and pen presses send one at once; a tap sends it just before its click (and none
 * when the page cancels the touch), so a first tap starts loading detection at its mousedown or the
 * focus it gives, and the tapped field is handed to the menu as a press (`pressTarget`). A page that
 * cancels `pointerdown` suppresses `mousedown`: then a focus or a key wakes detection, and the
 * first click asks for the menu only if detection is in by then.
 */
const WAKE_EVENTS = ['focusin', 'mousedown', 'keydown'] as const;

/**
 * The element a person's press (mouse down) or arrow-down key landed on, which the inline menu
 * answers as it does a click or arrow-down in a field it listens on; null for anything else, and
 * for events a page's script made.
 */
function pressTarget(event: Event): Element | null {
  if (!event.isTrusted) return null;
  if (
    event.type !== 'mousedown' &&
    !(event.type === 'keydown' && (event as KeyboardEvent).key === 'ArrowDown')
  ) {
    return null;
  }
  const target = event.composedPath()[0] as Node | undefined;
  return target?.nodeType === 1 ? (target as Element) : null;
}

/** Brings in autofill-forms.ts and starts it (entrypoints/autofill-content.ts: a dynamic import). */
export type FormsLoader = () => Promise<AutofillForms>;

/** What the frame holds once woken (`startFrame`): the wake itself and the commands' handler. */
interface AwakeFrame {
  wake(event?: Event): LoginFieldWatcher;
  command(command: ContentCommand, reply: (response: unknown) => void): void;
}

const WAKE_OPTIONS = { capture: true, passive: true } as const;

export function runAutofillContent(view: Window, runtime: ContentRuntime, loadForms: FormsLoader): void {
  // At load a frame only listens: three capture listeners on its window and the command listener.
  // Everything else (the loader, the recorder, the early report, the watcher) is made by
  // `startFrame` at the first act or command, so that a page nobody acts on runs no more of this
  // script than these few lines (issue 18: every statement run at load is compiled and run in
  // every frame of every page; bench/README.md, "The content script's deferred detection").
  let awake: AwakeFrame | null = null;
  const onWake = (event: Event) => void frame().wake(event);
  const frame = () =>
    (awake ??= startFrame(view, runtime, loadForms, () => {
      for (const type of WAKE_EVENTS) view.removeEventListener(type, onWake, { capture: true });
    }));
  for (const type of WAKE_EVENTS) view.addEventListener(type, onWake, WAKE_OPTIONS);

  runtime.onMessage.addListener((message, sender, reply) => {
    // From our background only: it has our id and no tab (a content script elsewhere has a tab).
    if (sender.id !== runtime.id || sender.tab !== undefined) return undefined;
    const command = contentCommand(message);
    if (!command) return undefined;
    frame().command(command, reply);
    // The answer comes once the module is in: true keeps the channel open until then.
    return true;
  });
}

/**
 * The frame woken by a person's first act or the background's first command: the forms module's
 * loader, the recorder of submissions made before it is in, and the watcher. `stopWaking` removes
 * the wake listeners (the watcher takes over what they were for).
 */
function startFrame(
  view: Window,
  runtime: ContentRuntime,
  loadForms: FormsLoader,
  stopWaking: () => void,
): AwakeFrame {
  // One load per frame; a failed one (the extension was reloaded under the page) is retried at
  // the next sighting or command.
  let loading: Promise<AutofillForms> | null = null;
  let loaded = false;
  const forms = () => {
    loading ??= loadForms().then(
      (module) => {
        loaded = true;
        stopRecording();
        return module;
      },
      (error: unknown) => {
        loading = null;
        throw error;
      },
    );
    return loading;
  };
  // Sightings are examined in the order they came: each waits on the same load.
  const examine = (sighting: Sighting) => {
    startRecording();
    forms().then(
      (module) => module.sighted(sighting),
      () => undefined, // no module, no detection; fills ask again
    );
  };

  // From the moment someone acts (detection wakes) until the module is in, a person's clicks,
  // Enter keys and the submissions they cause are recorded with the values around them,
  // synchronously, and handed to the module's submit watch once it is in (after the sightings,
  // so it knows the forms): the press that woke detection may submit the form before the import
  // is done (submit-record.ts). A submission may also take the page away before then, so one
  // that clearly carries a password goes to the background at once (submit-early.ts). Recording
  // starts at the first sighting, which comes only once someone acted (below): a page nobody
  // touches, or one without a login-like field, pays for no recorder.
  const early = createEarlySubmit((values) =>
    // The callback form works in Chrome and Firefox; reading lastError marks a failure seen.
    runtime.sendMessage({ type: 'autofill.submitted', ...values }, () => runtime.lastError),
  );
  let recording = false;
  const record = (event: Event) => {
    if (loaded) return;
    const made = submitRecord(event, true);
    if (!made) return;
    early.recorded(made);
    forms().then(
      (module) => module.recorded([made]),
      () => undefined,
    );
  };
  const onLeave = () => {
    if (!loaded) early.leaving(Date.now());
  };
  const startRecording = () => {
    if (recording || loaded) return;
    recording = true;
    for (const type of SUBMIT_EVENTS) view.addEventListener(type, record, { capture: true, passive: true });
    view.addEventListener('pagehide', onLeave);
  };
  const stopRecording = () => {
    if (!recording) return;
    for (const type of SUBMIT_EVENTS) view.removeEventListener(type, record, { capture: true });
    view.removeEventListener('pagehide', onLeave);
  };

  // Nothing looks at the page until someone acts on it (the first focus, press or key anywhere
  // in it) or a command comes: only then the first look, the observer and, at a sighting, the
  // import. Until then the frame holds three capture listeners on its window and the command
  // listener, and touches neither the document nor the DOM (issue 18: the first use of
  // `document`, of a MutationObserver and of a selector query in the isolated world each cost a
  // page that nobody signs in on a few tenths of a millisecond).
  let watcher: LoginFieldWatcher | null = null;
  const wake = (event?: Event): LoginFieldWatcher => {
    if (watcher) return watcher;
    stopWaking();
    watcher = watchLoginFields(view.document, examine);
    // A listener added during an event's dispatch misses that event: the focus or press that
    // woke detection is looked at here for the shadow roots it reached into (watch.ts), and the
    // Enter is recorded (after the sightings, whose examination it must follow).
    const sightedPress = event !== undefined && watcher.reached(event);
    if (event?.type === 'keydown' && recording) record(event);
    const target = event && !sightedPress && pressTarget(event);
    if (target && loading)
      forms().then(
        (module) => module.pressed(target),
        () => undefined,
      );
    return watcher;
  };

  return {
    wake,
    command(command, reply) {
      // Detection first, shadow roots included: a fill finds the forms already known, and the
      // inline menu and submit watch listen on a sign-in form in shadow roots nobody reached into.
      wake().walkShadowRoots();
      forms().then(
        (module) => module.command(command, reply),
        () => reply(undefined),
      );
    },
  };
}
