/**
 * The sync engine: one device's side of the layout in docs/sync.md, written against RemoteStore (a
 * flat folder) and LocalReplica (the local vault). One sync():
 *
 *   1. list the folder (1 request);
 *   2. key rings: stop if the key was rotated elsewhere; publish this device's key records if they
 *      changed here; adopt a newer ring from another device (password changed there);
 *   3. finish this device's unconfirmed uploads (the pending batch, byte for byte; a snapshot);
 *   4. read every other device's objects not merged yet, merge them (merge.ts), and commit the
 *      items and the state in one local transaction;
 *   5. upload one batch with every local change and every conflict settled in step 4;
 *   6. every COMPACT_AFTER batches, a snapshot; then delete this device's superseded objects.
 *
 * Key lifetime: the key is taken from the replica right before each seal or open (replica.key()
 * throws once locked), never held across an await, so a lock during a sync stops it at its next
 * use of the key. Whatever was committed is whole; the rest is redone by the next sync.
 */

import { DecryptError } from '../crypto/aead';
import { utf8Decode, utf8Encode, wipe } from '../crypto/encoding';
import type { Proof } from '../vault/key-records';
import type { Item } from '../vault/types';
import type { KdfCost, KeyRotation } from '../vault/vault';
import { type Entry, parseBatch, parseSnapshot } from './contents';
import { makeHandover } from './handover';
import { HlcClock, hlcKey, maxHlc } from './hlc';
import {
  type Keyring,
  makeKeyring,
  readKeyring,
  recordsDigest,
  unlockKeyring,
  verifyKeyring,
} from './keyring';
import { conflictCopy, decide } from './merge';
import {
  type ChainName,
  chainName,
  IDENTITY_NAME,
  type KeyringName,
  newDeviceId,
  parseHandoverName,
  parseName,
} from './names';
import type { RemoteEntry, RemoteStore } from './remote-store';
import { openObject, sealObject } from './seal';
import { type LocalReplica, newSyncState, nextEpochState, type SyncState } from './state';
import { bumpVv, joinVv } from './version';

/** Own batches between snapshots: a reader that falls further behind reads one snapshot instead. */
export const COMPACT_AFTER = 16;

export type SyncErrorCode =
  | 'not-connected' // no sync state: connect first
  | 'other-vault' // the folder holds a different vault
  | 'not-empty' // upload asked for a folder that already holds files
  | 'no-vault' // the folder holds no Tessera vault (or its identity is gone)
  | 'key-rotated'; // the vault key was changed on another device: the password is needed

export class SyncError extends Error {
  override readonly name = 'SyncError';
  constructor(
    readonly code: SyncErrorCode,
    message: string,
    /** For 'key-rotated': when the other device rotated (its wall clock). */
    readonly at?: number,
  ) {
    super(message);
  }
}

/** What a sync did, for the "last synced" line and the error state. */
export interface SyncReport {
  /** Item versions received that changed something here. */
  received: number;
  /** Item versions uploaded. */
  sent: number;
  /** Concurrent edits settled here (conflict copies made or deletes undone by an edit). */
  conflicts: number;
  /** Set when this sync adopted key records changed on another device: when (their HLC wall time). */
  keysChangedAt?: number;
  /** Things the person should know that did not stop the sync (rollback detected, damaged object). */
  warnings: string[];
}

export interface FolderInfo {
  kind: 'empty' | 'vault';
  /** For 'vault': the identity object. */
  vaultId?: string;
  createdAt?: number;
  /** Files in the folder that are not Tessera's. */
  otherFiles: number;
}

interface Identity {
  format: 'tessera-sync';
  version: 1;
  vaultId: string;
  createdAt: number;
}

/** What the folder holds: shown before connecting ("upload to an empty folder" / "join the vault created on"). */
export async function inspectFolder(remote: RemoteStore): Promise<FolderInfo> {
  const listing = await remote.list();
  const otherFiles = listing.filter(
    (e) => e.name !== IDENTITY_NAME && !parseName(e.name) && !parseHandoverName(e.name),
  ).length;
  if (!listing.some((e) => e.name === IDENTITY_NAME)) {
    if (listing.some((e) => parseName(e.name))) {
      throw new SyncError(
        'no-vault',
        'The folder holds Tessera files but no vault identity: it is damaged. Choose an empty folder.',
      );
    }
    return { kind: 'empty', otherFiles };
  }
  const identity = await readIdentity(remote);
  return { kind: 'vault', vaultId: identity.vaultId, createdAt: identity.createdAt, otherFiles };
}

async function readIdentity(remote: RemoteStore): Promise<Identity> {
  const body = await remote.get(IDENTITY_NAME);
  try {
    if (!body) throw new Error('missing');
    const value = JSON.parse(utf8Decode(body)) as Identity;
    if (
      value.format !== 'tessera-sync' ||
      typeof value.vaultId !== 'string' ||
      typeof value.createdAt !== 'number'
    ) {
      throw new Error('shape');
    }
    if (value.version !== 1) {
      throw new SyncError(
        'no-vault',
        'The folder holds a vault synced by a newer version of Tessera. Update Tessera.',
      );
    }
    return value;
  } catch (err) {
    if (err instanceof SyncError) throw err;
    throw new SyncError('no-vault', 'The folder does not hold a readable Tessera vault identity.');
  }
}

/** The refusal for a folder of another vault: named by its id, never merged. */
function otherVault(identity: Identity): SyncError {
  return new SyncError(
    'other-vault',
    `This folder holds a different Tessera vault (${identity.vaultId.slice(0, 8)}, created ${new Date(identity.createdAt).toISOString().slice(0, 10)}). It was not merged.`,
  );
}

/** What a device without the vault (or with an outdated key record) gets from the folder and a proof. */
export interface RemoteKeys {
  vaultId: string;
  createdAt: number;
  epoch: number;
  key: Uint8Array;
  ring: Keyring;
}

/**
 * Opens the vault key from the folder's newest key ring with a proof (master password or recovery
 * key): to join from a new device, or to unlock a device whose local key record is older than the
 * password changed elsewhere. Only the newest ring that parses is tried (of the newest key epoch):
 * older rings hold older passwords, which must not open the vault once a newer one exists. A ring
 * cut short by a failed upload does not parse and is passed over.
 */
export async function openRemoteKeys(
  remote: RemoteStore,
  proof: Proof,
  expectVaultId?: string,
): Promise<RemoteKeys> {
  const listing = await remote.list();
  if (!listing.some((e) => e.name === IDENTITY_NAME))
    throw new SyncError('no-vault', 'The folder holds no Tessera vault.');
  const identity = await readIdentity(remote);
  if (expectVaultId !== undefined && identity.vaultId !== expectVaultId) throw otherVault(identity);
  const rings = keyringsOf(listing).sort((a, b) => b.epoch - a.epoch || compareRingOrder(b, a));
  for (const r of rings) {
    const body = await remote.get(r.name);
    const ring = body ? safeRead(body) : undefined;
    if (!ring || ring.vaultId !== identity.vaultId || ring.epoch !== r.epoch) continue;
    const key = await unlockKeyring(r.name, ring, proof);
    return { vaultId: identity.vaultId, createdAt: identity.createdAt, epoch: ring.epoch, key, ring };
  }
  throw new SyncError(
    'no-vault',
    'The folder holds no readable key records yet. Sync the first device again.',
  );
}

type NamedRing = KeyringName & { name: string };
type NamedChain = ChainName & { name: string; size: number };

function keyringsOf(listing: readonly RemoteEntry[]): NamedRing[] {
  return listing.flatMap((e) => {
    const p = parseName(e.name);
    return p?.kind === 'keyring' ? [{ ...p, name: e.name }] : [];
  });
}

function compareRingOrder(
  a: { order: string; device: string },
  b: { order: string; device: string },
): number {
  return a.order < b.order
    ? -1
    : a.order > b.order
      ? 1
      : a.device < b.device
        ? -1
        : a.device > b.device
          ? 1
          : 0;
}

export interface SyncEngineOptions {
  now?: () => number;
  compactAfter?: number;
}

export class SyncEngine {
  readonly #now: () => number;
  readonly #compactAfter: number;

  constructor(
    private readonly remote: RemoteStore,
    private readonly replica: LocalReplica,
    options: SyncEngineOptions = {},
  ) {
    this.#now = options.now ?? Date.now;
    this.#compactAfter = options.compactAfter ?? COMPACT_AFTER;
  }

  // ---- connecting -----------------------------------------------------------------------------

  /**
   * First device: uploads this vault to an empty folder. The identity goes first, so an upload cut
   * short is finished by the next sync instead of leaving an unnamed folder.
   */
  async upload(vault: { vaultId: string; createdAt: number }): Promise<SyncReport> {
    const info = await inspectFolder(this.remote);
    if (info.kind !== 'empty') {
      throw info.vaultId === vault.vaultId
        ? new SyncError('not-empty', 'This folder already holds this vault: join it instead.')
        : otherVault({
            format: 'tessera-sync',
            version: 1,
            vaultId: info.vaultId!,
            createdAt: info.createdAt!,
          });
    }
    const identity: Identity = {
      format: 'tessera-sync',
      version: 1,
      vaultId: vault.vaultId,
      createdAt: vault.createdAt,
    };
    await this.remote.put(IDENTITY_NAME, utf8Encode(JSON.stringify(identity)));
    await this.#startState(vault.vaultId, 0);
    return this.sync();
  }

  /**
   * A device that has this vault joins the folder: checks the identity names this vault, then
   * merges. Items that exist only here are uploaded; equal ones on both sides are joined.
   */
  async join(vaultId: string, epoch = 0): Promise<SyncReport> {
    const identity = await readIdentity(this.remote);
    if (identity.vaultId !== vaultId) throw otherVault(identity);
    await this.#startState(vaultId, epoch);
    return this.sync();
  }

  /**
   * Fresh state under a new device id (a join): every local item gets a first version of this
   * device and is queued for upload.
   */
  async #startState(vaultId: string, epoch: number): Promise<void> {
    const state = newSyncState(vaultId, newDeviceId(), epoch);
    const clock = new HlcClock(state.deviceId, state.clock, this.#now);
    for (const id of await this.replica.itemIds()) {
      state.versions[id] = { vv: { [state.deviceId]: 1 }, hlc: clock.tick(), deleted: false };
      state.outbox.push(id);
    }
    state.clock = clock.current;
    await this.replica.commit({ puts: [], deletes: [], state });
  }

  // ---- local changes --------------------------------------------------------------------------

  /** Records items just added, edited or deleted in the local vault as new versions of this device. */
  async noteLocalChange(ids: readonly string[]): Promise<void> {
    const state = await this.#state();
    const clock = new HlcClock(state.deviceId, state.clock, this.#now);
    const items = await this.replica.readItems(ids);
    ids.forEach((id, i) => {
      const vv = bumpVv(state.versions[id]?.vv ?? {}, state.deviceId);
      state.versions[id] = { vv, hlc: clock.tick(), deleted: !items[i] };
      if (!state.outbox.includes(id)) state.outbox.push(id);
    });
    state.clock = clock.current;
    await this.replica.commit({ puts: [], deletes: [], state });
  }

  // ---- key rotation ---------------------------------------------------------------------------

  /**
   * After a leak: a new vault key, the local vault re-encrypted under it with a new password record
   * (and a new recovery key if there was one), and the next key epoch, in one local commit. The
   * next sync() uploads everything again under the new key; other devices must enter the new
   * password (rejoinRotated).
   */
  async rotateKey(password: string, cost: KdfCost = {}): Promise<KeyRotation> {
    const old = await this.#state();
    // A copy of the key being retired, for the handover; wiped below whatever happens.
    const previous = this.replica.key().slice();
    try {
      const rotation = await this.replica.rotateKey(password, cost, nextEpochState(old, old.epoch + 1, null));
      await this.#recordHandover({ epoch: old.epoch, key: previous }).catch(() => undefined);
      return rotation;
    } finally {
      wipe(previous);
    }
  }

  /**
   * The previous key sealed under the new one (handover.ts), kept in the state until uploaded, so a
   * device still under the previous key can carry its unsynced edits over with the new password.
   * Its own commit after the rotation's: if it is lost (lock, worker stop), the rotation stands and
   * such a device needs its old password once; that is all.
   */
  async #recordHandover(previous: { epoch: number; key: Uint8Array }): Promise<void> {
    const state = await this.#state();
    state.handover = makeHandover(this.replica.key(), state.vaultId, state.epoch, state.deviceId, previous);
    await this.replica.commit({ puts: [], deletes: [], state });
  }

  /**
   * After 'key-rotated': opens the newest ring with the proof (the new password), re-encrypts the
   * local vault under that key and publishes this device's state again under the new epoch, so
   * nothing it had not uploaded is lost.
   */
  async rejoinRotated(proof: Proof): Promise<SyncReport> {
    const state = await this.#state();
    const keys = await openRemoteKeys(this.remote, proof, state.vaultId);
    try {
      await this.adoptRotation(keys);
    } finally {
      wipe(keys.key);
    }
    return this.sync();
  }

  /**
   * The local vault re-encrypted under the folder's newer key (`keys`, from openRemoteKeys) with
   * its key records, and this device's state moved to that epoch with every version queued for
   * upload, in one local transaction. Nothing when the local epoch is not older. The vault must be
   * open with the key of the local epoch (rejoin: the one open; a locked device: the key its
   * handovers led to, SyncService.keysElsewhere).
   */
  async adoptRotation(keys: RemoteKeys): Promise<void> {
    const state = await this.#state();
    if (keys.epoch <= state.epoch) return;
    const { hlc, device, records } = keys.ring;
    const next = nextEpochState(state, keys.epoch, { hlc, device, digest: recordsDigest(records) });
    await this.replica.replaceKey(keys.key, records, next);
  }

  // ---- sync -----------------------------------------------------------------------------------

  async sync(): Promise<SyncReport> {
    const state = await this.#state();
    const report: SyncReport = { received: 0, sent: 0, conflicts: 0, warnings: [] };
    const listing = await this.remote.list();
    if (!listing.some((e) => e.name === IDENTITY_NAME)) {
      throw new SyncError(
        'no-vault',
        'The sync folder no longer holds this vault (its identity file is gone).',
      );
    }
    const clock = new HlcClock(state.deviceId, state.clock, this.#now);
    const chains = listing.flatMap((e): NamedChain[] => {
      const p = parseName(e.name);
      return p && p.kind !== 'keyring' && p.epoch === state.epoch
        ? [{ ...p, name: e.name, size: e.size }]
        : [];
    });

    // Objects this device had confirmed are gone: the folder was rolled back or files deleted.
    const ownTop = Math.max(0, ...chains.filter((c) => c.device === state.deviceId).map((c) => c.seq));
    const lostOwn = ownTop < state.confirmedSeq;
    if (lostOwn) {
      report.warnings.push(
        'The sync folder lost changes this device had uploaded (rolled back or deleted on the server); they are uploaded again.',
      );
    }

    await this.#finishHandover(state);
    await this.#syncKeyrings(state, clock, keyringsOf(listing), report);
    await this.#finishUploads(state, chains);
    await this.#pull(state, clock, chains, report);
    await this.#push(state, clock, report);
    await this.#compact(state, lostOwn, listing);
    return report;
  }

  async #syncKeyrings(
    state: SyncState,
    clock: HlcClock,
    rings: NamedRing[],
    report: SyncReport,
  ): Promise<void> {
    const newer = rings.filter((r) => r.epoch > state.epoch).sort((a, b) => compareRingOrder(b, a));
    if (newer.length > 0) {
      const body = await this.remote.get(newer[0]!.name);
      const at = body ? safeRead(body)?.hlc.wall : undefined;
      throw new SyncError(
        'key-rotated',
        `The vault key was changed on another device${at ? ` on ${new Date(at).toISOString().slice(0, 10)}` : ''}. Enter the new master password to go on syncing.`,
        at,
      );
    }
    const local = await this.replica.keyRecords();
    const digest = recordsDigest(local);
    const current = rings.filter((r) => r.epoch === state.epoch).sort((a, b) => compareRingOrder(b, a));
    const mine = state.keyring;
    const newest = current.find(
      (r) => !mine || compareRingOrder(r, { order: hlcKey(mine.hlc), device: mine.device }) > 0,
    );
    if (newest) {
      const body = await this.remote.get(newest.name);
      const ring = body ? safeRead(body) : undefined;
      if (ring) {
        try {
          verifyKeyring(this.replica.key(), newest.name, ring);
          if (ring.vaultId !== state.vaultId || ring.epoch !== state.epoch)
            throw new DecryptError('ring of another vault');
          clock.observe(ring.hlc);
          // A key change made here and not published yet is newer than every ring seen (it is
          // published below with a later HLC, and wins); otherwise the newer ring is adopted.
          if (!mine || digest === mine.digest) {
            const ringDigest = recordsDigest(ring.records);
            if (ringDigest !== digest) {
              await this.replica.adoptKeyRecords(ring.records);
              report.keysChangedAt = ring.hlc.wall;
            }
            state.keyring = { hlc: ring.hlc, device: ring.device, digest: ringDigest };
            state.clock = clock.current;
            await this.replica.commit({ puts: [], deletes: [], state });
            await this.#deleteOwnRings(state, rings, newest.name);
            return;
          }
        } catch (err) {
          if (!(err instanceof DecryptError)) throw err;
          report.warnings.push(
            `A key record file in the sync folder (${newest.name}) is damaged; it was ignored.`,
          );
        }
      }
    }
    if (mine && digest === mine.digest) return;
    // This device's key records changed (or were never published): publish them.
    const hlc = clock.tick();
    const { name, body } = makeKeyring(this.replica.key(), {
      vaultId: state.vaultId,
      epoch: state.epoch,
      hlc,
      device: state.deviceId,
      records: local,
    });
    await this.remote.put(name, body);
    state.keyring = { hlc, device: state.deviceId, digest };
    state.clock = clock.current;
    await this.replica.commit({ puts: [], deletes: [], state });
    await this.#deleteOwnRings(state, rings, name);
  }

  /** A handover recorded at a rotation here and not uploaded yet; before the new ring is. */
  async #finishHandover(state: SyncState): Promise<void> {
    if (!state.handover) return;
    await this.remote.put(state.handover.name, state.handover.body);
    state.handover = null;
    await this.replica.commit({ puts: [], deletes: [], state });
  }

  /** This device's rings other than the current one hold old passwords: removed. */
  async #deleteOwnRings(state: SyncState, rings: readonly NamedRing[], current: string): Promise<void> {
    for (const r of rings) {
      if (r.device === state.deviceId && r.name !== current) await this.#deleteQuietly(r.name);
    }
  }

  /** Uploads what an earlier sync sealed but could not confirm: the pending batch, a snapshot. */
  async #finishUploads(state: SyncState, chains: NamedChain[]): Promise<void> {
    if (state.pending) {
      const { name, body } = state.pending;
      // Listed with exactly its size: it landed, only the answer was lost.
      if (!chains.some((c) => c.name === name && c.size === body.length)) await this.remote.put(name, body);
      state.confirmedSeq = Math.max(state.confirmedSeq, parseSeq(name));
      state.pending = null;
      await this.replica.commit({ puts: [], deletes: [], state });
    }
    if (state.snapshotPending !== null) await this.#writeSnapshot(state, state.snapshotPending);
  }

  async #pull(state: SyncState, clock: HlcClock, chains: NamedChain[], report: SyncReport): Promise<void> {
    const devices = new Set(chains.map((c) => c.device));
    devices.delete(state.deviceId);
    const overlay = new Map<string, Item | null>();
    for (const device of devices) {
      const own = chains.filter((c) => c.device === device);
      for (const object of this.#toRead(state, device, own, report)) {
        const body = await this.remote.get(object.name);
        let entries: Entry[];
        let merged: Record<string, number> = {};
        try {
          if (!body) throw new DecryptError('gone');
          const value = openObject(this.replica.key(), state.vaultId, object.kind, object.name, body);
          if (object.kind === 'batch') entries = parseBatch(value);
          else ({ entries, merged } = parseSnapshot(value));
        } catch (err) {
          if (!(err instanceof DecryptError)) throw err;
          // Cut short, still uploading, or damaged: stop reading this device; the next sync retries.
          report.warnings.push(`Could not read ${object.name} from the sync folder yet; will retry.`);
          break;
        }
        await this.#merge(state, clock, entries, overlay, report);
        state.merged[device] = object.seq;
        for (const [other, seq] of Object.entries(merged)) {
          if (other !== state.deviceId) state.merged[other] = Math.max(state.merged[other] ?? 0, seq);
        }
      }
    }
    state.clock = clock.current;
    const puts = [...overlay.values()].filter((x): x is Item => x !== null);
    const deletes = [...overlay].filter(([, x]) => x === null).map(([id]) => id);
    await this.replica.commit({ puts, deletes, state });
  }

  /**
   * Which of a device's objects to read: its batches after the last merged, in order, skipping its
   * snapshots (they add nothing a reader of every batch lacks); across a hole (batches compacted
   * away) its newest snapshot, then the batches after it.
   */
  #toRead(state: SyncState, device: string, objects: NamedChain[], report: SyncReport): NamedChain[] {
    const bySeq = new Map(objects.map((o) => [o.seq, o]));
    const top = Math.max(0, ...bySeq.keys());
    let cur = state.merged[device] ?? 0;
    if (top < cur) {
      report.warnings.push(
        `The sync folder no longer has changes of device ${device.slice(0, 6)} that this device already merged: the server may have been rolled back or files deleted.`,
      );
      return [];
    }
    const out: NamedChain[] = [];
    while (cur < top) {
      const next = bySeq.get(cur + 1);
      if (next) {
        if (next.kind === 'batch') out.push(next);
        cur += 1;
        continue;
      }
      const snapshot = objects
        .filter((o) => o.kind === 'snapshot' && o.seq > cur)
        .sort((a, b) => b.seq - a.seq)[0];
      if (!snapshot) break; // a hole with no snapshot after it: still being uploaded
      out.push(snapshot);
      cur = snapshot.seq;
    }
    return out;
  }

  /** Merges incoming versions into the state and the overlay of items to commit. */
  async #merge(
    state: SyncState,
    clock: HlcClock,
    entries: readonly Entry[],
    overlay: Map<string, Item | null>,
    report: SyncReport,
  ): Promise<void> {
    const missing = entries.map((e) => e.id).filter((id) => !overlay.has(id));
    const stored = await this.replica.readItems(missing);
    missing.forEach((id, i) => {
      overlay.set(id, stored[i] ?? null);
    });
    const outbox = new Set(state.outbox);
    for (const { id, meta, item } of entries) {
      clock.observe(meta.hlc);
      const localMeta = state.versions[id];
      const local = localMeta ? { meta: localMeta, item: overlay.get(id) ?? null } : undefined;
      const d = decide(local, { meta, item });
      if (d.kind === 'keep') continue;
      if (d.kind === 'take') {
        state.versions[id] = meta;
        overlay.set(id, item);
        outbox.delete(id);
        report.received += 1;
      } else if (d.kind === 'join') {
        state.versions[id] = {
          vv: joinVv(localMeta!.vv, meta.vv),
          hlc: maxHlc(localMeta!.hlc, meta.hlc),
          deleted: meta.deleted,
        };
      } else {
        const winner = d.winner === 'local' ? local! : { meta, item };
        state.versions[id] = {
          vv: bumpVv(joinVv(localMeta!.vv, meta.vv), state.deviceId),
          hlc: winner.meta.hlc,
          deleted: false,
        };
        overlay.set(id, winner.item);
        outbox.add(id);
        report.conflicts += 1;
        if (d.winner === 'incoming') report.received += 1;
        if (d.copyOf) {
          const copy = conflictCopy(d.copyOf);
          if (!state.versions[copy.id]) {
            const loserHlc = d.winner === 'local' ? meta.hlc : localMeta!.hlc;
            state.versions[copy.id] = { vv: { [state.deviceId]: 1 }, hlc: loserHlc, deleted: false };
            overlay.set(copy.id, copy);
            outbox.add(copy.id);
          }
        }
      }
    }
    state.outbox = [...outbox];
  }

  /** Seals every outstanding local version into one batch, records it as pending, uploads it. */
  async #push(state: SyncState, clock: HlcClock, report: SyncReport): Promise<void> {
    if (state.outbox.length === 0) return;
    const ids = [...state.outbox];
    const items = await this.replica.readItems(ids);
    const entries: Entry[] = ids.map((id, i) => {
      const item = items[i] ?? null;
      let meta = state.versions[id]!;
      // The vault changed without noteLocalChange (it should not): a new version of what is there,
      // never a version whose content contradicts its tombstone flag.
      if (meta.deleted !== (item === null)) {
        meta = { vv: bumpVv(meta.vv, state.deviceId), hlc: clock.tick(), deleted: item === null };
        state.versions[id] = meta;
      }
      return { id, meta, item };
    });
    state.clock = clock.current;
    const seq = state.nextSeq;
    const name = chainName({ kind: 'batch', epoch: state.epoch, device: state.deviceId, seq });
    const body = sealObject(this.replica.key(), state.vaultId, 'batch', name, {
      device: state.deviceId,
      seq,
      entries,
    });
    state.nextSeq = seq + 1;
    state.pending = { name, body };
    state.outbox = [];
    await this.replica.commit({ puts: [], deletes: [], state });
    await this.remote.put(name, body);
    state.pending = null;
    state.confirmedSeq = seq;
    await this.replica.commit({ puts: [], deletes: [], state });
    report.sent += entries.length;
  }

  /**
   * Every compactAfter own batches, a snapshot of the whole merged state; then this device's own
   * objects before it are deleted. Also the repair when the folder lost this device's objects.
   */
  async #compact(state: SyncState, lostOwn: boolean, listing: RemoteEntry[]): Promise<void> {
    const batchesSince = state.nextSeq - 1 - state.snapshotSeq;
    if (lostOwn || batchesSince > this.#compactAfter) {
      const seq = state.nextSeq;
      state.nextSeq = seq + 1;
      state.snapshotPending = seq;
      await this.replica.commit({ puts: [], deletes: [], state });
      await this.#writeSnapshot(state, seq);
    }
    // Own superseded objects: older chain entries, and everything of an older key epoch.
    for (const e of listing) {
      const p = parseName(e.name);
      if (!p || p.device !== state.deviceId) continue;
      const superseded = p.epoch < state.epoch || (p.kind !== 'keyring' && p.seq < state.snapshotSeq);
      if (superseded) await this.#deleteQuietly(e.name);
    }
  }

  async #writeSnapshot(state: SyncState, seq: number): Promise<void> {
    const ids = Object.keys(state.versions);
    const items = await this.replica.readItems(ids);
    const entries: Entry[] = ids.map((id, i) => ({ id, meta: state.versions[id]!, item: items[i] ?? null }));
    const name = chainName({ kind: 'snapshot', epoch: state.epoch, device: state.deviceId, seq });
    const merged = { ...state.merged, [state.deviceId]: seq };
    const body = sealObject(this.replica.key(), state.vaultId, 'snapshot', name, {
      device: state.deviceId,
      seq,
      merged,
      entries,
    });
    await this.remote.put(name, body);
    state.snapshotPending = null;
    state.snapshotSeq = seq;
    state.confirmedSeq = Math.max(state.confirmedSeq, seq);
    await this.replica.commit({ puts: [], deletes: [], state });
  }

  async #deleteQuietly(name: string): Promise<void> {
    try {
      await this.remote.delete(name);
    } catch {
      // Left for the next sync: a superseded object is harmless, only untidy.
    }
  }

  async #state(): Promise<SyncState> {
    const state = await this.replica.loadState();
    if (!state) throw new SyncError('not-connected', 'Sync is not set up on this device.');
    return state;
  }
}

function safeRead(body: Uint8Array): Keyring | undefined {
  try {
    return readKeyring(body);
  } catch {
    return undefined;
  }
}

function parseSeq(name: string): number {
  const p = parseName(name);
  return p && p.kind !== 'keyring' ? p.seq : 0;
}
