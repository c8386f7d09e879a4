/**
 * Unlocking a device whose key records may be older than the folder's: the master password was
 * changed (or a recovery key made) on another device. The proof is tried on the local records
 * first; if it does not open them, on the folder's newest key rings. A proof that opens a ring is
 * the new password: the device unlocks with it, adopts the synced records (so the old password no
 * longer opens it) and says when the change was made.
 *
 * A locked device cannot merge (it cannot read items), but it may read the key rings it needs to
 * unlock: they are made to be read before unlock (keyring.ts).
 */

import { VaultError } from '../vault/errors';
import type { WrapperRecord } from '../vault/format';
import { type Proof, unwrapWithProof } from '../vault/key-records';
import { openRemoteKeys } from './engine';
import type { RemoteStore } from './remote-store';

export interface SyncedUnlock {
  key: Uint8Array;
  /** Set when the proof opened a synced ring and not the local records. */
  adopted?: { records: WrapperRecord[]; epoch: number; changedAt: number };
}

export async function unlockWithSyncedKeys(
  vaultId: string,
  localRecords: readonly WrapperRecord[],
  remote: RemoteStore,
  proof: Proof,
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
    return {
      key: keys.key,
      adopted: { records: keys.ring.records, epoch: keys.epoch, changedAt: keys.ring.hlc.wall },
    };
  }
}

/** What the unlock screen says after adopting a password changed elsewhere. */
export function keysChangedMessage(changedAt: number): string {
  return `The master password was changed on another device on ${new Date(changedAt).toLocaleDateString()}.`;
}
