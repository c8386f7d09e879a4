// Reads and writes bench-results.json: { "<metric>": { median, unit, runs }, ... }.
//
// Safety fact: a full run (every module) replaces the file, so a metric that no longer exists or
// failed this time cannot linger with an old number; a run of some modules merges into the file and
// leaves the other modules' keys as they were.

import { readFile, writeFile } from 'node:fs/promises';
import type { Result, Results } from './types';

function isResult(value: unknown): value is Result {
  if (typeof value !== 'object' || value === null) return false;
  const r = value as Record<string, unknown>;
  return (
    typeof r.median === 'number' &&
    typeof r.runs === 'number' &&
    (r.unit === 'ms' || r.unit === 'bytes' || r.unit === 'mb' || r.unit === 'ratio')
  );
}

/** The stored results, or {} when there is no file. Entries of the wrong shape are dropped. */
export async function readResults(file: string): Promise<Results> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw error;
  }
  const parsed: unknown = JSON.parse(text);
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {};
  return Object.fromEntries(Object.entries(parsed).filter(([, v]) => isResult(v))) as Results;
}

/** Keys sorted so that diffs between two runs line up. */
export async function writeResults(file: string, results: Results): Promise<void> {
  const sorted = Object.fromEntries(Object.entries(results).sort(([a], [b]) => a.localeCompare(b)));
  await writeFile(file, `${JSON.stringify(sorted, null, 2)}\n`);
}
