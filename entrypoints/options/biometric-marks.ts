/**
 * Which biometric enrolments failed on this device (S3: the authenticator was removed or reset,
 * so its credential no longer answers or no longer produces the same PRF output). The options page
 * shows them as "not available on this device", and turning biometric unlock on again replaces
 * them (biometric.enrol replaceIds).
 *
 * Kept in storage.local because it is a fact about this browser, not about the vault, and is not
 * secret: only key record ids ("prf:<credential id hex>"). Reset local data clears storage.local,
 * and with it these marks. A later successful biometric unlock clears the mark again.
 */

import { browser } from 'wxt/browser';

const KEY = 'biometric.unavailable';

export async function loadUnavailable(): Promise<Set<string>> {
  const stored = (await browser.storage.local.get(KEY))[KEY];
  return new Set(Array.isArray(stored) ? stored.filter((x): x is string => typeof x === 'string') : []);
}

export async function markUnavailable(ids: readonly string[]): Promise<Set<string>> {
  const next = await loadUnavailable();
  for (const id of ids) next.add(id);
  await browser.storage.local.set({ [KEY]: [...next] });
  return next;
}

export async function clearUnavailable(ids: readonly string[]): Promise<Set<string>> {
  const next = await loadUnavailable();
  for (const id of ids) next.delete(id);
  await browser.storage.local.set({ [KEY]: [...next] });
  return next;
}
