/**
 * The export entry point for the options page: read every item out of the open vault, then write
 * them as CSV or Bitwarden JSON.
 *
 * Safety fact: the text returned holds every password in the clear. The caller must have asked
 * for the master password again and warned that the file is not encrypted, and should hand the
 * text straight to a download without keeping it. (The encrypted backup lives in
 * src/vault/backup.ts.)
 */

import type { Item } from '../vault/types';
import type { UnlockedVault } from '../vault/vault';
import { exportBitwardenJson } from './export-bitwarden';
import { exportCsv } from './export-csv';
import { MAX_TEXT_BYTES } from './limits';

export type ExportFormat = 'csv' | 'bitwarden-json';

export interface ExportedFile {
  fileName: string;
  mimeType: string;
  text: string;
  /**
   * False when the file is larger than Tessera's own import reads (MAX_TEXT_BYTES): a vault with
   * many long notes can pass it even written compactly, and the page must say so rather than
   * let someone count on a file that will not come back (the encrypted backup has no such limit).
   */
  readableByImport: boolean;
}

/** Decrypts every item, one at a time, reporting progress (done of total) as it goes. */
export async function collectItems(
  vault: Pick<UnlockedVault, 'list' | 'get'>,
  onProgress: (done: number, total: number) => void = () => {},
): Promise<Item[]> {
  const ids = vault.list().map((o) => o.id);
  const items: Item[] = [];
  onProgress(0, ids.length);
  for (const id of ids) {
    items.push(await vault.get(id));
    onProgress(items.length, ids.length);
  }
  return items;
}

export function exportItems(format: ExportFormat, items: readonly Item[], now = new Date()): ExportedFile {
  const day = now.toISOString().slice(0, 10);
  const file =
    format === 'csv'
      ? { fileName: `tessera-export-${day}.csv`, mimeType: 'text/csv;charset=utf-8', text: exportCsv(items) }
      : {
          fileName: `tessera-export-${day}-bitwarden.json`,
          mimeType: 'application/json',
          text: exportBitwardenJson(items),
        };
  return { ...file, readableByImport: utf8Length(file.text) <= MAX_TEXT_BYTES };
}

/** UTF-8 size of the text without encoding it (the download encodes it once). */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c < 0x80) bytes += 1;
    else if (c < 0x800) bytes += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      bytes += 4; // a surrogate pair is one 4-byte character
      i += 1;
    } else bytes += 3;
  }
  return bytes;
}
