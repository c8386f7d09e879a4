/**
 * The content script's whole life on a page: one cheap look for login-like fields, an observer
 * for forms a single-page app adds later, and the handler for fill commands from the background.
 *
 * Safety fact: fill commands are accepted only from this extension's background (runtime
 * messages carry the sender's extension id, and only extension contexts without a tab can send
 * them to a content script); a page can neither send one nor read the reply. Nothing here fills
 * on its own: every fill answers a command that a user action started.
 */

import { observeLoginForms } from '../observe';
import type { DetectedForm } from '../types';
import { type ExtensionFrame, openExtensionFrame } from './extension-frame';
import { type FillCommand, type FillResult, fillLogin } from './fill';
import { watchSubmits } from './submit';

/**
 * The slice of the extension API the content script uses. Why not `browser` from 'wxt/browser':
 * that import bundles webextension-polyfill (~9 KB gzipped) into a script injected into every
 * page, for one listener. Both Chrome and Firefox provide `chrome.runtime.onMessage` with the
 * sendResponse callback used here.
 */
export interface ContentRuntime {
  id: string;
  /** For submitted-form reports (the save offer); optional so a fake runtime may leave it out. */
  sendMessage?(message: unknown): Promise<unknown>;
  getURL?(path: string): string;
  onMessage: {
    addListener(
      listener: (
        message: unknown,
        sender: { id?: string; tab?: unknown },
        reply: (r: unknown) => void,
      ) => unknown,
    ): void;
  };
}

/** Where the save prompt sits: the top-right corner of the viewport, like the browser's own. */
const PROMPT_SIZE = { width: 360, height: 176 };
const promptBox = (view: Window) => ({
  ...PROMPT_SIZE,
  top: 8,
  left: Math.max(8, view.innerWidth - PROMPT_SIZE.width - 8),
});

export function runAutofillContent(doc: Document, runtime: ContentRuntime): void {
  let forms: DetectedForm[] = [];
  let watching = false;
  let prompt: ExtensionFrame | undefined;
  let resizing = false;
  // observeLoginForms runs the pre-check (one selector query per tree) and detects only when it
  // says yes; afterwards it examines only subtrees the page adds.
  observeLoginForms(doc, (found) => {
    forms = [...forms.filter((form) => form.fields[0]?.input.isConnected), ...found];
    // Submissions are watched from the first login form on; pages without one add no listener.
    if (!watching && runtime.sendMessage) {
      watching = true;
      watchSubmits(
        doc,
        () => forms,
        (values) =>
          void runtime.sendMessage?.({ type: 'autofill.submitted', ...values }).catch(() => undefined),
      );
    }
  });

  runtime.onMessage.addListener((message, sender, reply) => {
    // From our background only: it has our id and no tab (a content script elsewhere has a tab).
    if (sender.id !== runtime.id || sender.tab !== undefined) return undefined;
    const m = message as { type?: unknown; token?: unknown; title?: unknown } | null;
    if (m?.type === 'tessera.prompt' && runtime.getURL && doc.defaultView?.top === doc.defaultView) {
      // The save prompt (entrypoints/save-prompt): opened in the top frame only, replaced if open.
      prompt?.remove();
      prompt = undefined;
      const view = doc.defaultView;
      if (typeof m.token === 'string' && view) {
        // The token rides in the fragment: the prompt shows it to the background to get its offer.
        const url = `${runtime.getURL('/save-prompt.html')}#${m.token}`;
        prompt = openExtensionFrame(doc, url, promptBox(view), String(m.title));
        // Kept in the corner when the window narrows (off screen, the prompt refuses clicks).
        if (!resizing) view.addEventListener('resize', () => prompt?.move(promptBox(view)));
        resizing = true;
      }
      reply(true);
      return undefined;
    }
    if (!isFillCommand(message)) return undefined;
    let result: FillResult;
    try {
      result = fillLogin(doc, message, { known: () => forms });
    } catch {
      result = { ok: false, code: 'no-form' };
    }
    reply(result);
    return undefined;
  });
}

function isFillCommand(message: unknown): message is FillCommand {
  if (typeof message !== 'object' || message === null) return false;
  const m = message as Record<string, unknown>;
  return (
    m.type === 'tessera.fill' &&
    typeof m.origin === 'string' &&
    typeof m.username === 'string' &&
    typeof m.password === 'string' &&
    (m.confirmActionOrigin === undefined || typeof m.confirmActionOrigin === 'string')
  );
}
