/**
 * Listens for the background's "vault locked" broadcast in an extension page (the check itself and
 * its safety facts: lock-broadcast.ts).
 */

import { browser } from 'wxt/browser';
import { onLockBroadcast } from './lock-broadcast';

export { isFromBackground, isLockedEvent, type LockEventSender } from './lock-broadcast';

/** Calls `onLocked` on every lock broadcast from the background; returns a function that stops listening. */
export function listenForLock(onLocked: () => void): () => void {
  return onLockBroadcast(browser.runtime, onLocked);
}
