/**
 * KeePassXC CSV export: "Group","Title","Username","Password","URL","Notes", and since 2.6
 * "TOTP","Icon","Last Modified","Created" (newer versions may add "Tags").
 *
 * Safety fact: entries in the Recycle Bin group are skipped with a reason, as the trash of the
 * other managers is. The group path (without the database's root group) is kept as a "Folder"
 * field, since Tessera has no folders and the path is how people find entries again.
 */

import { Columns, peekHeader, readCsv } from '../csv';
import { FieldList, ResultBuilder, requireColumns } from '../result';
import type { Importer } from '../types';

const REQUIRED = ['Group', 'Title', 'Username', 'Password', 'URL', 'Notes'];

export const keepassxcCsv: Importer = {
  id: 'keepassxc-csv',
  label: 'KeePassXC (CSV)',
  extensions: ['.csv'],

  detect(input) {
    const header = peekHeader(input).map((h) => h.toLowerCase());
    return REQUIRED.every((c) => header.includes(c.toLowerCase())) ? 0.9 : 0;
  },

  parse(input) {
    const { header, records, cutOff } = readCsv(input, { header: true });
    requireColumns(header, REQUIRED, 'KeePassXC CSV');
    const col = new Columns(header);
    const out = new ResultBuilder();
    for (const { row, cells } of records) {
      const title = col.get(cells, 'Title');
      const path = col.get(cells, 'Group').split('/');
      const folder = path.slice(1).join('/');
      if (path[1] === 'Recycle Bin') {
        out.skip(row, 'it is in the KeePassXC Recycle Bin', title);
        continue;
      }
      const fields = new FieldList().add('Folder', folder).add('Tags', col.get(cells, 'Tags'));
      out.add(row, {
        name: title,
        username: col.get(cells, 'Username'),
        password: col.get(cells, 'Password'),
        urls: [col.get(cells, 'URL')],
        notes: col.get(cells, 'Notes'),
        totp: col.get(cells, 'TOTP'),
        fields: fields.list,
      });
    }
    out.leaveOut(cutOff);
    return out.finish();
  },
};
