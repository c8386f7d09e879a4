/**
 * Which biometric enrolments failed on this device (S3: the authenticator was removed or reset,
 * so its credential no longer answers or no longer produces the same PRF output). The options page
 * shows them as "not available on this device", and turning biometric unlock on again replaces
 * them (biometric.enrol replaceIds). Neither the options page nor the popup offers a marked
 * enrolment for unlocking or verifying (usableBiometric): a button known to fail is a dead end.
 *
 * Kept in storage.local because it is a fact about this browser, not about the vault, and is not
 * secret: only key record ids ("prf:<credential id hex>"). Reset local data clears storage.local,
 * and with it these marks; removing or replacing the enrolment clears its own.
 */

import { browser } from 'wxt/browser';
import type { KeyRecordView } from '../messages/protocol';

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

/** The biometric key records worth offering on this device: enrolled, and not marked as failed. */
export function usableBiometric(
  records: readonly KeyRecordView[],
  unavailable: ReadonlySet<string>,
): KeyRecordView[] {
  return records.filter((r) => r.kind === 'prf' && !unavailable.has(r.id));
}

/**
 * Calls `listener` whenever a page changes the marks: the options tab learns of a failure in the
 * unlock window the popup opened, or of a re-enrolment in another tab. Returns an unsubscribe.
 */
export function onUnavailableChanged(listener: () => void): () => void {
  const handle = (changes: Record<string, unknown>, area: string) => {
    if (area === 'local' && KEY in changes) listener();
  };
  browser.storage.onChanged.addListener(handle);
  return () => browser.storage.onChanged.removeListener(handle);
}
