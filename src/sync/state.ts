/**
 * What sync keeps on each device, and what it needs from the local vault (LocalReplica).
 *
 * The state is small and secret-free except for the pending upload (already sealed). It lives with
 * the vault and is written in the same transaction as the item changes a merge makes (commit), so a
 * crash leaves the old items with the old state or the new with the new; the next sync redoes what
 * was not recorded, and merging twice is harmless.
 */

import type { WrapperRecord } from '../vault/format';
import type { Item } from '../vault/types';
import type { KdfCost, KeyRotation } from '../vault/vault';
import { type Hlc, ZERO_HLC } from './hlc';
import type { VersionMeta } from './version';

export interface SyncState {
  readonly vaultId: string;
  /** This device in the folder; new at every join, so a sequence number is never reused. */
  readonly deviceId: string;
  /** Key epoch: moves on when the vault key is rotated; object names carry it. */
  epoch: number;
  /** The next sequence number of this device's chain (batches and snapshots share it). */
  nextSeq: number;
  /** The highest own sequence number the server confirmed (rollback detection of our own objects). */
  confirmedSeq: number;
  /** The newest own snapshot confirmed (0: none); own objects before it are deleted. */
  snapshotSeq: number;
  /** A snapshot whose sequence number is taken but whose upload is not confirmed. */
  snapshotPending: number | null;
  /** The last HLC issued or observed, so this device's clock never runs backwards. */
  clock: Hlc;
  /** Per other device: the highest sequence number of its chain merged here. */
  merged: Record<string, number>;
  /** Per item id: its current version (tombstones included). */
  versions: Record<string, VersionMeta>;
  /** Ids whose current version is not uploaded yet. */
  outbox: string[];
  /** A batch sealed and named but not confirmed uploaded: retried with exactly these bytes. */
  pending: { name: string; body: Uint8Array } | null;
  /** The newest key ring adopted or published (its HLC), and a digest of its key records. */
  keyring: { hlc: Hlc; device: string; digest: string } | null;
  /**
   * After a rotation here: the previous key sealed under the new one (handover.ts), until the
   * server confirmed it. Optional: states stored before handovers existed have none.
   */
  handover?: { name: string; body: Uint8Array } | null;
}

export function newSyncState(vaultId: string, deviceId: string, epoch = 0): SyncState {
  return {
    vaultId,
    deviceId,
    epoch,
    nextSeq: 1,
    confirmedSeq: 0,
    snapshotSeq: 0,
    snapshotPending: null,
    clock: ZERO_HLC,
    merged: {},
    versions: {},
    outbox: [],
    pending: null,
    keyring: null,
  };
}

/**
 * The same device in a new key epoch (rotation): the same device id (so it can still recognise
 * and delete its objects of the old epoch; sequence numbers start over, names carry the epoch),
 * every version kept as it is (so what was already merged does not turn into conflicts), and
 * every item and tombstone queued to be published again under the new key.
 */
export function nextEpochState(previous: SyncState, epoch: number, keyring: SyncState['keyring']): SyncState {
  return {
    ...newSyncState(previous.vaultId, previous.deviceId, epoch),
    versions: previous.versions,
    clock: previous.clock,
    keyring,
    outbox: Object.keys(previous.versions),
  };
}

/** The local vault as sync sees it. The extension implements it over UnlockedVault; tests in memory. */
export interface LocalReplica {
  /** The vault key right now; throws VaultError('locked') when locked. Never kept across an await. */
  key(): Uint8Array;
  itemIds(): Promise<string[]>;
  readItems(ids: readonly string[]): Promise<(Item | undefined)[]>;
  /** Stores merged items (as given: ids and dates kept), removes deleted ones and saves the state, atomically. */
  commit(change: { puts: readonly Item[]; deletes: readonly string[]; state: SyncState }): Promise<void>;
  loadState(): Promise<SyncState | null>;
  /** This device's key records (all kinds; sync picks the password and recovery ones). */
  keyRecords(): Promise<WrapperRecord[]>;
  /** Replaces the password and recovery records with synced ones; biometric records stay. */
  adoptKeyRecords(records: readonly WrapperRecord[]): Promise<void>;
  /**
   * Re-encrypts the local vault under the folder's new key with its key records (after another
   * device rotated), and saves `state` (the new key epoch), atomically: never the new key with the
   * old epoch.
   */
  replaceKey(key: Uint8Array, records: readonly WrapperRecord[], state: SyncState): Promise<void>;
  /**
   * Rotates the vault key here (UnlockedVault.rotateKey: new key, new password, new recovery key)
   * and saves `state` (the new key epoch) in the same transaction.
   */
  rotateKey(password: string, cost: KdfCost, state: SyncState): Promise<KeyRotation>;
}
