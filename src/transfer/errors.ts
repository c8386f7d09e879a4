/**
 * The one error type import refuses with: a stable code for the UI, a message for the person at the
 * keyboard, and the row (CSV record or JSON item, 1-based) where there is one.
 *
 * Safety fact: an ImportError means nothing was written. Importers only read; the vault is touched
 * once, by saveImport, after every item has already been validated.
 */

export type ImportErrorCode =
  | 'unknown-format' // not an export Tessera can read
  | 'encoding' // not UTF-8 / UTF-16-with-BOM text, or binary data
  | 'too-large' // refused before reading, see limits.ts
  | 'empty' // no entries at all
  | 'malformed' // damaged or cut off: unterminated quote, truncated JSON, broken zip
  | 'encrypted' // a password-protected export: export again unencrypted
  | 'mapping' // generic CSV: the column mapping cannot produce items
  | 'nothing-to-save'; // every entry was skipped

export class ImportError extends Error {
  override readonly name = 'ImportError';
  constructor(
    readonly code: ImportErrorCode,
    message: string,
    /** 1-based: the spreadsheet row for CSV (the heading row is row 1), the item number for JSON. */
    readonly row?: number,
  ) {
    super(message);
  }
}
