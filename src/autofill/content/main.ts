/**
 * The content script's whole life on a page: one cheap look for login-like fields, an observer
 * for forms a single-page app adds later, the inline menu on the sign-in fields found (menu.ts),
 * and the handler for the background's fill and menu commands.
 *
 * Safety fact: fill commands are accepted only from this extension's background (runtime
 * messages carry the sender's extension id, and only extension contexts without a tab can send
 * them to a content script); a page can neither send one nor read the reply. Nothing here fills
 * on its own: every fill answers a command that a user action started.
 */

import type { RuntimeOnMessage } from '../../messages/runtime-on-message';
import { observeLoginForms } from '../observe';
import type { DetectedForm } from '../types';
import { type FillCommand, type FillResult, fillLogin, isOpaqueOrigin } from './fill';
import { type FillCodeCommand, type FillCodeResult, fillCode } from './fill-code';
import { createFrameProbe } from './frame-probe';
import { createInlineMenu, type MenuRuntime } from './menu';
import { createSavePrompt } from './prompt';
import { watchSubmits } from './submit';

/**
 * The slice of the extension API the content script uses. Why not `browser` from 'wxt/browser':
 * that import bundles webextension-polyfill (~9 KB gzipped) into a script injected into every
 * page, for one listener. Both Chrome and Firefox provide `chrome.runtime.onMessage` with the
 * sendResponse callback used here.
 */
export interface ContentRuntime extends MenuRuntime {
  id: string;
  onMessage: RuntimeOnMessage;
}

export function runAutofillContent(doc: Document, runtime: ContentRuntime, menuTitle = ''): void {
  let forms: DetectedForm[] = [];
  let watching = false;
  const view = doc.defaultView;
  // The inline menu listens only on detected sign-in fields: a page without one pays nothing.
  const menu = createInlineMenu(doc, runtime, menuTitle);
  const prompt = createSavePrompt(doc, (path) => runtime.getURL(path));
  const probe = createFrameProbe(doc);
  // observeLoginForms runs the pre-check (one selector query per tree) and detects only when it
  // says yes; afterwards it examines only subtrees the page adds.
  observeLoginForms(doc, (found) => {
    forms = [...forms.filter((form) => form.fields[0]?.input.isConnected), ...found];
    menu.watch(found);
    // Submissions are watched from the first login form on; pages without one add no listener.
    // A sandboxed document (opaque origin) is no site: what it submits is never offered.
    if (!watching && view && !isOpaqueOrigin(view)) {
      watching = true;
      watchSubmits(
        doc,
        () => forms,
        // The callback form works in Chrome and Firefox; reading lastError marks a failure seen.
        (values) => runtime.sendMessage({ type: 'autofill.submitted', ...values }, () => runtime.lastError),
      );
    }
  });

  runtime.onMessage.addListener((message, sender, reply) => {
    // From our background only: it has our id and no tab (a content script elsewhere has a tab).
    if (sender.id !== runtime.id || sender.tab !== undefined) return undefined;
    const command = typeof message === 'object' && message !== null ? message : {};
    const handled = menu.command(command) ?? prompt.command(command);
    if (handled) {
      reply(handled);
      return undefined;
    }
    // A probe may answer later (a verdict waits for the child's message): true keeps the channel.
    if (probe.command(command, reply)) return true;
    let result: FillResult | FillCodeResult;
    try {
      if (isFillCommand(message)) result = fillLogin(doc, message, { known: () => forms });
      else if (isFillCodeCommand(message)) result = fillCode(doc, message);
      else return undefined;
    } catch {
      result = { ok: false, code: 'no-form' };
    }
    reply(result);
    return undefined;
  });
}

function isFillCodeCommand(message: unknown): message is FillCodeCommand {
  if (typeof message !== 'object' || message === null) return false;
  const m = message as Record<string, unknown>;
  return (
    m.type === 'tessera.fill.code' &&
    typeof m.origin === 'string' &&
    typeof m.code === 'string' &&
    (m.confirmActionOrigin === undefined || typeof m.confirmActionOrigin === 'string')
  );
}

function isFillCommand(message: unknown): message is FillCommand {
  if (typeof message !== 'object' || message === null) return false;
  const m = message as Record<string, unknown>;
  return (
    m.type === 'tessera.fill' &&
    typeof m.origin === 'string' &&
    typeof m.username === 'string' &&
    typeof m.password === 'string' &&
    (m.confirmActionOrigin === undefined || typeof m.confirmActionOrigin === 'string') &&
    (m.hasCode === undefined || m.hasCode === true)
  );
}
