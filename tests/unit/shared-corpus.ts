// Locates the shared test corpus (../shared/corpus next to the repository), which holds
// published vectors and sample pages that are read in place and never copied into the repo.
// When it is absent, tests that need it skip with a one-line notice instead of failing.

import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (this file lives in tests/unit/). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Where the shared corpus is expected: ../shared/corpus relative to the repository root. */
export const SHARED_CORPUS_DIR = resolve(REPO_ROOT, '..', 'shared', 'corpus');

/**
 * Absolute path of `segments` inside the shared corpus, or null (after printing a one-line
 * skip notice) if that path does not exist. Call with no segments for the corpus root.
 */
export function sharedCorpus(...segments: string[]): string | null {
  const path = join(SHARED_CORPUS_DIR, ...segments);
  if (existsSync(path)) return path;
  console.warn(`[skip] shared corpus path not found: ${path} (tests that need it are skipped)`);
  return null;
}
