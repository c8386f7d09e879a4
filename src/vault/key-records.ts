/**
 * The vault's key records (wrappers.ts seals and opens each kind): which proof opens which record,
 * how a record is listed in settings (no secrets), and the Argon2id cost a new password record
 * gets.
 */

import { DEFAULT_KDF } from '../crypto/kdf';
import { VaultError } from './errors';
import type { PasswordWrapper, PrfWrapper, RecoveryWrapper, WrapperRecord } from './format';
import type { StoredHead } from './store';
import {
  BIOMETRIC_GONE,
  type KdfCost,
  openPasswordWrapper,
  openPrfWrapper,
  openRecoveryWrapper,
  prfWrapperId,
} from './wrappers';

/** What opens the vault: each kind maps to one kind of key record. */
export type Proof =
  | { kind: 'password'; password: string }
  | { kind: 'prf'; credentialId: Uint8Array; prfOutput: Uint8Array }
  | { kind: 'recovery'; secret: Uint8Array };

/** A key record as listed in settings; for biometric records, what a WebAuthn request needs. */
export interface KeyRecordInfo {
  id: string;
  kind: WrapperRecord['kind'];
  createdAt: number;
  label?: string;
  credentialId?: Uint8Array;
  prfSalt?: Uint8Array;
  /** The Argon2id cost of the password record (for the "KDF strength" setting). */
  kdf?: { memoryKiB: number; iterations: number; parallelism: number };
}

export function describeWrapper(w: WrapperRecord): KeyRecordInfo {
  if (w.kind === 'prf') {
    return {
      id: w.id,
      kind: w.kind,
      createdAt: w.createdAt,
      label: w.label,
      credentialId: w.credentialId,
      prfSalt: w.prfSalt,
    };
  }
  if (w.kind === 'password') {
    const { memoryKiB, iterations, parallelism } = w.kdf;
    return { id: w.id, kind: w.kind, createdAt: w.createdAt, kdf: { memoryKiB, iterations, parallelism } };
  }
  return { id: w.id, kind: w.kind, createdAt: w.createdAt };
}

/** Finds the key record the proof is for and opens it; the caller owns (and wipes) the key. */
export async function unwrapWithProof(vaultId: string, head: StoredHead, proof: Proof): Promise<Uint8Array> {
  switch (proof.kind) {
    case 'password': {
      const w = head.wrappers.find((x): x is PasswordWrapper => x.kind === 'password');
      if (!w) throw new VaultError('corrupt-header', 'The vault has no password key record.', 'password');
      return openPasswordWrapper(vaultId, w, proof.password);
    }
    case 'prf': {
      const id = prfWrapperId(proof.credentialId);
      const w = head.wrappers.find((x): x is PrfWrapper => x.kind === 'prf' && x.id === id);
      if (!w) throw new VaultError('wrong-key', BIOMETRIC_GONE, id);
      return openPrfWrapper(vaultId, w, proof.prfOutput);
    }
    case 'recovery': {
      const w = head.wrappers.find((x): x is RecoveryWrapper => x.kind === 'recovery');
      if (!w) {
        throw new VaultError(
          'wrong-key',
          'This vault has no recovery key. Without the master password or biometric unlock, its data cannot be recovered.',
        );
      }
      return openRecoveryWrapper(vaultId, w, proof.secret);
    }
  }
}

/**
 * The Argon2id cost a replacement password record keeps from the one it replaces (an explicit
 * cost from the caller still wins). After a password proof the stored cost is the one that
 * proof just ran, so it is kept as it is. After a biometric or recovery proof nothing has run the
 * stored cost: whoever could write the vault's storage may have lowered it, and the new record
 * must not inherit that, so each parameter is at least DEFAULT_KDF's.
 */
export function keptPasswordCost(old: PasswordWrapper | undefined, proof: Proof): KdfCost {
  if (!old) return {};
  const { memoryKiB, iterations, parallelism } = old.kdf;
  if (proof.kind === 'password') return { memoryKiB, iterations, parallelism };
  return {
    memoryKiB: atLeast(memoryKiB, DEFAULT_KDF.memoryKiB),
    iterations: atLeast(iterations, DEFAULT_KDF.iterations),
    parallelism: atLeast(parallelism, DEFAULT_KDF.parallelism),
  };
}

/** The stored value if it is a number above `floor`, else `floor` (a tampered field may be anything). */
function atLeast(stored: unknown, floor: number): number {
  return typeof stored === 'number' && Number.isFinite(stored) ? Math.max(stored, floor) : floor;
}
