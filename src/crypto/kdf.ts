// Password-based key derivation with Argon2id (RFC 9106). Turns the master password into the
// 32-byte key that unlocks the vault. The WebAssembly implementation that computes it (a SIMD
// build, or hash-wasm where SIMD is missing) is chosen in argon2id-engine.ts.
//
// Safety fact: KDF parameters are read back from the stored vault header, which an attacker
// may have tampered with, so deriveKeyFromPassword refuses any parameters outside
// [KDF_FLOOR, KDF_CEILING] before doing any work: too weak would make offline guessing
// cheap, too large would let a crafted header exhaust memory or hang the browser.

import { type Argon2idEngine, type Argon2idInput, argon2idEngine } from './argon2id-engine';
import { assertBytes, assertIntInRange, isBytes } from './checks';
import { utf8Encode, wipe } from './encoding';
import { randomBytes } from './random';

export interface KdfParams {
  algorithm: 'argon2id';
  /** Argon2 memory size m, in KiB (RFC 9106 §3.1). */
  memoryKiB: number;
  /** Argon2 passes t (RFC 9106 §3.1). */
  iterations: number;
  /** Argon2 lanes p (RFC 9106 §3.1). */
  parallelism: number;
  salt: Uint8Array;
}

/**
 * Parameters for new vaults: RFC 9106 §4 second recommended option (64 MiB, t=3, p=4),
 * which is also Bitwarden's Argon2id default.
 */
export const DEFAULT_KDF = Object.freeze({ memoryKiB: 65536, iterations: 3, parallelism: 4 } as const);

/**
 * The weakest parameters accepted: OWASP Password Storage Cheat Sheet minimum for Argon2id
 * (m=19 MiB, t=2, p=1), with the 16-byte salt RFC 9106 §3.1 recommends.
 */
export const KDF_FLOOR = Object.freeze({
  memoryKiB: 19456,
  iterations: 2,
  parallelism: 1,
  saltBytes: 16,
} as const);

/**
 * The largest parameters accepted (1 GiB, 64 passes, 16 lanes, 64-byte salt): generous for any
 * real machine, but bounded so a tampered header cannot demand absurd memory or time.
 */
export const KDF_CEILING = Object.freeze({
  memoryKiB: 1048576,
  iterations: 64,
  parallelism: 16,
  saltBytes: 64,
} as const);

/** Output length of deriveKeyFromPassword: one XChaCha20-Poly1305 / HKDF key. */
const DERIVED_KEY_BYTES = 32;

export type KdfParameterName = 'algorithm' | 'memoryKiB' | 'iterations' | 'parallelism' | 'salt';

export class KdfParamsError extends Error {
  override readonly name = 'KdfParamsError';
  constructor(
    readonly reason: 'below-floor' | 'above-ceiling' | 'malformed',
    /** Which parameter was refused. */
    readonly parameter: KdfParameterName,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Throws KdfParamsError (naming the parameter) unless `p` is well-formed Argon2id
 * parameters within [KDF_FLOOR, KDF_CEILING]. Well-formedness of every field is checked
 * before any range, so a half-valid object is reported as malformed.
 */
export function checkKdfParams(p: KdfParams): void {
  if (typeof p !== 'object' || p === null) {
    throw new KdfParamsError('malformed', 'algorithm', 'KDF parameters must be an object');
  }
  if (p.algorithm !== 'argon2id') {
    throw new KdfParamsError(
      'malformed',
      'algorithm',
      `unsupported KDF algorithm ${JSON.stringify(p.algorithm)}`,
    );
  }
  const numeric = ['memoryKiB', 'iterations', 'parallelism'] as const;
  for (const name of numeric) {
    const value: unknown = p[name];
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) {
      throw new KdfParamsError('malformed', name, `KDF ${name} must be an integer, got ${String(value)}`);
    }
  }
  if (!isBytes(p.salt)) {
    throw new KdfParamsError('malformed', 'salt', 'KDF salt must be a Uint8Array');
  }
  const checks: [KdfParameterName, number, number, number][] = [
    ['memoryKiB', p.memoryKiB, KDF_FLOOR.memoryKiB, KDF_CEILING.memoryKiB],
    ['iterations', p.iterations, KDF_FLOOR.iterations, KDF_CEILING.iterations],
    ['parallelism', p.parallelism, KDF_FLOOR.parallelism, KDF_CEILING.parallelism],
    ['salt', p.salt.length, KDF_FLOOR.saltBytes, KDF_CEILING.saltBytes],
  ];
  for (const [name, value, floor, ceiling] of checks) {
    const what = name === 'salt' ? 'salt length in bytes' : name;
    if (value < floor) {
      throw new KdfParamsError('below-floor', name, `KDF ${what} ${value} is below the minimum ${floor}`);
    }
    if (value > ceiling) {
      throw new KdfParamsError('above-ceiling', name, `KDF ${what} ${value} is above the maximum ${ceiling}`);
    }
  }
  // RFC 9106 §3.1 also requires m >= 8p; it holds for every value in range
  // (8 * 16 lanes = 128 KiB, far below the 19456 KiB floor).
}

/**
 * Fresh parameters for a new vault (or a password change): DEFAULT_KDF with any overrides
 * and a new random 16-byte salt. Throws KdfParamsError if an override is out of range.
 */
export function newKdfParams(
  overrides?: Partial<Pick<KdfParams, 'memoryKiB' | 'iterations' | 'parallelism'>>,
): KdfParams {
  const p: KdfParams = {
    algorithm: 'argon2id',
    memoryKiB: overrides?.memoryKiB ?? DEFAULT_KDF.memoryKiB,
    iterations: overrides?.iterations ?? DEFAULT_KDF.iterations,
    parallelism: overrides?.parallelism ?? DEFAULT_KDF.parallelism,
    salt: randomBytes(KDF_FLOOR.saltBytes),
  };
  checkKdfParams(p);
  return p;
}

/**
 * Derives the 32-byte vault key from the master password. The password is normalised to
 * Unicode NFC first (UAX #15; the same text typed on different systems may arrive composed
 * or decomposed, e.g. "é" as U+00E9 or U+0065 U+0301, and must unlock the same vault), then
 * UTF-8 encoded. Checks `p` first (see checkKdfParams). The caller owns the returned key and
 * should wipe() it when done.
 */
export async function deriveKeyFromPassword(password: string, p: KdfParams): Promise<Uint8Array> {
  checkKdfParams(p);
  if (typeof password !== 'string') throw new TypeError('deriveKeyFromPassword: password must be a string');
  if (password.length === 0) throw new RangeError('deriveKeyFromPassword: password must not be empty');
  const passwordBytes = utf8Encode(password.normalize('NFC'));
  const start = performance.now();
  try {
    const engine = argon2idEngine();
    const key = await argon2idRaw({
      password: passwordBytes,
      salt: p.salt,
      memoryKiB: p.memoryKiB,
      iterations: p.iterations,
      parallelism: p.parallelism,
      hashLength: DERIVED_KEY_BYTES,
    });
    recordKdfTime(start, engine.name);
    return key;
  } finally {
    wipe(passwordBytes);
  }
}

/**
 * Name of the performance measure the last derivation leaves in its context's own timeline (the
 * worker's, during an unlock): the bench reads it to subtract Argon2id from the same unlock
 * (bench/metrics/popup.ts). Only the latest is kept. The duration of a hash whose cost is stored
 * in plaintext beside it tells nothing secret, and no other context can read this timeline. Its
 * detail names the implementation, so tests can tell which one the extension really ran.
 */
export const KDF_MEASURE = 'tessera:argon2id';

/** What the `tessera:argon2id` measure's detail holds: which implementation ran (argon2id-engine.ts). */
export interface KdfMeasureDetail {
  engine: Argon2idEngine['name'];
}

function recordKdfTime(start: number, engine: Argon2idEngine['name']): void {
  performance.clearMeasures(KDF_MEASURE);
  const detail: KdfMeasureDetail = { engine };
  performance.measure(KDF_MEASURE, { start, end: performance.now(), detail });
}

/**
 * Argon2id (version 0x13) exactly as RFC 9106 §3 defines it, with no policy floor: only the
 * RFC's own validity limits are enforced. For test vectors and for deriveKeyFromPassword;
 * application code should call deriveKeyFromPassword.
 *
 * Limit: hash-wasm (the fallback engine) hashes a zero-length associated data field X into H0
 * (RFC 9106 §3.2) and offers no way to set it, so there is no `ad` argument; it also rejects an
 * empty password, which RFC 9106 permits, so this function does too, whichever engine runs.
 */
export async function argon2idRaw(args: Argon2idInput): Promise<Uint8Array> {
  const MAX_U32 = 0xffffffff;
  assertBytes(args.password, 'argon2id password');
  if (args.password.length === 0) {
    throw new RangeError('argon2id password must not be empty (the hash-wasm fallback does not support it)');
  }
  assertBytes(args.salt, 'argon2id salt');
  // RFC 9106 §3.1: salt 8..2^32-1 bytes, p 1..2^24-1, m >= 8p KiB, t >= 1, tag >= 4 bytes.
  if (args.salt.length < 8)
    throw new RangeError(`argon2id salt must be at least 8 bytes, got ${args.salt.length}`);
  if (args.secret !== undefined) assertBytes(args.secret, 'argon2id secret');
  assertIntInRange(args.parallelism, 'argon2id parallelism', 1, 2 ** 24 - 1);
  assertIntInRange(args.memoryKiB, 'argon2id memoryKiB', 8 * args.parallelism, MAX_U32);
  assertIntInRange(args.iterations, 'argon2id iterations', 1, MAX_U32);
  assertIntInRange(args.hashLength, 'argon2id hashLength', 4, MAX_U32);
  return argon2idEngine().hash(args);
}
