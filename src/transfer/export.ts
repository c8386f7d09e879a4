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

export type ExportFormat = 'csv' | 'bitwarden-json';

export interface ExportedFile {
  fileName: string;
  mimeType: string;
  text: string;
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
  return format === 'csv'
    ? { fileName: `tessera-export-${day}.csv`, mimeType: 'text/csv;charset=utf-8', text: exportCsv(items) }
    : {
        fileName: `tessera-export-${day}-bitwarden.json`,
        mimeType: 'application/json',
        text: exportBitwardenJson(items),
      };
}
