/**
 * Bitwarden CSV export (personal: folder,favorite,type,name,notes,fields,reprompt,login_uri,
 * login_username,login_password,login_totp; organisation exports add collections).
 *
 * Safety fact: Bitwarden's CSV has no slot for hidden fields or for cards and identities (it only
 * exports logins and notes), so custom fields come in as visible fields; the JSON export keeps
 * more and is the better choice when both are available.
 */

import { Columns, peekHeader, readCsv } from '../csv';
import { FieldList, plural, ResultBuilder, requireColumns } from '../result';
import type { Importer } from '../types';

const SPECIFIC = [
  'login_uri',
  'login_username',
  'login_password',
  'login_totp',
  'reprompt',
  'collections',
  'archivedDate',
];

export const bitwardenCsv: Importer = {
  id: 'bitwarden-csv',
  label: 'Bitwarden (CSV)',
  extensions: ['.csv'],

  detect(input) {
    const header = peekHeader(input).map((h) => h.toLowerCase());
    if (!header.includes('name')) return 0;
    if (SPECIFIC.some((c) => header.includes(c.toLowerCase()))) return 0.9;
    // A notes-only export: "name,type,notes" (and folder/favorite/fields when present).
    return header.includes('type') && (header.includes('notes') || header.includes('fields')) ? 0.6 : 0;
  },

  parse(input) {
    const { header, records, cutOff } = readCsv(input, { header: true });
    requireColumns(header, ['name'], 'Bitwarden CSV');
    const col = new Columns(header);
    const out = new ResultBuilder();
    for (const { row, cells } of records) {
      const type = col.get(cells, 'type').trim().toLowerCase();
      const fields = new FieldList();
      for (const [name, value] of customFields(col.get(cells, 'fields')))
        fields.list.push({ name, value, hidden: false });
      fields.add('Folder', col.get(cells, 'folder')).add('Collections', col.get(cells, 'collections'));
      if (col.get(cells, 'reprompt').trim() === '1') {
        out.count(
          'reprompt',
          (n) =>
            `${plural(n, 'item asks', 'items ask')} for the master password again before filling in Bitwarden; Tessera has no such setting, so ${n === 1 ? 'it fills' : 'they fill'} like any other item.`,
        );
      }
      out.add(row, {
        name: col.get(cells, 'name'),
        notes: col.get(cells, 'notes'),
        favorite: col.get(cells, 'favorite').trim() === '1',
        urls: splitUris(col.get(cells, 'login_uri')),
        username: col.get(cells, 'login_username'),
        password: col.get(cells, 'login_password'),
        totp: col.get(cells, 'login_totp'),
        fields: fields.list,
        kind:
          type === 'note' ? 'note' : type === 'card' ? 'card' : type === 'identity' ? 'identity' : undefined,
      });
    }
    out.leaveOut(cutOff);
    return out.finish();
  },
};

/** Bitwarden writes several URIs into login_uri separated by commas. */
function splitUris(cell: string): string[] {
  return cell.split(',').map((u) => u.trim());
}

/**
 * Bitwarden writes custom fields one per line as "name: value". The first ": " splits, since
 * values (URLs, times) are likelier than names to contain one; a line without it is a name with
 * an empty value.
 */
function customFields(cell: string): [string, string][] {
  if (!cell.trim()) return [];
  return cell.split(/\r?\n/).flatMap((line): [string, string][] => {
    if (!line.trim()) return [];
    const at = line.indexOf(': ');
    return at < 0 ? [[line.trim(), '']] : [[line.slice(0, at).trim(), line.slice(at + 2)]];
  });
}
