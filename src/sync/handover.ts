/**
 * Key handovers: how a device whose vault is still under the previous key (locked, or offline while
 * another device rotated the key after a leak) keeps what it had not uploaded, with the NEW password
 * alone. The device that rotates seals the previous key under the new one, in the folder as
 * h-<new epoch>-<device>.tsh. A device that unlocks with the new password opens the newest key ring
 * (unlock.ts), then walks the handovers down to the epoch its own vault is in, opens its vault with
 * that key and re-encrypts it under the new one (engine.adoptRotation): its unsynced edits are then
 * uploaded by the next sync like any others.
 *
 * What this gives away: nothing new. Only the new key opens a handover, and whoever holds the new
 * key can read every item anyway; the old key opens only what was sealed under it, which a holder of
 * the leaked password could already open (from the old key rings, until they are deleted). Without a
 * handover (rotated by an older Tessera, or the rotating device stopped before recording it), the
 * device says so and the old password must open it once (unlock.ts's KeyReplacedError).
 */

import * as v from 'valibot';
import { DecryptError } from '../crypto/aead';
import { fromBase64, toBase64, wipe } from '../crypto/encoding';
import { handoverName, parseHandoverName } from './names';
import type { RemoteEntry, RemoteStore } from './remote-store';
import { openObject, sealObject } from './seal';

const HandoverSchema = v.strictObject({
  previousEpoch: v.pipe(v.number(), v.integer(), v.minValue(0)),
  key: v.string(),
});

/** The previous key sealed under the new epoch's key, named for the new epoch and this device. */
export function makeHandover(
  key: Uint8Array,
  vaultId: string,
  epoch: number,
  device: string,
  previous: { epoch: number; key: Uint8Array },
): { name: string; body: Uint8Array } {
  const name = handoverName(epoch, device);
  const body = sealObject(key, vaultId, 'handover', name, {
    previousEpoch: previous.epoch,
    key: toBase64(previous.key),
  });
  return { name, body };
}

/**
 * The key of epoch `wanted`, from `key` of epoch `epoch`, through the folder's handovers (one per
 * rotation in between). Null when a step is missing or none opens. The caller wipes the result; the
 * keys met on the way are wiped here.
 */
export async function previousKey(
  remote: RemoteStore,
  listing: readonly RemoteEntry[],
  vaultId: string,
  key: Uint8Array,
  epoch: number,
  wanted: number,
): Promise<Uint8Array | null> {
  let current: Uint8Array = key.slice();
  let at = epoch;
  while (at > wanted) {
    const step = await openStep(remote, listing, vaultId, current, at);
    wipe(current);
    if (!step || step.previousEpoch >= at) {
      if (step) wipe(step.key);
      return null;
    }
    current = step.key;
    at = step.previousEpoch;
  }
  if (at === wanted) return current;
  wipe(current);
  return null;
}

/** The handover of epoch `epoch` that `key` opens (several if devices rotated at once: the one that opens). */
async function openStep(
  remote: RemoteStore,
  listing: readonly RemoteEntry[],
  vaultId: string,
  key: Uint8Array,
  epoch: number,
): Promise<{ previousEpoch: number; key: Uint8Array } | null> {
  for (const entry of listing) {
    if (parseHandoverName(entry.name)?.epoch !== epoch) continue;
    const body = await remote.get(entry.name);
    if (!body) continue;
    try {
      const parsed = v.parse(HandoverSchema, openObject(key, vaultId, 'handover', entry.name, body));
      return { previousEpoch: parsed.previousEpoch, key: fromBase64(parsed.key) };
    } catch (err) {
      if (!(err instanceof DecryptError) && !(err instanceof v.ValiError)) throw err;
    }
  }
  return null;
}
