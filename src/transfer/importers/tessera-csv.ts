/**
 * Tessera's own CSV export, read back: name,url,username,password,notes,totp,favorite,match,fields
 * (see ../export-csv.ts). URLs are one per line in their cell; fields are a JSON array of
 * {name, value, hidden}, so hidden flags survive.
 *
 * Safety fact: this is the only importer that reverses the formula-injection escape (a leading
 * "'"), because only Tessera's exporter adds it; everything else is read exactly as written.
 */

import * as v from 'valibot';
import { CustomFieldSchema } from '../../vault/item-schema';
import type { CustomField, UrlMatch } from '../../vault/types';
import { Columns, peekHeader, readCsv } from '../csv';
import { TESSERA_CSV_COLUMNS } from '../export-csv';
import { unescapeCell } from '../formula';
import { parseJsonText } from '../json';
import { ResultBuilder, requireColumns } from '../result';
import type { Importer } from '../types';

const FIELDS = v.array(CustomFieldSchema);
const MATCHES: readonly UrlMatch[] = ['domain', 'host', 'never'];

export const tesseraCsv: Importer = {
  id: 'tessera-csv',
  label: 'Tessera (CSV)',
  extensions: ['.csv'],

  detect(input) {
    const header = peekHeader(input);
    return TESSERA_CSV_COLUMNS.every((c, i) => header[i] === c) ? 1 : 0;
  },

  parse(input) {
    // Tessera's exporter ends every record with CRLF, so a missing final line break means cut off.
    const { header, records, cutOff } = readCsv(input, { header: true, endsWithNewline: true });
    requireColumns(header, TESSERA_CSV_COLUMNS, 'Tessera CSV');
    const col = new Columns(header);
    const out = new ResultBuilder();
    for (const { row, cells } of records) {
      const get = (name: string) => unescapeCell(col.get(cells, name));
      const fields = readFields(get('fields'));
      if (!fields) {
        out.skip(row, 'its fields column is not the list Tessera writes', get('name'));
        continue;
      }
      const match = get('match') as UrlMatch;
      out.add(row, {
        name: get('name'),
        urls: get('url').split(/\r?\n/),
        username: get('username'),
        password: get('password'),
        notes: get('notes'),
        totp: get('totp'),
        favorite: get('favorite') === 'true',
        match: MATCHES.includes(match) ? match : 'domain',
        fields,
      });
    }
    out.leaveOut(cutOff);
    return out.finish();
  },
};

function readFields(cell: string): CustomField[] | null {
  if (!cell.trim()) return [];
  try {
    const parsed = v.safeParse(FIELDS, parseJsonText(cell));
    return parsed.success ? parsed.output : null;
  } catch {
    return null;
  }
}
