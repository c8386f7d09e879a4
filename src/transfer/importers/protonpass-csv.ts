/**
 * Proton Pass CSV export: type,name,url,email,username,password,note,totp,createTime,modifyTime,
 * vault (older versions have no email column; newer ones add autofillUrls).
 *
 * Safety fact: Proton writes a card's or identity's content as JSON into the note column; that
 * JSON is unpacked into fields (the note inside it becomes the notes) instead of being imported
 * as an unreadable note. A note that is not such JSON is kept exactly as written.
 */

import { Columns, peekHeader, readCsv } from '../csv';
import { isObject, parseJsonText, str } from '../json';
import { FieldList, ResultBuilder, requireColumns } from '../result';
import type { Importer } from '../types';
import { applyUrlRules, type RuledUrl } from '../url-rules';
import { KIND, readAutofillUrls, readContentFields } from './protonpass-content';

const REQUIRED = ['type', 'name', 'url', 'username', 'password', 'note', 'totp', 'vault'];

export const protonPassCsv: Importer = {
  id: 'protonpass-csv',
  label: 'Proton Pass (CSV)',
  extensions: ['.csv'],

  detect(input) {
    const header = peekHeader(input).map((h) => h.toLowerCase());
    return REQUIRED.every((c) => header.includes(c)) ? 0.9 : 0;
  },

  parse(input) {
    const { header, records, cutOff } = readCsv(input, { header: true });
    requireColumns(header, REQUIRED, 'Proton Pass CSV');
    const col = new Columns(header);
    const vaults = new Set(records.map((r) => col.get(r.cells, 'vault')));
    const out = new ResultBuilder();
    for (const { row, cells } of records) {
      const type = col.get(cells, 'type').trim();
      const fields = new FieldList();
      const totp = { value: col.get(cells, 'totp') };
      let notes = col.get(cells, 'note');
      if (type === 'creditCard' || type === 'identity') {
        const content = contentJson(notes);
        if (content) {
          notes = str(content.note);
          readContentFields(content, fields, totp);
        }
      }
      const user = col.get(cells, 'username');
      const email = col.get(cells, 'email');
      if (user && email) fields.add('Email', email);
      if (vaults.size > 1) fields.add('Folder', col.get(cells, 'vault'));
      const rules = applyUrlRules(readUrls(col.get(cells, 'autofillUrls'), col.get(cells, 'url')), fields);
      out.add(row, {
        name: col.get(cells, 'name'),
        urls: rules.urls,
        match: rules.match,
        changes: rules.changes,
        username: user || email,
        password: col.get(cells, 'password'),
        notes,
        totp: totp.value,
        fields: fields.list,
        kind: KIND[type] ?? (type ? 'other' : undefined),
      });
    }
    out.leaveOut(cutOff);
    return out.finish();
  },
};

function contentJson(note: string): Record<string, unknown> | null {
  if (!note.trimStart().startsWith('{')) return null;
  try {
    const value = parseJsonText(note);
    return isObject(value) ? value : null;
  } catch {
    return null;
  }
}

/** The autofillUrls column (JSON [{url, mode}]) when present, else url (joined with ", "). */
function readUrls(autofill: string, url: string): RuledUrl[] {
  if (autofill.trim().startsWith('[')) {
    try {
      const list = parseJsonText(autofill);
      if (Array.isArray(list)) return readAutofillUrls(list);
    } catch {
      // fall back to the url column
    }
  }
  return url.split(/,\s+|\r?\n/).map((u) => ({ url: u, rule: null }));
}
