/**
 * Reading one entry out of a zip export (1Password .1pux, Proton Pass .zip) with fflate.
 *
 * Safety fact: only the wanted entry is decompressed, and only after its declared size passed
 * checkEntrySize; fflate inflates into a buffer of exactly that declared size, so a zip bomb
 * cannot grow memory beyond the limit. Attached files in the archive are never decompressed.
 */

import { unzipSync } from 'fflate';
import { isZip } from './decode';
import { ImportError } from './errors';
import { peekJson } from './json';
import { checkEntrySize, checkFileSize } from './limits';
import type { ImportInput } from './types';

const MAX_ENTRIES = 200_000;
const names = new WeakMap<Uint8Array, string[] | null>();
const entries = new WeakMap<Uint8Array, Map<string, ImportInput>>();

function damaged(): ImportError {
  return new ImportError(
    'malformed',
    'The archive is damaged or cut off and cannot be opened. Export it again.',
  );
}

/**
 * The named entry's JSON value, for detection: undefined when the archive has no such entry, is
 * damaged, or the entry is not JSON. Never throws. (The entry is cached, so parse reuses it.)
 */
export function peekZipJson(input: ImportInput, entry: (name: string) => boolean): unknown {
  if (!(zipEntryNames(input) ?? []).some(entry)) return undefined;
  try {
    return peekJson(readZipEntry(input, entry, 'the entry'));
  } catch {
    return undefined;
  }
}

/** The archive's entry names, or null when the bytes are not a readable zip. Never throws. */
export function zipEntryNames(input: ImportInput): string[] | null {
  if (!isZip(input.bytes)) return null;
  let list = names.get(input.bytes);
  if (list === undefined) {
    const found: string[] = [];
    try {
      unzipSync(input.bytes, {
        filter: (file) => {
          // A damaged directory can claim billions of entries; real exports have thousands.
          if (found.length >= MAX_ENTRIES) throw damaged();
          found.push(file.name);
          return false;
        },
      });
      list = found;
    } catch {
      list = null;
    }
    names.set(input.bytes, list);
  }
  return list;
}

/**
 * The named entry as an ImportInput (cached, so its decoded text and JSON are cached too).
 * Throws ImportError when the archive is damaged, too big, or lacks the entry.
 */
export function readZipEntry(
  input: ImportInput,
  entry: (name: string) => boolean,
  what: string,
): ImportInput {
  checkFileSize(input.name, input.bytes.length);
  if (!isZip(input.bytes))
    throw new ImportError('unknown-format', `This is not a zip archive, so it is not ${what}.`);
  let perArchive = entries.get(input.bytes);
  if (!perArchive) {
    perArchive = new Map();
    entries.set(input.bytes, perArchive);
  }
  const name = (zipEntryNames(input) ?? []).find(entry);
  if (name === undefined) {
    if (zipEntryNames(input) === null) throw damaged();
    throw new ImportError('unknown-format', `The archive does not contain ${what}.`);
  }
  const cached = perArchive.get(name);
  if (cached) return cached;
  let files: Record<string, Uint8Array>;
  let seen = 0;
  try {
    files = unzipSync(input.bytes, {
      filter: (file) => {
        seen += 1;
        if (seen > MAX_ENTRIES) throw damaged();
        if (file.name !== name) return false;
        checkEntrySize(file.name, file.originalSize);
        return true;
      },
    });
  } catch (err) {
    if (err instanceof ImportError) throw err;
    throw damaged();
  }
  const bytes = files[name];
  if (!bytes) throw damaged();
  const result = { name, bytes };
  perArchive.set(name, result);
  return result;
}
