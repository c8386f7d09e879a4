// Locates the shared test corpus (../shared/corpus next to the repository, or the directory
// TESSERA_SHARED_CORPUS names), which holds sample pages and importer exports read in place. The
// published crypto vectors are not here: they live in the repository (tests/unit/crypto/vectors).
// When the corpus is absent, tests that need it skip with a one-line notice on a developer's
// machine; under CI=true they fail instead, so CI can never pass by testing nothing.

import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file lives in tests/unit/). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Where the shared corpus is expected by default: ../shared/corpus relative to the repository root. */
export const SHARED_CORPUS_DIR = resolve(REPO_ROOT, '..', 'shared', 'corpus');

type Env = Readonly<Record<string, string | undefined>>;

/** The corpus directory: TESSERA_SHARED_CORPUS when set, else SHARED_CORPUS_DIR. */
export function corpusDir(env: Env = process.env): string {
  return env.TESSERA_SHARED_CORPUS ? resolve(env.TESSERA_SHARED_CORPUS) : SHARED_CORPUS_DIR;
}

/** CI as CI services set it ('true', or '1'). */
const isCi = (env: Env) => env.CI === 'true' || env.CI === '1';

/**
 * `segments` inside the corpus at `dir`, or null after a one-line skip notice when it does not
 * exist; under CI it throws instead.
 */
export function locateCorpus(dir: string, segments: readonly string[], env: Env): string | null {
  const path = join(dir, ...segments);
  if (existsSync(path)) return path;
  if (isCi(env)) {
    throw new Error(
      `shared corpus path not found: ${path}. Under CI=true the suites that read it fail rather than ` +
        'skip: provide ../shared/corpus beside the repository, or set TESSERA_SHARED_CORPUS to it.',
    );
  }
  console.warn(`[skip] shared corpus path not found: ${path} (tests that need it are skipped)`);
  return null;
}

/**
 * Absolute path of `segments` inside the shared corpus, or null (after printing a one-line skip
 * notice) if that path does not exist; throws under CI=true. No segments: the corpus root.
 */
export function sharedCorpus(...segments: string[]): string | null {
  return locateCorpus(corpusDir(), segments, process.env);
}
