/**
 * The import pipeline the options page (and the import_csv_10k_ms bench) calls: read the file,
 * validate every item, then store them all with one putMany.
 *
 * Safety fact: the vault is written exactly once, by one putMany transaction, after every item
 * passed parseItemInput; any failure before or inside it leaves the vault as it was (all or
 * nothing, see UnlockedVault.putMany).
 *
 * UI flow: readImport → previewImport (show counts, duplicates, skips) → excludeItems (optional)
 * → saveImport. importFile does all of it without the preview, for the bench and tests.
 */

import { VaultError } from '../vault/errors';
import { parseItemInput } from '../vault/item-schema';
import type { Item } from '../vault/types';
import type { UnlockedVault } from '../vault/vault';
import { type Detection, detectFormat } from './detect';
import { ImportError } from './errors';
import { type ColumnMapping, genericCsv, parseGenericCsv } from './importers/generic-csv';
import { importerById } from './registry';
import type { ImportInput, ImportResult } from './types';

export type ImportPhase = 'parsing' | 'validating' | 'saving' | 'done';

export interface ImportProgress {
  phase: ImportPhase;
  /** Items found so far (0 while parsing). */
  items: number;
}

export type OnImportProgress = (progress: ImportProgress) => void;

/** The one vault method import needs, so tests and the bench can pass a stand-in. */
export type ImportTarget = Pick<UnlockedVault, 'putMany'>;

export interface ReadOptions {
  /** Use this importer instead of detecting one (the format picker). */
  importerId?: string;
  /** Generic CSV: the column mapping the person confirmed. */
  mapping?: ColumnMapping;
}

export interface ReadImport extends Detection {
  result: ImportResult;
}

/** Detects (or takes) the format and parses the file. Throws only ImportError. */
export function readImport(input: ImportInput, options: ReadOptions = {}): ReadImport {
  try {
    if (options.mapping) {
      return { importer: genericCsv, confidence: 1, result: parseGenericCsv(input, options.mapping) };
    }
    let detection: Detection;
    if (options.importerId) {
      const importer = importerById(options.importerId);
      if (!importer) throw new ImportError('unknown-format', `There is no importer "${options.importerId}".`);
      detection = { importer, confidence: 1 };
    } else {
      detection = detectFormat(input);
    }
    return { ...detection, result: detection.importer.parse(input) };
  } catch (err) {
    if (err instanceof ImportError) throw err;
    // Importers are written to throw only ImportError (the fuzz tests hold them to it); this is
    // the last line, so a bug shows as a clear refusal instead of a half-finished import.
    const detail = err instanceof Error ? err.message : String(err);
    throw new ImportError('malformed', `The file could not be read (${detail}). Nothing was imported.`);
  }
}

/** Lets the page repaint between phases (a macrotask; a microtask would not). */
const breathe = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Checks every item once more and stores them all in one transaction. Returns the stored items. */
export async function saveImport(
  result: ImportResult,
  vault: ImportTarget,
  onProgress: OnImportProgress = () => {},
): Promise<Item[]> {
  const total = result.items.length;
  if (total === 0) {
    const first = result.skipped[0];
    throw new ImportError(
      'nothing-to-save',
      first
        ? `Nothing to import: all ${result.skipped.length} entries were skipped (row ${first.row}: ${first.reason}).`
        : 'Nothing to import: the file has no entries.',
      first?.row,
    );
  }
  onProgress({ phase: 'validating', items: total });
  await breathe();
  result.items.forEach((item, i) => {
    try {
      parseItemInput(item);
    } catch (err) {
      if (!(err instanceof VaultError)) throw err;
      throw new ImportError(
        'malformed',
        `Entry ${i + 1}: ${err.message} Nothing was imported.`,
        result.rows[i],
      );
    }
  });
  onProgress({ phase: 'saving', items: total });
  await breathe();
  const stored = await vault.putMany(result.items);
  onProgress({ phase: 'done', items: stored.length });
  return stored;
}

/** Parses, validates and stores a file in one go (the bench's import_csv_10k_ms measures this). */
export async function importFile(
  input: ImportInput,
  vault: ImportTarget,
  onProgress: OnImportProgress = () => {},
  options: ReadOptions = {},
): Promise<{ read: ReadImport; stored: Item[] }> {
  onProgress({ phase: 'parsing', items: 0 });
  await breathe();
  const read = readImport(input, options);
  const stored = await saveImport(read.result, vault, onProgress);
  return { read, stored };
}
