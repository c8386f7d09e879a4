/**
 * The passkey ceremonies waiting for a person's answer in Tessera's dialog window: at most one per
 * tab, each with the one-time token its dialog presents, ended by the person's answer, the
 * dialog's window closing, the page's abort, the tab going away or the call's timeout.
 *
 * Safety facts: only the person's click in the dialog (an extension window no page can reach or
 * script) produces an answer that signs or saves; every other ending is a refusal. A tab gets one
 * dialog at a time: a page calling again (or on load, in a loop) while one is open is refused, so
 * it cannot stack windows. Tokens are 128 random bits, used once.
 */

import type { Caller } from '../authenticator';
import type { CeremonyKind } from './wire';

/** What the person chose in the dialog. */
export type DialogAnswer =
  /** Hand the call to the browser's own WebAuthn (another device, a security key, its own passkeys). */
  | { action: 'native' }
  | { action: 'cancel' }
  /** create: save the new passkey into this login item, or a new one. */
  | { action: 'save'; itemId?: string }
  /** get: sign in with this item's passkey. */
  | { action: 'use'; itemId: string; credentialId: string };

export interface Ceremony {
  token: string;
  kind: CeremonyKind;
  tabId: number;
  frameId: number;
  requestId: string;
  rpId: string;
  caller: Caller;
  /** The page's options in WebAuthn JSON form (checked by the protocol's schema). */
  options: Record<string, unknown>;
}

export interface DialogWindows {
  /** Opens the dialog for `token`; resolves to its window's id. */
  open(token: string): Promise<number | undefined>;
  close(windowId: number): Promise<void>;
}

/** WebAuthn's default and ceiling for how long a call may wait for the person (WebAuthn L3 §5.1.3, §5.1.4). */
export const DEFAULT_TIMEOUT_MS = 300_000;
export const MAX_TIMEOUT_MS = 600_000;
export const MIN_TIMEOUT_MS = 30_000;
/** How long an answered dialog has to close itself before the background closes it. */
export const ANSWERED_WINDOW_GRACE_MS = 2_000;

interface Pending {
  ceremony: Ceremony;
  windowId?: number;
  timer: ReturnType<typeof setTimeout>;
  settle(answer: DialogAnswer): void;
}

export function createCeremonies(windows: DialogWindows, randomToken: () => string) {
  const byTab = new Map<number, Pending>();

  /**
   * Ends the ceremony: the caller hears first, then the window goes. A window the person answered
   * closes itself once the page has its reply (entrypoints/passkey-dialog): closing it here at once
   * would have the browser tear the window down while the reply is on its way to the page, so the
   * background closes it only if it is still open a moment later.
   *
   * "Use another device or the browser's own" is the exception: the page then calls the browser's
   * WebAuthn itself, which Firefox refuses (NotAllowedError) while another window, this dialog, is
   * the active one. So that window goes first and the caller hears once it is gone.
   */
  function end(pending: Pending, answer: DialogAnswer, answeredInWindow = false): void {
    if (byTab.get(pending.ceremony.tabId) !== pending) return;
    byTab.delete(pending.ceremony.tabId);
    clearTimeout(pending.timer);
    const windowId = pending.windowId;
    if (windowId === undefined) {
      pending.settle(answer);
      return;
    }
    const close = () => windows.close(windowId).catch(() => undefined);
    if (answer.action === 'native') {
      void close().then(() => pending.settle(answer));
      return;
    }
    pending.settle(answer);
    if (answeredInWindow) setTimeout(close, ANSWERED_WINDOW_GRACE_MS);
    else void close();
  }

  const find = (test: (p: Pending) => boolean) => [...byTab.values()].find(test);

  return {
    /**
     * Opens the dialog and waits for the person's answer; null when the tab already has one open
     * (the caller refuses the call). `timeoutMs` is the page's, clamped to WebAuthn's bounds.
     */
    begin(ceremony: Omit<Ceremony, 'token'>, timeoutMs: number | undefined): Promise<DialogAnswer> | null {
      if (byTab.has(ceremony.tabId)) return null;
      const token = randomToken();
      const wait = Math.min(MAX_TIMEOUT_MS, Math.max(MIN_TIMEOUT_MS, timeoutMs ?? DEFAULT_TIMEOUT_MS));
      return new Promise<DialogAnswer>((resolve) => {
        const pending: Pending = {
          ceremony: { ...ceremony, token },
          timer: setTimeout(() => end(pending, { action: 'cancel' }), wait),
          settle: resolve,
        };
        byTab.set(ceremony.tabId, pending);
        windows.open(token).then(
          (windowId) => {
            if (byTab.get(ceremony.tabId) !== pending) {
              if (windowId !== undefined) void windows.close(windowId).catch(() => undefined);
              return;
            }
            pending.windowId = windowId;
          },
          () => end(pending, { action: 'cancel' }),
        );
      });
    },
    /** The ceremony a dialog's token names, while it waits. */
    byToken(token: string): Ceremony | undefined {
      return find((p) => p.ceremony.token === token)?.ceremony;
    },
    /** The person's answer; false when the token names no waiting ceremony. */
    answer(token: string, answer: DialogAnswer): boolean {
      const pending = find((p) => p.ceremony.token === token);
      if (!pending) return false;
      end(pending, answer, true);
      return true;
    },
    /** The page aborted its call (AbortSignal): only the frame that made it can. */
    abort(tabId: number, frameId: number, requestId: string): void {
      const pending = byTab.get(tabId);
      if (pending && pending.ceremony.frameId === frameId && pending.ceremony.requestId === requestId) {
        end(pending, { action: 'cancel' });
      }
    },
    /** The person closed the dialog's window. */
    windowClosed(windowId: number): void {
      const pending = find((p) => p.windowId === windowId);
      if (pending) {
        pending.windowId = undefined;
        end(pending, { action: 'cancel' });
      }
    },
    /** The tab closed, or its page went away. */
    tabGone(tabId: number): void {
      const pending = byTab.get(tabId);
      if (pending) end(pending, { action: 'cancel' });
    },
  };
}

export type Ceremonies = ReturnType<typeof createCeremonies>;
