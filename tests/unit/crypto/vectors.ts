// The published test vectors the crypto tests check against, kept in the repository beside them
// (tests/unit/crypto/vectors/, origins and licenses in SOURCES.md there), as noble keeps its own:
// a test that needs one never skips because a directory outside the repository is missing.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const VECTORS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'vectors');

/** The path of a vector file, e.g. vectorPath('wycheproof', 'hkdf_sha256_test.json'). */
export function vectorPath(...segments: string[]): string {
  return join(VECTORS_DIR, ...segments);
}

/** A vector file parsed as JSON (throws if it is missing: the copies are part of the repository). */
export function readVectors<T>(...segments: string[]): T {
  return JSON.parse(readFileSync(vectorPath(...segments), 'utf8')) as T;
}

/** The RFC 9106 §5.3 Argon2id vector (argon2/rfc9106-argon2id.json). */
export interface Rfc9106Vector {
  memory_kib: number;
  iterations: number;
  parallelism: number;
  tag_length: number;
  password_hex: string;
  salt_hex: string;
  secret_hex: string;
  associated_data_hex: string;
  tag_hex: string;
}

/** One Argon2id known answer, ready for argon2idRaw or an engine (src/crypto/argon2id-engine.ts). */
export interface Argon2idCase {
  label: string;
  input: {
    password: Uint8Array;
    salt: Uint8Array;
    memoryKiB: number;
    iterations: number;
    parallelism: number;
    hashLength: number;
  };
  tagHex: string;
}

interface PhcVector {
  type: string;
  version: number;
  t_cost: number;
  m_cost_kib: number;
  parallelism: number;
  password: string;
  salt: string;
  hash_len: number;
  tag_hex: string;
}

/** The phc-winner-argon2 test.c Argon2id v1.3 vectors (argon2/phc-reference-test-c-vectors.json). */
export function phcArgon2idCases(): (Argon2idCase & { memoryKiB: number })[] {
  const utf8 = (s: string) => new TextEncoder().encode(s);
  return readVectors<{ vectors: PhcVector[] }>('argon2', 'phc-reference-test-c-vectors.json')
    .vectors.filter((v) => v.type === 'argon2id' && v.version === 0x13)
    .map((v) => ({
      label: `m=${v.m_cost_kib} t=${v.t_cost} p=${v.parallelism} password="${v.password}" salt="${v.salt}"`,
      memoryKiB: v.m_cost_kib,
      input: {
        password: utf8(v.password),
        salt: utf8(v.salt),
        memoryKiB: v.m_cost_kib,
        iterations: v.t_cost,
        parallelism: v.parallelism,
        hashLength: v.hash_len,
      },
      tagHex: v.tag_hex,
    }));
}
