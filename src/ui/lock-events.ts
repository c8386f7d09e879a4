/**
 * Listens for the background's "vault locked" broadcast in an extension page (the check itself and
 * its safety facts: lock-broadcast.ts).
 */

import { browser } from 'wxt/browser';
import { PROBLEMS_EVENT } from '../messages/locked-event';
import { onBackgroundEvent, onLockBroadcast } from './lock-broadcast';

export { isFromBackground, isLockedEvent, type LockEventSender } from './lock-broadcast';

/** Calls `onLocked` on every lock broadcast from the background; returns a function that stops listening. */
export function listenForLock(onLocked: () => void): () => void {
  return onLockBroadcast(browser.runtime, onLocked);
}

/**
 * Calls `onProblems` when the background found damaged records after its unlock reply (the rest of
 * the index opened later, or the integrity check); returns a function that stops listening.
 */
export function listenForProblems(onProblems: () => void): () => void {
  return onBackgroundEvent(browser.runtime, PROBLEMS_EVENT, onProblems);
}
