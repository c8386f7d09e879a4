/**
 * Key rings: the key records a device needs to open the vault (password, recovery; never
 * biometric, which is bound to one device's authenticator), synced so that a password changed on
 * one device opens every device, and a new device can join with the password alone.
 *
 * A ring is read before unlock, so its records are plaintext JSON (each record seals the vault key
 * under its own wrapping key, with AAD binding the vault id and the record's parameters:
 * wrappers.ts). Beside them, an attestation sealed with the vault key binds the ring's name, HLC,
 * device, key epoch and a digest of the records: after unlock, a device accepts a ring only if the
 * attestation opens, so the server cannot reorder or mix rings.
 */

import { sha256 } from '@noble/hashes/sha2.js';
import * as v from 'valibot';
import { DecryptError } from '../crypto/aead';
import { fromBase64, toBase64, toHex, utf8Encode } from '../crypto/encoding';
import { VaultError } from '../vault/errors';
import type { WrapperRecord } from '../vault/format';
import { type Proof, unwrapWithProof } from '../vault/key-records';
import type { Hlc } from './hlc';
import { canonical } from './merge';
import { keyringName } from './names';
import { openObject, padJson, sealObject, unpadJson } from './seal';

/** The kinds of key record that travel; a biometric one is bound to this device's authenticator. */
export function syncedRecords(records: readonly WrapperRecord[]): WrapperRecord[] {
  return records
    .filter((r) => r.kind === 'password' || r.kind === 'recovery')
    .sort((a, b) => (a.id < b.id ? -1 : 1));
}

export function recordsDigest(records: readonly WrapperRecord[]): string {
  return toHex(sha256(utf8Encode(canonical(encodeRecords(syncedRecords(records))))));
}

export interface Keyring {
  vaultId: string;
  epoch: number;
  hlc: Hlc;
  device: string;
  records: WrapperRecord[];
  attest: Uint8Array;
}

export function makeKeyring(
  key: Uint8Array,
  ring: Omit<Keyring, 'attest' | 'records'> & { records: readonly WrapperRecord[] },
): { name: string; body: Uint8Array } {
  const records = syncedRecords(ring.records);
  const name = keyringName(ring.epoch, ring.hlc, ring.device);
  const attest = sealObject(key, ring.vaultId, 'keyring', name, attestation({ ...ring, records }));
  const body = padJson({
    v: 1,
    vaultId: ring.vaultId,
    epoch: ring.epoch,
    hlc: ring.hlc,
    device: ring.device,
    records: encodeRecords(records),
    attest: toBase64(attest),
  });
  return { name, body };
}

const HlcSchema = v.strictObject({ wall: v.number(), count: v.number(), node: v.string() });
const RingSchema = v.strictObject({
  v: v.literal(1),
  vaultId: v.string(),
  epoch: v.pipe(v.number(), v.integer(), v.minValue(0)),
  hlc: HlcSchema,
  device: v.string(),
  records: v.array(v.record(v.string(), v.unknown())),
  attest: v.string(),
});

/** Parses a ring's plaintext. Nothing in it is trusted until verifyKeyring (or a record opens). */
export function readKeyring(body: Uint8Array): Keyring {
  const parsed = v.safeParse(RingSchema, unpadJson(body));
  if (!parsed.success) throw new DecryptError('not a key ring');
  const r = parsed.output;
  return { ...r, records: decodeRecords(r.records), attest: fromBase64(r.attest) };
}

/** Throws DecryptError unless the ring was made with `key` under this name, as it says. */
export function verifyKeyring(key: Uint8Array, name: string, ring: Keyring): void {
  const inside = openObject(key, ring.vaultId, 'keyring', name, ring.attest);
  if (canonical(inside) !== canonical(attestation(ring)))
    throw new DecryptError('key ring attestation mismatch');
}

/** Opens the vault key with a proof against the ring's records, then checks the attestation. */
export async function unlockKeyring(name: string, ring: Keyring, proof: Proof): Promise<Uint8Array> {
  const key = await unwrapWithProof(
    ring.vaultId,
    { header: undefined, manifest: undefined, wrappers: ring.records },
    proof,
  );
  try {
    verifyKeyring(key, name, ring);
  } catch {
    throw new VaultError('corrupt-header', 'A synced key ring is damaged.', name);
  }
  return key;
}

function attestation(ring: Omit<Keyring, 'attest'>) {
  return { hlc: ring.hlc, device: ring.device, epoch: ring.epoch, digest: recordsDigest(ring.records) };
}

/** Key records as JSON: byte fields as { b64 } objects. */
function encodeRecords(records: readonly WrapperRecord[]): Record<string, unknown>[] {
  return records.map((r) =>
    JSON.parse(JSON.stringify(r, (_k, x) => (x instanceof Uint8Array ? { b64: toBase64(x) } : x))),
  );
}

function decodeRecords(records: readonly Record<string, unknown>[]): WrapperRecord[] {
  const revive = (x: unknown): unknown => {
    if (Array.isArray(x)) return x.map(revive);
    if (x && typeof x === 'object') {
      const o = x as Record<string, unknown>;
      if (Object.keys(o).length === 1 && typeof o.b64 === 'string') return fromBase64(o.b64);
      return Object.fromEntries(Object.entries(o).map(([k, val]) => [k, revive(val)]));
    }
    return x;
  };
  return records
    .map((r) => revive(r) as WrapperRecord)
    .filter((r) => r.kind === 'password' || r.kind === 'recovery');
}
