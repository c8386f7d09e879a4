/**
 * The sites a person answered "Never for this site" for in the save prompt, in storage.local so
 * the answer holds while the vault is locked and after a restart. The options page lists them and
 * removes one on request, so a mis-click is not permanent.
 *
 * Safety fact: only origins are stored ("https://example.com"), never a username or password.
 * Reset local data clears it with the rest of storage.local. Writes read the whole list and write
 * it back: go through createNeverSaveList, which runs them one at a time, so two changes at once
 * (a "Never" answer in one tab, a removal in the options page) cannot lose one another.
 */

import { SerialQueue } from '../session/serial-queue';
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

/** Offers come back on `origin`. Removing a site that is not listed changes nothing. */
export async function removeNeverSave(area: KeyValueArea, origin: string): Promise<void> {
  const list = await loadNeverSave(area);
  if (!list.includes(origin)) return;
  await area.set({ [KEY]: list.filter((entry) => entry !== origin) });
}

export interface NeverSaveList {
  load(): Promise<string[]>;
  add(origin: string): Promise<void>;
  remove(origin: string): Promise<void>;
}

/** The list in `area`, with its writes queued one after the other. */
export function createNeverSaveList(area: KeyValueArea): NeverSaveList {
  const writes = new SerialQueue();
  return {
    load: () => loadNeverSave(area),
    add: (origin) => writes.run(() => addNeverSave(area, origin)),
    remove: (origin) => writes.run(() => removeNeverSave(area, origin)),
  };
}
