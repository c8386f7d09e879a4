/**
 * Listens for the background's "vault locked" broadcast (LOCKED_EVENT), sent to every open
 * extension page when the vault locks for any reason (button, auto-lock, system lock).
 *
 * Safety fact: the listener never answers (returns undefined), so it cannot intercept replies meant
 * for the background's own request handling; other pages' requests also reach it and are ignored.
 */

import { browser } from 'wxt/browser';
import { LOCKED_EVENT } from '../messages/protocol';

export function isLockedEvent(message: unknown): boolean {
  return (
    typeof message === 'object' && message !== null && (message as { event?: unknown }).event === LOCKED_EVENT
  );
}

/** Calls `onLocked` on every lock broadcast; returns a function that stops listening. */
export function listenForLock(onLocked: () => void): () => void {
  const listener = (message: unknown): undefined => {
    if (isLockedEvent(message)) onLocked();
    return undefined;
  };
  browser.runtime.onMessage.addListener(listener);
  return () => browser.runtime.onMessage.removeListener(listener);
}
