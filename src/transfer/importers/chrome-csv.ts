/**
 * Chrome and Edge "Export passwords" CSV: name,url,username,password and, since 2023, note.
 *
 * Safety fact: Chrome's `name` is usually just the site's host; it is kept as the item name.
 * Android app logins ("android://…@com.example.app/") keep their URL as it is.
 */

import { Columns, peekHeader, readCsv } from '../csv';
import { ResultBuilder, requireColumns } from '../result';
import type { Importer } from '../types';

const REQUIRED = ['url', 'username', 'password'];
const KNOWN = new Set(['name', 'url', 'username', 'password', 'note']);

export const chromeCsv: Importer = {
  id: 'chrome-csv',
  label: 'Chrome / Edge (CSV)',
  extensions: ['.csv'],

  detect(input) {
    const header = peekHeader(input).map((h) => h.toLowerCase());
    if (!REQUIRED.every((c) => header.includes(c))) return 0;
    return header.every((h) => KNOWN.has(h)) ? 0.9 : 0;
  },

  parse(input) {
    const { header, records, cutOff } = readCsv(input, { header: true });
    requireColumns(header, REQUIRED, 'Chrome passwords');
    const col = new Columns(header);
    const out = new ResultBuilder();
    for (const { row, cells } of records) {
      out.add(row, {
        name: col.get(cells, 'name'),
        urls: [col.get(cells, 'url')],
        username: col.get(cells, 'username'),
        password: col.get(cells, 'password'),
        notes: col.get(cells, 'note'),
      });
    }
    out.leaveOut(cutOff);
    return out.finish();
  },
};
