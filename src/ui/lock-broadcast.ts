/**
 * The background's "vault locked" broadcast (LOCKED_EVENT), sent to every open extension page when
 * the vault locks for any reason (button, auto-lock, system lock): how a page recognises it. Needs
 * no `browser` import, so the popup's early first-screen read (early-read.ts) can listen too.
 *
 * Safety facts: the listener never answers (returns undefined), so it cannot intercept replies meant
 * for the background's own request handling; other pages' requests also reach it and are ignored.
 * A content script's runtime.sendMessage reaches every extension page too, so the broadcast is
 * believed only from this extension's background: our origin and no tab (a content script has the
 * web page's URL and a tab). Without this, any content script could flip open pages to the lock
 * screen while the vault stays unlocked (found by tests/e2e/security-fuzz.spec.ts).
 */

import { LOCKED_EVENT } from '../messages/locked-event';

/** Is `message` the background's broadcast named `event` (LOCKED_EVENT, PROBLEMS_EVENT)? */
export function isBackgroundEvent(message: unknown, event: string): boolean {
  return typeof message === 'object' && message !== null && (message as { event?: unknown }).event === event;
}

export function isLockedEvent(message: unknown): boolean {
  return isBackgroundEvent(message, LOCKED_EVENT);
}

/** The fields of runtime.MessageSender this check reads. */
export interface LockEventSender {
  id?: string;
  url?: string;
  tab?: unknown;
}

/** Is this sender our own background (worker or event page), not a content script or a web page? */
export function isFromBackground(
  sender: LockEventSender,
  extensionId: string,
  extensionOrigin: string,
): boolean {
  return (
    sender.id === extensionId &&
    sender.tab === undefined &&
    typeof sender.url === 'string' &&
    sender.url.startsWith(extensionOrigin)
  );
}

type LockListener = (message: unknown, sender: LockEventSender) => undefined;

/** The slice of runtime (browser.runtime or chrome.runtime) a lock listener needs. */
export interface LockRuntime {
  id: string;
  getURL(path: string): string;
  onMessage: {
    addListener(listener: LockListener): void;
    removeListener(listener: LockListener): void;
  };
}

/** Calls `onLocked` on every lock broadcast from the background; returns a function that stops listening. */
export function onLockBroadcast(runtime: LockRuntime, onLocked: () => void): () => void {
  return onBackgroundEvent(runtime, LOCKED_EVENT, onLocked);
}

/**
 * Calls `heard` on every broadcast named `event` from the background (the same sender check as the
 * lock's); returns a function that stops listening.
 */
export function onBackgroundEvent(runtime: LockRuntime, event: string, heard: () => void): () => void {
  const origin = runtime.getURL('/');
  const listener: LockListener = (message, sender) => {
    if (isBackgroundEvent(message, event) && isFromBackground(sender, runtime.id, origin)) heard();
    return undefined;
  };
  runtime.onMessage.addListener(listener);
  return () => runtime.onMessage.removeListener(listener);
}
