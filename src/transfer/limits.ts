/**
 * How big an import file may be, checked before anything is decoded.
 *
 * Safety fact: the UI should call checkFileSize(file.name, file.size) before reading the file into
 * memory; the importers check again on the bytes they are given.
 *
 * Why 32 MiB: a Bitwarden JSON export of 10,000 logins is about 5 MB, so 32 MiB leaves room for
 * very large vaults with long notes while refusing a 50 MB file at once, before it costs memory in
 * the extension page. A .1pux is a zip that also carries attached files (which Tessera does not
 * import), so the archive may be larger; only its export.data entry is decompressed, and that entry
 * is held to the same 32 MiB.
 */

import { ImportError } from './errors';

export const MAX_TEXT_BYTES = 32 * 1024 * 1024;
/**
 * Entries per import. The vault is built for tens of thousands of items (10,000 open in well
 * under a second); a file claiming more is refused rather than tying up the page and the store.
 */
export const MAX_ENTRIES = 50_000;
export const MAX_ARCHIVE_BYTES = 256 * 1024 * 1024;

/** File names whose content is a zip archive (see importers/onepassword-1pux.ts, protonpass-json.ts). */
export function isArchiveName(name: string): boolean {
  return /\.(1pux|zip)$/i.test(name);
}

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Throws ImportError('too-large') when a file of this name and size would not be read. */
export function checkFileSize(name: string, size: number): void {
  const max = isArchiveName(name) ? MAX_ARCHIVE_BYTES : MAX_TEXT_BYTES;
  if (size > max) {
    throw new ImportError(
      'too-large',
      `The file is ${megabytes(size)}; Tessera imports files up to ${megabytes(max)}. ` +
        'Check that this is a password export, or split it into smaller files.',
    );
  }
}

export function tooManyEntries(): ImportError {
  return new ImportError(
    'too-large',
    `The file has more than ${MAX_ENTRIES.toLocaleString('en-US')} entries; Tessera imports at most that many at a time. Split the export and import the parts one after another.`,
  );
}

/** The same check for an entry inside an archive, before it is decompressed. */
export function checkEntrySize(entry: string, size: number): void {
  if (size > MAX_TEXT_BYTES) {
    throw new ImportError(
      'too-large',
      `The archive entry ${entry} is ${megabytes(size)} uncompressed; Tessera reads at most ${megabytes(MAX_TEXT_BYTES)}.`,
    );
  }
}
