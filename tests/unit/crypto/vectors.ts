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
