/**
 * Import and export, the public surface for the options page and the bench. Everything here is
 * pure apart from saveImport/importFile (one putMany) and collectItems (reads the open vault).
 *
 * Safety fact: nothing in src/transfer writes to the vault except saveImport's single putMany,
 * and export text is plaintext: callers gate it behind the master password and a warning.
 */

export { type Detection, detectFormat } from './detect';
export { ImportError, type ImportErrorCode } from './errors';
export { collectItems, type ExportedFile, type ExportFormat, exportItems } from './export';
export { exportBitwardenJson } from './export-bitwarden';
export { exportCsv, TESSERA_CSV_COLUMNS } from './export-csv';
export {
  type ImportPhase,
  type ImportProgress,
  type ImportTarget,
  importFile,
  type OnImportProgress,
  type ReadImport,
  type ReadOptions,
  readImport,
  saveImport,
} from './import';
export {
  type ColumnMapping,
  csvPreview,
  MAPPING_TARGETS,
  type MappingTarget,
  parseGenericCsv,
  suggestMapping,
} from './importers/generic-csv';
export { checkFileSize, MAX_ARCHIVE_BYTES, MAX_ENTRIES, MAX_TEXT_BYTES } from './limits';
export {
  type DuplicateOf,
  duplicateKey,
  excludeItems,
  type ImportPreview,
  previewImport,
  type RepeatInFile,
} from './preview';
export { acceptedExtensions, IMPORTERS, importerById } from './registry';
export type { Importer, ImportInput, ImportResult, ItemKind, SkippedEntry } from './types';
