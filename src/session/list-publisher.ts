/**
 * Keeps the list snapshot and its first screen (src/messages/list-snapshot.ts) in storage.session in
 * step with the open vault: written shortly after a page was served the list (so the write never
 * competes with that page's first render; the first screen alone also at unlock, by the Session),
 * removed as soon as the list changes, and removed with the key on lock (by the Session).
 *
 * Safety fact: a write happens only for the vault that is open at that moment, under its epoch;
 * storage calls from one context are applied in the order they are made, so a removal issued after
 * a write always wins, and the epoch check in pages covers a write racing a lock.
 */

import { encodedList } from '../messages/list-codec';
import { FIRST_SCREEN_SLOT, firstScreenOf, LIST_SLOT, type ListSnapshot } from '../messages/list-snapshot';
import type { UnlockedVault } from '../vault/vault';
import type { KeyValueArea } from './storage-area';

/** After serving a list, wait this long before writing its copy. */
export const PUBLISH_DELAY_MS = 250;

export interface OpenVault {
  vault: UnlockedVault;
  epoch: string;
}

export class ListPublisher {
  #published: { vault: UnlockedVault; version: number } | null = null;
  #timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly area: KeyValueArea,
    private readonly current: () => OpenVault | null,
    private readonly delayMs = PUBLISH_DELAY_MS,
  ) {}

  /** A page was just served the list: write the snapshot soon, unless it is already current. */
  publishSoon(): void {
    if (this.#timer !== null) return;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.#publish().catch(() => undefined);
    }, this.delayMs);
  }

  /** The list changed: remove the stale copies before the change is reported to anyone. */
  async invalidate(): Promise<void> {
    this.#published = null;
    await this.area.remove([LIST_SLOT, FIRST_SCREEN_SLOT]).catch(() => undefined);
  }

  /** Locked or reset: forget what was written (the Session removes the slot with the key). */
  forget(): void {
    this.#published = null;
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
  }

  async #publish(): Promise<void> {
    const open = this.current();
    if (!open || open.vault.isLocked) return;
    const { vault, epoch } = open;
    const version = vault.listVersion;
    if (this.#published?.vault === vault && this.#published.version === version) return;
    // Read and write in one turn: no change can slip between the version and the text.
    const snapshot: ListSnapshot = { epoch, encoded: encodedList(vault) };
    const firstScreen = firstScreenOf(vault.list(), epoch);
    try {
      await this.area.set({ [LIST_SLOT]: snapshot, [FIRST_SCREEN_SLOT]: firstScreen });
      this.#published = { vault, version };
    } catch {
      // Over storage.session's quota (a very large vault): pages read the first screen and ask the
      // background for the rest. The failed write was awaited, so check again that this first
      // screen is still current; both calls are then issued in this turn, so a later removal wins.
      const still = this.current();
      const current = still?.vault === vault && still.epoch === epoch && vault.listVersion === version;
      await Promise.all([
        this.area.remove(LIST_SLOT).catch(() => undefined),
        current && !vault.isLocked
          ? this.area.set({ [FIRST_SCREEN_SLOT]: firstScreen }).catch(() => undefined)
          : undefined,
      ]);
    }
  }
}
