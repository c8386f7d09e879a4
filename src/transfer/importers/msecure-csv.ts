/**
 * mSecure CSV export (mSecure 6): no heading row; each record is
 * `Name|id, Type, Tag, Notes, Label|code|value, Label|code|value, ...`.
 *
 * Safety fact: a value may itself contain "|" ("username || lol"), so only the first two "|"
 * split label and type code from the value. Field type codes (from mSecure's export): 2 URL,
 * 7 username, 8 password, 9 secure text, 12 card number; 8, 9 and 12 are kept hidden.
 *
 * Mapping: for every type (logins, credit cards, notes, ...) the first URL, username and password
 * fields fill the item's slots and every other non-empty field becomes a custom field; the tag
 * becomes a "Folder" field (mSecure's "Unassigned" is no tag). Notes use "\n" for line breaks.
 * Expiry dates are written MM/YYYY ("04/0029" from old versions becomes "04/2029").
 */

import { peekRows, readCsv } from '../csv';
import { FieldList, ResultBuilder, webUrl } from '../result';
import type { Importer, ItemKind } from '../types';

const NAME = /^(.*)\|\d+$/s;
const FIELD = /^([^|]*)\|(\d+)\|(.*)$/s;

const KIND: Record<string, ItemKind> = {
  login: 'login',
  'web logins': 'login',
  'credit card': 'card',
  'credit cards': 'card',
  'secure note': 'note',
  note: 'note',
  identity: 'identity',
};

export const msecureCsv: Importer = {
  id: 'msecure-csv',
  label: 'mSecure (CSV)',
  extensions: ['.csv'],

  /**
   * From the first records, not the first alone: an export may start with notes, which have no
   * "Label|type|value" cells. Every record looked at must start with "Name|id" and have the four
   * columns; then one "Label|type|value" cell anywhere, or a type mSecure names, is enough.
   */
  detect(input) {
    const rows = peekRows(input, ',').filter((r) => !(r.length === 1 && r[0]!.trim() === ''));
    if (rows.length === 0 || !rows.every((r) => r.length >= 4 && NAME.test(r[0] ?? ''))) return 0;
    const hasField = rows.some((r) => r.slice(4).some((cell) => FIELD.test(cell)));
    const knownTypes = rows.every((r) => (r[1] ?? '').trim().toLowerCase() in KIND);
    return hasField || knownTypes ? 0.85 : 0;
  },

  parse(input) {
    const { records, cutOff } = readCsv(input, { header: false });
    const out = new ResultBuilder();
    for (const { row, cells } of records) {
      if (cells.length < 4) {
        out.skip(row, 'it has fewer than the four columns mSecure writes (name, type, tag, notes)');
        continue;
      }
      const [rawName = '', type = '', tag = '', notes = ''] = cells;
      let username = '';
      let password = '';
      const urls: string[] = [];
      const fields = new FieldList();
      for (const cell of cells.slice(4)) {
        const m = FIELD.exec(cell);
        if (!m) {
          fields.add('', cell);
          continue;
        }
        const [, label = '', code, value = ''] = m;
        if (!value.trim()) continue;
        if (code === '2') urls.push(webUrl(value));
        else if (code === '7' && !username) username = value;
        else if (code === '8' && !password) password = value;
        else if (code === '11') fields.add(label, expiry(value));
        else fields.add(label, value, code === '8' || code === '9' || code === '12');
      }
      fields.add('Folder', tag.trim() === 'Unassigned' ? '' : tag);
      out.add(row, {
        name: NAME.exec(rawName)?.[1] ?? rawName,
        username,
        password,
        urls,
        notes: notes.replaceAll('\\n', '\n'),
        fields: fields.list,
        kind: KIND[type.trim().toLowerCase()] ?? (type.trim() ? 'other' : undefined),
      });
    }
    out.leaveOut(cutOff);
    return out.finish();
  },
};

/** "5/26", "05/2026" or the old "04/0029" as MM/YYYY; anything else as it is. */
function expiry(value: string): string {
  const m = /^\s*(\d{1,2})\s*\/\s*(\d{2}|\d{4})\s*$/.exec(value);
  if (!m) return value;
  const month = m[1]!.padStart(2, '0');
  const year = Number(m[2]);
  return `${month}/${year < 100 ? 2000 + year : year}`;
}
