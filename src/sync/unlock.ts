/**
 * Unlocking a device whose key records may be older than the folder's: the master password was
 * changed (or a recovery key made) on another device, or the vault key was replaced there after a
 * leak. The proof is tried on the local records first; if it does not open them, on the folder's
 * newest key ring. A proof that opens a ring is the new password: the device unlocks with it, adopts
 * the synced records (so the old password no longer opens it) and says when the change was made.
 * When the ring is of a newer key epoch than this device's vault, the folder's key handovers
 * (handover.ts) lead from the new key back to the one this vault is under: the vault opens with
 * that, and is then re-encrypted under the new key (SyncService.keysElsewhere), unsynced edits and all.
 *
 * A locked device cannot merge (it cannot read items), but it may read the key rings it needs to
 * unlock: they are made to be read before unlock (keyring.ts).
 */

import { wipe } from '../crypto/encoding';
import { Refusal } from '../messages/router';
import { VaultError } from '../vault/errors';
import type { WrapperRecord } from '../vault/format';
import { type Proof, unwrapWithProof } from '../vault/key-records';
import { openRemoteKeys, type RemoteKeys } from './engine';
import { previousKey } from './handover';
import type { RemoteStore } from './remote-store';

export interface SyncedUnlock {
  /** The key that opens this device's vault as it is stored. */
  key: Uint8Array;
  /** Set when the proof opened a synced ring and not the local records. */
  adopted?: { records: WrapperRecord[]; epoch: number; changedAt: number };
  /**
   * Set when the ring is of a newer key epoch than `localEpoch` (the key was replaced elsewhere):
   * the folder's keys, which the vault is to be re-encrypted under (engine.adoptRotation). `key` is
   * then the previous key the handovers led to. The caller wipes both keys.
   */
  replaced?: RemoteKeys;
}

/** The key was replaced elsewhere and no handover leads back to this device's key. */
export function keyReplacedRefusal(changedAt: number): Refusal {
  return new Refusal(
    'key-replaced',
    `The vault key was replaced on another device on ${new Date(changedAt).toLocaleDateString()}, and this device's data is still under the previous key. Unlock once with the previous master password (changes made here are kept), then enter the new one when sync asks for it.`,
  );
}

export async function unlockWithSyncedKeys(
  vaultId: string,
  localRecords: readonly WrapperRecord[],
  remote: RemoteStore,
  proof: Proof,
  /** This device's sync epoch (null: not known, no rotation handling). */
  localEpoch: number | null = null,
): Promise<SyncedUnlock> {
  try {
    return {
      key: await unwrapWithProof(
        vaultId,
        { header: undefined, manifest: undefined, wrappers: [...localRecords] },
        proof,
      ),
    };
  } catch (localError) {
    if (!(localError instanceof VaultError) || !['wrong-password', 'wrong-key'].includes(localError.code)) {
      throw localError;
    }
    let keys: Awaited<ReturnType<typeof openRemoteKeys>>;
    try {
      keys = await openRemoteKeys(remote, proof, vaultId);
    } catch (remoteError) {
      // The folder could not help (offline, not synced, also wrong there): the local answer stands.
      if (
        remoteError instanceof VaultError &&
        remoteError.code !== 'wrong-password' &&
        remoteError.code !== 'wrong-key'
      ) {
        throw remoteError;
      }
      throw localError;
    }
    const adopted = { records: keys.ring.records, epoch: keys.epoch, changedAt: keys.ring.hlc.wall };
    if (localEpoch === null || keys.epoch <= localEpoch) return { key: keys.key, adopted };
    const previous = await previousKey(
      remote,
      await remote.list(),
      vaultId,
      keys.key,
      keys.epoch,
      localEpoch,
    ).catch((err: unknown) => {
      wipe(keys.key);
      throw err;
    });
    if (!previous) {
      wipe(keys.key);
      throw keyReplacedRefusal(adopted.changedAt);
    }
    return { key: previous, adopted, replaced: keys };
  }
}

/** What the unlock screen says after adopting a password changed elsewhere. */
export function keysChangedMessage(changedAt: number): string {
  return `The master password was changed on another device on ${new Date(changedAt).toLocaleDateString()}.`;
}
