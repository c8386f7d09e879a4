/**
 * 1Password CSV exports: 1Password 8 (Title,Url,Username,Password,OTPAuth,Favorite,Archived,Tags,
 * Notes), and 1Password 7's two layouts, Mac ("label(id)" columns for every category plus Title,
 * Type, Username, Password, URL, Notes, Tags) and Windows (UUID, TITLE, ..., then "SECTION n: …"
 * headings and "SECTION n: LABEL" field columns).
 *
 * Safety fact: columns are classified by heading, never by position, so a layout change cannot
 * move a password into the notes. Every non-empty column that is not a known slot becomes a
 * custom field (hidden when its heading names a secret), except copies of the username or password
 * that 1Password 7 writes twice (EMAIL, MASTER-PASSWORD, username(username)).
 */

import type { CustomField } from '../../vault/types';
import { type CsvTable, peekHeader, readCsv } from '../csv';
import { ImportError } from '../errors';
import { plural, ResultBuilder, requireColumns } from '../result';
import type { Importer, ImportInput, ItemKind } from '../types';

type Slot =
  | 'name'
  | 'username'
  | 'password'
  | 'url'
  | 'notes'
  | 'totp'
  | 'tags'
  | 'favorite'
  | 'archived'
  | 'type'
  | 'ignore';

const SLOTS: Record<string, Slot> = {
  title: 'name',
  username: 'username',
  password: 'password',
  url: 'url',
  urls: 'url',
  notes: 'notes',
  otpauth: 'totp',
  tags: 'tags',
  favorite: 'favorite',
  archived: 'archived',
  type: 'type',
  uuid: 'ignore',
  scope: 'ignore',
  autosubmit: 'ignore',
  'created date': 'ignore',
  'modified date': 'ignore',
  '': 'ignore',
};

const KIND: Record<string, ItemKind> = {
  login: 'login',
  password: 'login',
  'secure note': 'note',
  'credit card': 'card',
  identity: 'identity',
};

const SECRET =
  /password|\bpin\b|cvv|verification|secret|account.?key|ccnum|reg_code|license key|reminder ?answer|remindera/i;
const LOGIN_COPY = /user|e-?mail|password/i;

interface Column {
  index: number;
  slot: Slot | 'field';
  label: string;
  hidden: boolean;
}

/** Classifies one heading: a known slot, a section title to ignore, or a custom field. */
function classify(heading: string, index: number): Column {
  // 1Password 7 puts zero-width spaces into some headings ("auth\u200b method").
  const trimmed = heading.replace(/[\u200b-\u200d\ufeff]/g, '').trim();
  const exact = SLOTS[trimmed.toLowerCase()];
  if (exact) return { index, slot: exact, label: trimmed, hidden: false };
  // Windows: "SECTION 2: ADDRESS" holds the section's title, not data.
  if (/^section \d+:/i.test(trimmed)) return { index, slot: 'ignore', label: trimmed, hidden: false };
  // Mac: "cardholder name(cardholder)"; Windows: "NAME 1: FIRST NAME" or "1: CARDHOLDER NAME".
  const mac = /^(.*)\(([^()]*)\)$/.exec(trimmed);
  const win = /^(?:.*?\s)?\d+:\s*(.*)$/.exec(trimmed);
  const label = sentenceCase(mac ? mac[1]!.trim() : win ? win[1]!.trim() : trimmed);
  const id = mac ? mac[2]! : '';
  if (label.toLowerCase() === 'url') return { index, slot: 'url', label, hidden: false };
  const hidden = SECRET.test(label) || SECRET.test(id) || label.toLowerCase() === 'number';
  return { index, slot: 'field', label, hidden };
}

/** 1Password 7 for Windows writes headings in capitals; "FIRST NAME" reads better as "First name". */
function sentenceCase(label: string): string {
  if (label !== label.toUpperCase() || !/[A-Z]/.test(label)) return label;
  const lower = label.toLowerCase();
  return lower.charAt(0).toUpperCase() + lower.slice(1);
}

/** Tags: "a, b" or, from 1Password 7 for Mac, an NSArray description: {( "Starter Kit", x )}. */
function parseTags(cell: string): string[] {
  let body = cell.trim();
  if (body.startsWith('{(') && body.endsWith(')}')) body = body.slice(2, -2);
  return body
    .split(',')
    .map((t) =>
      t
        .trim()
        .replace(/^"(.*)"$/s, '$1')
        .replace(/\\"/g, '"')
        .trim(),
    )
    .filter(Boolean);
}

/**
 * 1Password 7 for Mac escapes quotes inside values as \" where RFC 4180 doubles them; other
 * versions follow the RFC. The RFC reading is tried first; only if it finds misplaced quotes is
 * the backslash reading tried, and if that fails too the RFC error is reported.
 */
function readOnePasswordCsv(input: ImportInput): CsvTable {
  try {
    return readCsv(input, { header: true });
  } catch (rfcError) {
    if (!(rfcError instanceof ImportError)) throw rfcError;
    try {
      return readCsv(input, { header: true, escapeChar: '\\' });
    } catch {
      throw rfcError;
    }
  }
}

/** Layouts without a Type column (Windows): a card or identity is recognisable by its fields. */
function kindFromFields(fields: readonly CustomField[]): ItemKind | undefined {
  const names = new Set(fields.map((f) => f.name.toLowerCase()));
  if (names.has('cardholder name') || names.has('verification number')) return 'card';
  if (names.has('first name') || names.has('last name')) return 'identity';
  return undefined;
}

const truthy = (cell: string) => /^(true|1|yes)$/i.test(cell.trim());

export const onePasswordCsv: Importer = {
  id: '1password-csv',
  label: '1Password (CSV)',
  extensions: ['.csv'],

  detect(input) {
    const header = peekHeader(input).map((h) => h.toLowerCase());
    const has = (c: string) => header.includes(c);
    if (!has('title')) return 0;
    if (has('uuid') && has('scope') && has('autosubmit')) return 0.9; // 1Password 7, Windows
    if (has('type') && has('scope') && header.some((h) => /\(.+\)$/.test(h))) return 0.9; // 7, Mac
    if (
      has('url') &&
      has('username') &&
      has('password') &&
      (has('otpauth') || has('archived')) &&
      has('favorite')
    )
      return 0.85; // 8
    return 0;
  },

  parse(input) {
    const { header, records, cutOff } = readOnePasswordCsv(input);
    requireColumns(header, ['Title'], '1Password CSV');
    const columns = header.map(classify);
    const out = new ResultBuilder();
    for (const { row, cells } of records) {
      let name = '';
      let username = '';
      let password = '';
      let notes = '';
      let totp = '';
      let kind: ItemKind | undefined;
      let favorite = false;
      const urls: string[] = [];
      const tags: string[] = [];
      const candidates: CustomField[] = [];
      for (const c of columns) {
        const value = cells[c.index] ?? '';
        if (!value.trim()) continue;
        switch (c.slot) {
          case 'name':
            name ||= value;
            break;
          case 'username':
            username ||= value;
            break;
          case 'password':
            password ||= value;
            break;
          case 'url':
            urls.push(...value.split(/\r?\n/));
            break;
          case 'notes':
            notes ||= value;
            break;
          case 'totp':
            totp ||= value;
            break;
          case 'tags':
            tags.push(...parseTags(value));
            break;
          case 'favorite':
            favorite = truthy(value);
            break;
          case 'archived':
            if (truthy(value))
              out.count(
                'archived',
                (n) =>
                  `${plural(n, 'archived 1Password item was', 'archived 1Password items were')} imported like the others.`,
              );
            break;
          case 'type':
            kind = KIND[value.trim().toLowerCase()] ?? 'other';
            break;
          case 'field':
            candidates.push({ name: c.label, value, hidden: c.hidden });
            break;
          case 'ignore':
            break;
        }
      }
      const fields = candidates.filter(
        (f) => !(LOGIN_COPY.test(f.name) && (f.value === username || f.value === password)),
      );
      if (tags.length > 0) fields.push({ name: 'Tags', value: tags.join(', '), hidden: false });
      kind ??= kindFromFields(fields);
      out.add(row, { name, username, password, urls, notes, totp, favorite, fields, kind });
    }
    out.leaveOut(cutOff);
    return out.finish();
  },
};
