/**
 * Object names in the sync folder (docs/sync.md, "Objects in the folder"). Names are plain file
 * names (lower-case letters, digits, dashes, one dot) that every WebDAV server stores as they are.
 * Anything in the folder that does not parse is not Tessera's and is left alone.
 */

import { toHex } from '../crypto/encoding';
import { randomBytes } from '../crypto/random';
import { type Hlc, hlcKey } from './hlc';

export const IDENTITY_NAME = 'tessera-vault.json';

export type ChainKind = 'batch' | 'snapshot';

export interface ChainName {
  kind: ChainKind;
  epoch: number;
  device: string;
  seq: number;
}

export interface KeyringName {
  kind: 'keyring';
  epoch: number;
  /** hlcKey of the ring's HLC: sorts like the HLC (the attestation inside proves it). */
  order: string;
  device: string;
}

const CHAIN = /^([bs])-(\d{6})-([0-9a-f]{16})-(\d{10})\.ts[bs]$/;
const KEYRING = /^k-(\d{6})-([0-9a-z]{13})-([0-9a-f]{16})\.tsk$/;

/**
 * A key handover (handover.ts): the previous epoch's key, sealed under epoch `epoch`'s key by the
 * device that rotated. Not a ChainName or KeyringName: parseName does not know it, so an engine
 * that predates handovers leaves it alone, and none is ever deleted as superseded.
 */
export interface HandoverName {
  epoch: number;
  device: string;
}

const HANDOVER = /^h-(\d{6})-([0-9a-f]{16})\.tsh$/;

export function handoverName(epoch: number, device: string): string {
  return `h-${num(epoch, 6)}-${device}.tsh`;
}

export function parseHandoverName(name: string): HandoverName | null {
  const h = HANDOVER.exec(name);
  return h ? { epoch: Number(h[1]), device: h[2]! } : null;
}

/** 64 random bits, as 16 hex characters: unique per device and per join. */
export function newDeviceId(): string {
  return toHex(randomBytes(8));
}

const num = (n: number, width: number) => n.toString().padStart(width, '0');

export function chainName(c: ChainName): string {
  const k = c.kind === 'batch' ? 'b' : 's';
  return `${k}-${num(c.epoch, 6)}-${c.device}-${num(c.seq, 10)}.ts${k}`;
}

export function keyringName(epoch: number, hlc: Hlc, device: string): string {
  return `k-${num(epoch, 6)}-${hlcKey(hlc)}-${device}.tsk`;
}

export function parseName(name: string): ChainName | KeyringName | null {
  const c = CHAIN.exec(name);
  if (c && c[1] === name.at(-1)) {
    return {
      kind: c[1] === 'b' ? 'batch' : 'snapshot',
      epoch: Number(c[2]),
      device: c[3]!,
      seq: Number(c[4]),
    };
  }
  const k = KEYRING.exec(name);
  if (k) return { kind: 'keyring', epoch: Number(k[1]), order: k[2]!, device: k[3]! };
  return null;
}
