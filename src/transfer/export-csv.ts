/**
 * Export to CSV in Tessera's own columns, readable by spreadsheets and by the generic CSV import
 * of other managers: name,url,username,password,notes,totp,favorite,match,fields.
 *
 * Safety fact: the file is NOT encrypted (the UI must say so and ask for the master password
 * first), and every cell is escaped against formula injection (formula.ts), so a password that
 * starts with "=" appears as "'=…" in a spreadsheet. Tessera's CSV import reverses the escape; other
 * managers will keep the quote, so the Bitwarden JSON export is the better way to move elsewhere.
 *
 * Every item goes through cleanItemText first (control characters other than tab and line breaks,
 * and unpaired surrogates, are not written; see clean-text.ts), because a NUL makes the file binary to
 * every reader, Tessera's importer included; imports remove the same characters.
 *
 * Cells: several URLs are one per line; custom fields are a JSON array of {name, value, hidden}
 * (empty when there are none), which keeps hidden flags; favorite is "true"/"false".
 */

import Papa from 'papaparse';
import type { Item } from '../vault/types';
import { cleanItemText } from './clean-text';
import { escapeCell } from './formula';

export const TESSERA_CSV_COLUMNS = [
  'name',
  'url',
  'username',
  'password',
  'notes',
  'totp',
  'favorite',
  'match',
  'fields',
] as const;

export function exportCsv(items: readonly Item[]): string {
  const data = items
    .map(cleanItemText)
    .map((item) =>
      [
        item.name,
        item.urls.join('\n'),
        item.username,
        item.password,
        item.notes,
        item.totp,
        item.favorite ? 'true' : 'false',
        item.match,
        item.fields.length > 0
          ? JSON.stringify(item.fields.map(({ name, value, hidden }) => ({ name, value, hidden })))
          : '',
      ].map(escapeCell),
    );
  // RFC 4180: every cell quoted (values hold commas, quotes and newlines), CRLF between records.
  return `${Papa.unparse({ fields: [...TESSERA_CSV_COLUMNS], data }, { quotes: true, newline: '\r\n' })}\r\n`;
}
