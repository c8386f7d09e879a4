/**
 * The vault as an extension page sees it: which state it is in and, while unlocked, the list of
 * item overviews. Screens read these signals; only the functions here change them.
 *
 * Safety fact: nothing decrypted outlives a lock. enterLocked() (called on the background's lock
 * broadcast, on any request refused with 'locked', and after "Lock now") drops the list, and the
 * screens that hold an open item unmount when the view leaves 'unlocked'.
 */

import { batch, signal } from '@preact/signals';
import { browser } from 'wxt/browser';
import { request } from '../messages/client';
import { decodeList } from '../messages/list-codec';
import {
  decodeFirstScreen,
  type FirstScreen,
  readFirstScreen,
  readSnapshotList,
} from '../messages/list-snapshot';
import { markUnlock } from '../messages/perf-marks';
import type { Replies, Request, RequestType, VaultStatus } from '../messages/protocol';
import type { ListEntry } from '../vault/types';
import type { OpenProblem } from '../vault/vault';
import { withEarlyRead } from './early-read';
import { errorCode } from './errors';
import { SearchIndex } from './search';

export type VaultView = 'loading' | 'empty' | 'locked' | 'unlocked' | 'failed';

export const view = signal<VaultView>('loading');
/** Why the first load failed, when view is 'failed'. */
export const failure = signal<unknown>(null);
/** The loaded list while unlocked, else null. */
export const searchIndex = signal<SearchIndex | null>(null);
/** Damage reported by the last unlock from this page; cleared when dismissed or locked. */
export const problems = signal<readonly OpenProblem[]>([]);
/** Date.now() from which another unlock attempt is accepted. */
export const unlockAllowedAt = signal(0);

const lockListeners = new Set<() => void>();
/** How many times this page dropped to the lock screen: tells a reply that a lock overtook it. */
let locks = 0;

/** Runs `listener` every time the page drops to the lock screen; returns an unsubscribe. */
export function onLock(listener: () => void): () => void {
  lockListeners.add(listener);
  return () => lockListeners.delete(listener);
}

/**
 * A request whose 'locked' refusal sends the page to the lock screen (the vault locked behind our
 * back, e.g. auto-lock while the broadcast was in flight). The error is rethrown either way.
 */
export async function call<T extends RequestType>(message: Request<T> & { type: T }): Promise<Replies[T]> {
  try {
    return await ask<T>(message);
  } catch (err) {
    if (errorCode(err) === 'locked') enterLocked();
    throw err;
  }
}

/**
 * First load. While unlocked, the background leaves the list's first screen and a snapshot of the
 * whole list in storage.session (list-snapshot.ts): showing them needs no round trip to the
 * background, which may be a stopped worker that would first have to reopen the vault. The first
 * screen is shown at once and the whole list read after the first paint (completeList). Otherwise
 * status and list are asked for at once, so an unlocked vault costs one round trip; the list
 * request is refused with 'locked' when there is nothing to show, and the status then says whether
 * to offer unlock or first-run setup.
 */
export async function loadInitial(): Promise<void> {
  const locksBefore = locks;
  const first = await readFirstScreen(withEarlyRead(browser.storage.session));
  // A lock broadcast that came in while the read was in flight has already shown the lock screen.
  if (locks !== locksBefore) return;
  if (first !== null) {
    showFirstScreen(first);
    return;
  }
  const snapshot = await readSnapshotList(browser.storage.session);
  if (snapshot !== null) {
    showList(snapshot);
    return;
  }
  const status = ask({ type: 'vault.status' });
  const list = ask({ type: 'vault.list' });
  status.catch(() => undefined);
  try {
    showList(decodeList((await list).encoded));
  } catch (err) {
    if (errorCode(err) !== 'locked') return fail(err);
    try {
      await applyStatus(await status);
    } catch (statusErr) {
      fail(statusErr);
    }
  }
}

export async function createVault(password: string): Promise<void> {
  await ask({ type: 'vault.create', password });
  await openList();
}

/** Unlocks, or throws the RequestError (after updating the throttle wait). */
export async function unlockVault(password: string): Promise<void> {
  try {
    const locksBefore = locks;
    markUnlock('asked');
    const reply = await ask({ type: 'vault.unlock', password });
    markUnlock('replied');
    problems.value = reply.problems;
    // The first screen in the reply is this unlock's: shown without reading it back, unless the
    // lock broadcast came in first. openList() then finds no first screen of a locked vault, and
    // the list request is refused 'locked'; a lock whose broadcast comes later drops the list then.
    const first = locks === locksBefore ? decodeFirstScreen(reply.firstScreen) : null;
    if (first !== null) showFirstScreen(first);
    else await openList();
  } catch (err) {
    const code = errorCode(err);
    if (code === 'wrong-password' || code === 'throttled') {
      // The background owns the throttle; ask it how long the next attempt must wait.
      await ask({ type: 'vault.status' })
        .then((status) => {
          unlockAllowedAt.value = Date.now() + status.retryAfterMs;
        })
        .catch(() => undefined);
    }
    throw err;
  }
}

/**
 * The background found damaged records after its unlock reply (PROBLEMS_EVENT): show its notice,
 * unless this page locked or left the list meanwhile.
 */
export async function refreshProblems(): Promise<void> {
  const locksBefore = locks;
  const status = await ask({ type: 'vault.status' }).catch(() => null);
  if (status?.state === 'unlocked' && locks === locksBefore && view.value === 'unlocked') {
    problems.value = status.problems;
  }
}

export async function lockVault(): Promise<void> {
  // Drop our copy first: even if the request fails, this page shows nothing more.
  enterLocked();
  await ask({ type: 'vault.lock' });
}

/** Reloads the list after a change (add, edit, delete). */
export async function refreshList(): Promise<void> {
  const items = decodeList((await call({ type: 'vault.list' })).encoded);
  if (view.value === 'unlocked') searchIndex.value = new SearchIndex(items);
}

/** Goes to the lock screen at once and forgets everything decrypted. Idempotent. */
export function enterLocked(): void {
  const wasOpen = view.value === 'unlocked' || searchIndex.value !== null;
  locks++;
  batch(() => {
    searchIndex.value = null;
    problems.value = [];
    if (view.value !== 'empty') view.value = 'locked';
  });
  if (wasOpen) for (const listener of lockListeners) listener();
  // A lock can also mean the vault was reset (deleted): check which screen is right.
  ask({ type: 'vault.status' })
    .then((status) => {
      if (status.state !== 'unlocked') void applyStatus(status);
    })
    .catch(() => undefined);
}

/**
 * request() with its type parameter inferred from the message's `type` (request's own signature
 * cannot infer it through the schema-derived Request<T>).
 */
export function ask<T extends RequestType>(message: Request<T> & { type: T }): Promise<Replies[T]> {
  return request<T>(message);
}

/**
 * Shows the list after an unlock or create: the first screen the background wrote before it
 * answered, then the whole list; or, without one (an older background), the whole list at once.
 */
async function openList(): Promise<void> {
  const first = await readFirstScreen(browser.storage.session);
  if (first !== null) return showFirstScreen(first);
  showList(await fetchList());
}

async function fetchList(): Promise<ListEntry[]> {
  return decodeList((await call({ type: 'vault.list' })).encoded);
}

function showFirstScreen({ entries, total }: FirstScreen): void {
  const partial = new SearchIndex(entries, total);
  batch(() => {
    searchIndex.value = partial;
    view.value = 'unlocked';
  });
  if (!partial.complete) afterFirstPaint(() => void completeList(partial));
}

/**
 * Replaces a first screen with the whole list: the snapshot if there is one of this unlock, else
 * the background's list. Only if the first screen is still shown: a lock, or a refresh after an
 * edit, replaced it meanwhile and is newer. A failure other than a lock fails the page (retry).
 */
async function completeList(partial: SearchIndex): Promise<void> {
  try {
    const items = (await readSnapshotList(browser.storage.session)) ?? (await fetchList());
    if (searchIndex.value === partial) searchIndex.value = new SearchIndex(items);
  } catch (err) {
    if (searchIndex.value === partial && errorCode(err) !== 'locked') fail(err);
  }
}

/**
 * Runs `work` once the current frame is painted: a task queued from the next animation frame
 * callback runs after that frame's paint, and a hidden page (no frames) falls back to a timeout.
 */
function afterFirstPaint(work: () => void): void {
  let done = false;
  const once = () => {
    if (done) return;
    done = true;
    work();
  };
  requestAnimationFrame(() => setTimeout(once, 0));
  setTimeout(once, 100);
}

function showList(items: readonly ListEntry[]): void {
  batch(() => {
    searchIndex.value = new SearchIndex(items);
    view.value = 'unlocked';
  });
}

async function applyStatus(status: VaultStatus): Promise<void> {
  unlockAllowedAt.value = Date.now() + status.retryAfterMs;
  if (status.state === 'unlocked') return openList();
  view.value = status.state === 'empty' ? 'empty' : 'locked';
}

function fail(err: unknown): void {
  batch(() => {
    failure.value = err;
    view.value = 'failed';
  });
}
