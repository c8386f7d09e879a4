/**
 * LocalReplica over the real vault (src/vault): what sync reads and writes on this device.
 *
 * Where the state lives (vault format 2, src/vault/format.ts): the small part of SyncState in the
 * `sync` store's 'state' record, each item's version in `syncVersions` (one record per item id), and
 * the ids this device edited since sync took them in `changes` (written by the vault's own writes,
 * in the item's transaction). commit() writes the merged items, the state, only the versions that
 * changed since the last commit (a sync that touches one item writes one version record, not
 * 10,000) and the removal of the local changes it took, all in ONE transaction
 * (UnlockedVault.applySynced): interrupted anywhere, the old items go with the old state or the
 * new with the new.
 *
 * Concurrency: commits run on the Session's queue (`exclusive`, session.withVault) and are refused
 * if the vault they were read from was locked since (a new unlock is a new UnlockedVault). The
 * network parts of a sync run outside the queue, so a person's edit can land between sync reading
 * an item and committing its merge: the commit then sees the item's id in `changes` (not taken by
 * this sync) and refuses the whole change (LocalEditRace); the next sync merges again with the edit.
 */

import { VaultError } from '../vault/errors';
import type { WrapperRecord } from '../vault/format';
import { readHead, type SyncWriteTx, type VaultDatabase } from '../vault/store';
import type { Item } from '../vault/types';
import type { KdfCost, KeyRotation, UnlockedVault } from '../vault/vault';
import type { LocalReplica, SyncState } from './state';
import type { VersionMeta } from './version';

type StateRecord = Omit<SyncState, 'versions'>;

const STATE = 'state';

/** A commit that would have overwritten an edit made on this device meanwhile: sync again. */
export class LocalEditRace extends VaultError {
  constructor() {
    super('conflict', 'An item changed on this device while it synced; syncing again.');
  }
}

export type Exclusive = <T>(work: (vault: UnlockedVault) => Promise<T>) => Promise<T>;

export class VaultReplica implements LocalReplica {
  /** The version objects as last stored, by reference: a commit writes those that are not. */
  #stored = new Map<string, VersionMeta>();
  #storedDevice: string | null = null;
  /** Local changes handed to sync (takeLocalChanges), removed from `changes` at the next commit. */
  #taken: string[] = [];

  constructor(
    private readonly vault: UnlockedVault,
    private readonly db: VaultDatabase,
    private readonly exclusive: Exclusive,
  ) {}

  key(): Uint8Array {
    return this.vault.liveKey();
  }

  async itemIds(): Promise<string[]> {
    return this.vault.list().map((o) => o.id);
  }

  readItems(ids: readonly string[]): Promise<(Item | undefined)[]> {
    return this.vault.getMany(ids);
  }

  /** The ids this device added, edited or deleted since sync last took them. */
  async takeLocalChanges(): Promise<string[]> {
    this.#taken = (await this.db.getAllKeys('changes')) as string[];
    return [...this.#taken];
  }

  async loadState(): Promise<SyncState | null> {
    const tx = this.db.transaction(['sync', 'syncVersions'], 'readonly');
    const [record, keys, values] = await Promise.all([
      tx.objectStore('sync').get(STATE) as Promise<StateRecord | undefined>,
      tx.objectStore('syncVersions').getAllKeys() as Promise<string[]>,
      tx.objectStore('syncVersions').getAll() as Promise<VersionMeta[]>,
      tx.done,
    ]);
    if (!record) return null;
    this.#stored = new Map(keys.map((id, i) => [id, values[i]!]));
    this.#storedDevice = record.deviceId;
    // The versions are the stored objects themselves (the engine replaces them, never edits one),
    // so a commit can tell a changed version by reference.
    return { ...structuredClone(record), versions: Object.fromEntries(this.#stored) };
  }

  async commit(change: {
    puts: readonly Item[];
    deletes: readonly string[];
    state: SyncState;
  }): Promise<void> {
    const save = this.#stateWrite(change.state, [...change.puts.map((i) => i.id), ...change.deletes]);
    await this.exclusive(async (open) => {
      if (open !== this.vault) throw new VaultError('locked', 'The vault was locked during the sync.');
      await open.applySynced(change.puts, change.deletes, save.write);
    });
    save.stored();
  }

  /**
   * Writing `state` inside a vault transaction: the state record, the versions that changed, the
   * removal of the local changes taken; refused (LocalEditRace) when one of `overwrites` was edited
   * here since sync took the changes. `stored()` updates the caches once the transaction committed.
   */
  #stateWrite(state: SyncState, overwrites: readonly string[]) {
    const { versions, ...record } = state;
    const fresh = record.deviceId !== this.#storedDevice;
    const changed = Object.entries(versions).filter(([id, v]) => fresh || this.#stored.get(id) !== v);
    const taken = new Set(this.#taken);
    const write = async (tx: SyncWriteTx): Promise<void> => {
      const changes = tx.objectStore('changes');
      if (overwrites.length > 0) {
        const edited = new Set((await changes.getAllKeys()) as string[]);
        if (overwrites.some((id) => edited.has(id) && !taken.has(id))) throw new LocalEditRace();
      }
      const versionStore = tx.objectStore('syncVersions');
      if (fresh) await versionStore.clear();
      await tx.objectStore('sync').put(record, STATE);
      for (const [id, v] of changed) void versionStore.put(v, id);
      for (const id of taken) void changes.delete(id);
    };
    const stored = () => {
      if (fresh) this.#stored.clear();
      for (const [id, v] of changed) this.#stored.set(id, v);
      this.#storedDevice = record.deviceId;
      this.#taken = [];
    };
    return { write, stored };
  }

  async keyRecords(): Promise<WrapperRecord[]> {
    return (await readHead(this.db)).wrappers;
  }

  adoptKeyRecords(records: readonly WrapperRecord[]): Promise<void> {
    return this.exclusive(async (open) => {
      if (open !== this.vault) throw new VaultError('locked', 'The vault was locked during the sync.');
      await open.adoptKeyRecords(records);
    });
  }

  /** Key rotation here: a new key, password and recovery key, and the new epoch's state, one transaction. */
  async rotateKey(password: string, cost: KdfCost, state: SyncState): Promise<KeyRotation> {
    const save = this.#stateWrite(state, []);
    const rotation = await this.exclusive(async (open) => {
      if (open !== this.vault) throw new VaultError('locked', 'The vault was locked during the sync.');
      return open.rotateKey(password, cost, save.write);
    });
    save.stored();
    return rotation;
  }

  /** Rotated elsewhere: the vault re-sealed under `key` and the new epoch's state, one transaction. */
  async replaceKey(key: Uint8Array, records: readonly WrapperRecord[], state: SyncState): Promise<void> {
    const save = this.#stateWrite(state, []);
    await this.exclusive(async (open) => {
      if (open !== this.vault) throw new VaultError('locked', 'The vault was locked during the sync.');
      await open.rekey(key, records, save.write);
    });
    save.stored();
  }
}

/** The sync state's small record (no versions), readable while locked: it holds no secret but a sealed pending upload. */
export async function readSyncState(db: VaultDatabase): Promise<StateRecord | null> {
  return ((await db.get('sync', STATE)) as StateRecord | undefined) ?? null;
}

/** Sync's records, all of them (disconnect): the vault's items and keys stay. */
export async function clearSyncRecords(db: VaultDatabase): Promise<void> {
  const tx = db.transaction(['sync', 'syncVersions', 'changes'], 'readwrite');
  await Promise.all([
    tx.objectStore('sync').clear(),
    tx.objectStore('syncVersions').clear(),
    tx.objectStore('changes').clear(),
    tx.done,
  ]);
}
