/**
 * Any other CSV, with a column-mapping step: suggestMapping proposes what each column holds from
 * its heading (English and a few other languages), the person corrects it in the options page,
 * and parseGenericCsv reads the file with that mapping.
 *
 * Safety fact: no column is dropped unless the mapping says "ignore": a column that is not mapped
 * to a slot becomes a custom field named after its heading (hidden when the heading names a
 * secret), so a mapping mistake shows up as an odd field rather than lost data.
 */

import Papa from 'papaparse';
import { peekHeader, readCsv } from '../csv';
import { decodeText } from '../decode';
import { ImportError } from '../errors';
import { looksLikeJson } from '../json';
import { FieldList, joinNotes, ResultBuilder, webUrl } from '../result';
import type { Importer, ImportInput, ImportResult } from '../types';

export type MappingTarget =
  | 'name'
  | 'url'
  | 'username'
  | 'password'
  | 'notes'
  | 'totp'
  | 'folder'
  | 'field'
  | 'ignore';

export const MAPPING_TARGETS: readonly MappingTarget[] = [
  'name',
  'url',
  'username',
  'password',
  'notes',
  'totp',
  'folder',
  'field',
  'ignore',
];

/** One target per column, in column order. */
export type ColumnMapping = readonly MappingTarget[];

const normal = (heading: string) => heading.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

/** Headings (normalised: lower case, letters and digits only) that name each slot. */
const EXACT: Record<Exclude<MappingTarget, 'field'>, string[]> = {
  name: [
    'name',
    'title',
    'sitename',
    'entry',
    'entryname',
    'itemname',
    'account',
    'service',
    'label',
    'nom',
    'titel',
    'titre',
    'nombre',
  ],
  url: [
    'url',
    'uri',
    'urls',
    'website',
    'site',
    'loginuri',
    'loginurl',
    'webaddress',
    'link',
    'domain',
    'hostname',
    'origin',
    'webseite',
    'siteweb',
    'sitioweb',
  ],
  username: [
    'username',
    'user',
    'login',
    'loginname',
    'userid',
    'loginusername',
    'email',
    'emailaddress',
    'mail',
    'benutzername',
    'benutzer',
    'utilisateur',
    'identifiant',
    'usuario',
    'nomdutilisateur',
  ],
  password: [
    'password',
    'pass',
    'passwd',
    'pwd',
    'passphrase',
    'loginpassword',
    'passwort',
    'kennwort',
    'motdepasse',
    'contraseña',
    'contrasena',
    'senha',
    'wachtwoord',
    'lösenord',
    'passord',
  ],
  notes: [
    'notes',
    'note',
    'comment',
    'comments',
    'extra',
    'remarks',
    'description',
    'memo',
    'info',
    'information',
    'notizen',
    'notiz',
    'bemerkung',
    'notas',
  ],
  totp: [
    'totp',
    'otp',
    'otpauth',
    '2fa',
    'mfa',
    'onetimepassword',
    'authenticator',
    'totpsecret',
    'logintotp',
    'twofactor',
    'otpsecret',
  ],
  folder: [
    'folder',
    'group',
    'grouping',
    'category',
    'vault',
    'collection',
    'collections',
    'path',
    'ordner',
    'dossier',
    'carpeta',
  ],
  ignore: [
    'id',
    'uuid',
    'guid',
    'icon',
    'favicon',
    'created',
    'createdat',
    'creationdate',
    'modified',
    'modifiedat',
    'lastmodified',
    'updated',
    'updatedat',
    'lastused',
    'timecreated',
    'timelastused',
    'timepasswordchanged',
    'createtime',
    'modifytime',
  ],
};

/** Second pass: a heading containing one of these ("Login Password", "Website URL"). */
const CONTAINS: [MappingTarget, RegExp][] = [
  ['totp', /totp|otp|2fa/],
  ['password', /password|passwort|passwd/],
  ['username', /username|user|email|login/],
  ['url', /url|website/],
  ['notes', /note|comment/],
  ['name', /name|title/],
];

const SECRET_HEADING = /password|passwort|\bpin\b|cvv|cvc|secret|security code|private key|token/i;

/** What each column probably holds. Each slot is suggested once (URLs may be several columns). */
export function suggestMapping(headers: readonly string[]): MappingTarget[] {
  const mapping: MappingTarget[] = headers.map(() => 'field');
  const taken = new Set<MappingTarget>();
  const assign = (i: number, target: MappingTarget) => {
    if (target !== 'url' && target !== 'ignore' && target !== 'folder' && taken.has(target)) return false;
    mapping[i] = target;
    taken.add(target);
    return true;
  };
  const normalised = headers.map(normal);
  const decided = new Set<number>();
  // Synonyms in priority order: with both "username" and "email" columns, "username" wins.
  for (const [target, names] of Object.entries(EXACT) as [MappingTarget, string[]][]) {
    for (const name of names) {
      normalised.forEach((h, i) => {
        if (!decided.has(i) && h === name && assign(i, target)) decided.add(i);
      });
    }
  }
  for (const [target, pattern] of CONTAINS) {
    normalised.forEach((h, i) => {
      if (!decided.has(i) && pattern.test(h) && assign(i, target)) decided.add(i);
    });
  }
  headers.forEach((h, i) => {
    if (!decided.has(i) && h.trim() === '') mapping[i] = 'ignore';
  });
  return mapping;
}

/** The delimiter (comma, semicolon or tab) papaparse finds in the first lines. */
export function guessDelimiter(text: string): string {
  const sample = text.slice(0, 64 * 1024);
  const found = Papa.parse(sample, { preview: 20, delimiter: '', delimitersToGuess: [',', ';', '\t'] }).meta
    .delimiter;
  return found === ';' || found === '\t' ? found : ',';
}

/** The headings and first rows of a CSV file, for the mapping screen. Throws ImportError. */
export function csvPreview(
  input: ImportInput,
  rows = 5,
): { headers: string[]; sample: string[][]; delimiter: string } {
  const text = decodeText(input);
  if (looksLikeJson(text)) throw new ImportError('unknown-format', 'This is a JSON file, not CSV.');
  const delimiter = guessDelimiter(text);
  const { header, records } = readCsv(input, { header: true, delimiter });
  return { headers: header, sample: records.slice(0, rows).map((r) => r.cells), delimiter };
}

/** Reads any CSV with a heading row, using `mapping` (one target per column). */
export function parseGenericCsv(input: ImportInput, mapping: ColumnMapping): ImportResult {
  const text = decodeText(input);
  const { header, records, cutOff } = readCsv(input, { header: true, delimiter: guessDelimiter(text) });
  if (mapping.length !== header.length) {
    throw new ImportError(
      'mapping',
      `The column mapping does not fit the file: it has ${header.length} columns but the mapping has ${mapping.length}.`,
    );
  }
  if (!mapping.some((t) => t === 'name' || t === 'url' || t === 'username' || t === 'password')) {
    throw new ImportError('mapping', 'Choose at least one column for the name, URL, username or password.');
  }
  const out = new ResultBuilder();
  for (const { row, cells } of records) {
    const slot: Partial<Record<'name' | 'username' | 'password' | 'totp', string>> = {};
    const urls: string[] = [];
    const notes: string[] = [];
    const fields = new FieldList();
    mapping.forEach((target, i) => {
      const value = cells[i] ?? '';
      const heading = header[i] || `Column ${i + 1}`;
      if (!value.trim() || target === 'ignore') return;
      switch (target) {
        case 'url':
          urls.push(...value.split(/\r?\n/).map(webUrl));
          break;
        case 'notes':
          notes.push(value);
          break;
        case 'folder':
          fields.add('Folder', value);
          break;
        case 'field':
          fields.add(heading, value, SECRET_HEADING.test(heading));
          break;
        default:
          // A second column for a one-value slot is kept as a field rather than dropped.
          if (slot[target] === undefined) slot[target] = value;
          else fields.add(heading, value, target === 'password' || SECRET_HEADING.test(heading));
      }
    });
    out.add(row, { ...slot, urls, notes: joinNotes(...notes), fields: fields.list });
  }
  out.leaveOut(cutOff);
  return out.finish();
}

export const genericCsv: Importer = {
  id: 'generic-csv',
  label: 'Other CSV (choose the columns)',
  extensions: ['.csv', '.txt'],

  /** Low confidence by design: any CSV with a recognisable column, offered when nothing else fits. */
  detect(input) {
    try {
      const text = decodeText(input);
      if (looksLikeJson(text)) return 0;
      const headers = peekHeader(input, guessDelimiter(text));
      if (headers.length < 2) return 0;
      const mapping = suggestMapping(headers);
      return mapping.some((t) => t === 'password' || t === 'username' || t === 'url') ? 0.3 : 0;
    } catch {
      return 0;
    }
  },

  parse(input) {
    const { headers } = csvPreview(input, 0);
    return parseGenericCsv(input, suggestMapping(headers));
  },
};
