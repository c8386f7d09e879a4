/**
 * CSV reading for every CSV importer, through papaparse (RFC 4180 quoting: commas, quotes and
 * newlines inside quoted values), with damage reported by spreadsheet row.
 *
 * Safety fact: a quote that is never closed is an error, never "best effort": a cut-off file
 * would otherwise swallow the rest of the file into one field and import it as a password. A file
 * cut off inside its last record without an open quote (fewer cells than the heading, or no line
 * break at the end of a format that always writes one) gets that record left out and reported
 * (CsvTable.cutOff), never imported with missing or shortened values.
 */

import Papa from 'papaparse';
import { decodeText } from './decode';
import { ImportError } from './errors';
import type { ImportInput, SkippedEntry } from './types';

export interface CsvTable {
  /** The first record, trimmed. Empty for header-less formats (see readCsv's `header`). */
  header: string[];
  /** Data records with their 1-based spreadsheet row (the heading, if any, is row 1). */
  records: { row: number; cells: string[] }[];
  /**
   * The last record, when the file ends inside it: left out of `records`, to be reported as
   * skipped (ResultBuilder.leaveOut). Empty when the file ends cleanly.
   */
  cutOff: SkippedEntry[];
}

const cache = new WeakMap<Uint8Array, Map<string, string[][] | ImportError>>();

/** Every record of the file, cached per byte array and dialect. Throws ImportError. */
function readRows(input: ImportInput, delimiter: string, escapeChar: string): string[][] {
  let perDialect = cache.get(input.bytes);
  if (!perDialect) {
    perDialect = new Map();
    cache.set(input.bytes, perDialect);
  }
  const dialect = `${delimiter}${escapeChar}`;
  let rows = perDialect.get(dialect);
  if (rows === undefined) {
    try {
      rows = parseRows(decodeText(input), delimiter, escapeChar);
    } catch (err) {
      if (!(err instanceof ImportError)) throw err;
      rows = err;
    }
    perDialect.set(dialect, rows);
  }
  if (rows instanceof ImportError) throw rows;
  return rows;
}

/**
 * `escapeChar` is '"' for RFC 4180 ("" inside quotes); 1Password 7 for Mac writes \" instead,
 * which its importer asks for with '\\'.
 */
export function parseRows(text: string, delimiter: string, escapeChar = '"'): string[][] {
  const parsed = Papa.parse<string[]>(text, { header: false, skipEmptyLines: false, delimiter, escapeChar });
  for (const error of parsed.errors) {
    if (error.type !== 'Quotes') continue;
    const row = (error.row ?? 0) + 1;
    throw new ImportError(
      'malformed',
      error.code === 'MissingQuotes'
        ? `Row ${row} has a quoted value that is never closed. The file may be cut off or damaged.`
        : `Row ${row} has a quote in the wrong place (text after a closing quote). The file may be damaged.`,
      row,
    );
  }
  return parsed.data;
}

/**
 * The file as a table. With `header`, the first record is the heading; records that are a single
 * empty cell (blank lines, the trailing newline) are left out, keeping the others' row numbers.
 *
 * The last record is taken as cut off (moved to `cutOff`) when it has fewer cells than the heading
 * while every other record has them all (a format that leaves trailing cells out is not cut off
 * for that), or, with `endsWithNewline` (formats whose writer ends every record with a line
 * break, such as Tessera's own), when the text does not end with a line break.
 */
export function readCsv(
  input: ImportInput,
  options: { header: boolean; delimiter?: string; escapeChar?: string; endsWithNewline?: boolean },
): CsvTable {
  const rows = readRows(input, options.delimiter ?? ',', options.escapeChar ?? '"');
  const records: CsvTable['records'] = [];
  const start = options.header ? 1 : 0;
  for (let i = start; i < rows.length; i += 1) {
    const cells = rows[i]!;
    if (cells.length === 1 && cells[0]!.trim() === '') continue;
    records.push({ row: i + 1, cells });
  }
  const header = options.header ? (rows[0] ?? []).map((h) => h.trim()) : [];
  const cutOff: SkippedEntry[] = [];
  const last = records.at(-1);
  if (last) {
    const width = header.length;
    const short =
      width > 0 && last.cells.length < width && records.slice(0, -1).every((r) => r.cells.length >= width);
    const endsCleanly = /[\r\n]$/.test(decodeText(input));
    const unterminated = options.endsWithNewline === true && !endsCleanly;
    if (short || unterminated) {
      records.pop();
      cutOff.push({
        row: last.row,
        reason: cutOffReason(short ? [last.cells.length, width] : null, endsCleanly),
      });
    }
  }
  return { header, records, cutOff };
}

/** Why the last record was left out: too few cells ([have, want]) or no final line break. */
function cutOffReason(cells: [number, number] | null, endsCleanly: boolean): string {
  const where = endsCleanly
    ? 'this last row is shorter than the others'
    : 'the file ends in the middle of this row';
  return cells
    ? `${where} (it has ${cells[0]} of the ${cells[1]} columns): the file was cut off, so the row is left out rather than imported with missing or shortened values`
    : `${where} (there is no line break after it, which this format always writes): the file was cut off, so the row is left out rather than imported with a shortened value`;
}

/** The heading row only, for detection; [] when the file is not readable as CSV. Never throws. */
export function peekHeader(input: ImportInput, delimiter = ','): string[] {
  const first = peekRows(input, delimiter)[0];
  return first ? first.map((h) => h.trim()) : [];
}

/** Enough records to tell a format whose first records may all be of one plain kind (notes). */
const PEEK_ROWS = 20;
const PEEK_CHARS = 64 * 1024;
const peeked = new WeakMap<Uint8Array, Map<string, string[][]>>();

/**
 * The first records (up to 20, heading included), for detection. Never throws. Only the first
 * 64 KiB are looked at and the answer is cached, because every importer's detect() asks.
 */
export function peekRows(input: ImportInput, delimiter: string): string[][] {
  let perDelimiter = peeked.get(input.bytes);
  if (!perDelimiter) {
    perDelimiter = new Map();
    peeked.set(input.bytes, perDelimiter);
  }
  let rows = perDelimiter.get(delimiter);
  if (!rows) {
    try {
      const text = decodeText(input).slice(0, PEEK_CHARS);
      rows = Papa.parse<string[]>(text, { header: false, preview: PEEK_ROWS, delimiter }).data;
    } catch {
      rows = [];
    }
    perDelimiter.set(delimiter, rows);
  }
  return rows;
}

/**
 * Looks up columns by heading, case-insensitively. `get(cells, 'url')` is '' when the column is
 * absent or the record is short, so a truncated last record reads as empty values.
 */
export class Columns {
  readonly #index = new Map<string, number>();
  constructor(readonly header: readonly string[]) {
    header.forEach((h, i) => {
      const key = h.toLowerCase();
      if (!this.#index.has(key)) this.#index.set(key, i);
    });
  }

  has(name: string): boolean {
    return this.#index.has(name.toLowerCase());
  }

  indexOf(name: string): number {
    return this.#index.get(name.toLowerCase()) ?? -1;
  }

  get(cells: readonly string[], name: string): string {
    const i = this.#index.get(name.toLowerCase());
    return i === undefined ? '' : (cells[i] ?? '');
  }
}

/** How many of `names` are headings of the file (case-insensitive). */
export function countHeaders(header: readonly string[], names: readonly string[]): number {
  const set = new Set(header.map((h) => h.toLowerCase()));
  return names.filter((n) => set.has(n.toLowerCase())).length;
}
