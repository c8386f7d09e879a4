/**
 * The sites a person answered "Never for this site" for in the save prompt, in storage.local so
 * the answer holds while the vault is locked and after a restart.
 *
 * Safety fact: only origins are stored ("https://example.com"), never a username or password.
 * Reset local data clears it with the rest of storage.local.
 */

import type { KeyValueArea } from '../session/storage-area';

const KEY = 'autofill.neverSave';
/** A bound on what a hostile stream of answers could make the list grow to. */
const MAX_SITES = 1_000;

export async function loadNeverSave(area: KeyValueArea): Promise<string[]> {
  const stored = (await area.get(KEY))[KEY];
  return Array.isArray(stored) ? stored.filter((entry): entry is string => typeof entry === 'string') : [];
}

export async function addNeverSave(area: KeyValueArea, origin: string): Promise<void> {
  const list = await loadNeverSave(area);
  if (list.includes(origin)) return;
  await area.set({ [KEY]: [...list, origin].slice(-MAX_SITES) });
}
