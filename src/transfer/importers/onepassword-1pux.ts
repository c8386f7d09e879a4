/**
 * 1Password 1PUX export (1Password 8): a zip whose export.data entry is JSON
 * (accounts → vaults → items). The bare export.data JSON is accepted too.
 *
 * Safety fact: only export.data is decompressed; attached files and Document items are not
 * imported (Tessera stores no files) and are reported, never dropped silently. Trashed items are
 * skipped with a reason; archived items are imported (the person kept them) and counted.
 *
 * Mapping: the designated username and password login fields fill the item's slots, the first
 * one-time-password field fills its TOTP; every other non-empty field (login form fields, section
 * fields of cards, identities, bank accounts, servers, ...) becomes a custom field, hidden when
 * 1Password conceals it (passwords, PINs, card numbers, extra TOTP seeds, SSH private keys).
 * Dates become YYYY-MM-DD, month-year values MM/YYYY. Tags become a "Tags" field; when the export
 * holds more than one vault, the vault name becomes a "Folder" field.
 *
 * Values: every shape 1Password writes is read (formatValue below lists them): a login field's value
 * may be an object too, such as a masked email ({ email_address, provider }), whose address is the
 * username; an SSH key keeps its public key, fingerprint and key type beside the private key. A
 * structured value of a shape this importer does not know is kept as JSON text in a field, and the
 * item is listed as changed in the preview, so nothing is dropped without a word.
 */

import { epochTimeMs } from '../dates';
import { isZip } from '../decode';
import { ImportError } from '../errors';
import { arr, isObject, type JsonObject, obj, peekJson, readJson, str } from '../json';
import { FieldList, humanize, plural, ResultBuilder } from '../result';
import type { Importer, ItemKind } from '../types';
import { readZipEntry, zipEntryNames } from '../zip';

const ENTRY = 'export.data';

const KIND: Record<string, ItemKind> = {
  '001': 'login',
  '002': 'card',
  '003': 'note',
  '004': 'identity',
  '005': 'login',
};
const DOCUMENT = '006';

export const onePassword1pux: Importer = {
  id: '1password-1pux',
  label: '1Password (1PUX)',
  extensions: ['.1pux'],

  detect(input) {
    if (isZip(input.bytes)) return (zipEntryNames(input) ?? []).includes(ENTRY) ? 1 : 0;
    const root = peekJson(input);
    return isObject(root) &&
      Array.isArray(root.accounts) &&
      arr(root.accounts).some((a) => Array.isArray(obj(a).vaults))
      ? 0.95
      : 0;
  },

  parse(input) {
    const root = readJson(
      isZip(input.bytes)
        ? readZipEntry(input, (n) => n === ENTRY, 'a 1Password export (export.data)')
        : input,
    );
    if (!isObject(root) || !Array.isArray(root.accounts)) {
      throw new ImportError('unknown-format', 'This is not a 1Password export: it has no "accounts" list.');
    }
    const vaults = arr(root.accounts).flatMap((a) => arr(obj(a).vaults).map(obj));
    const manyVaults = vaults.filter((v) => arr(v.items).length > 0).length > 1;
    const out = new ResultBuilder();
    let row = 0;
    for (const vault of vaults) {
      const vaultName = manyVaults ? str(obj(vault.attrs).name) : '';
      for (const raw of arr(vault.items)) {
        row += 1;
        readItem(row, raw, vaultName, out);
      }
    }
    return out.finish();
  },
};

function readItem(row: number, raw: unknown, vaultName: string, out: ResultBuilder): void {
  if (!isObject(raw)) {
    out.skip(row, 'it is not an item');
    return;
  }
  const overview = obj(raw.overview);
  const details = obj(raw.details);
  const name = str(overview.title);
  const category = str(raw.categoryUuid);
  if (raw.trashed === true || raw.state === 'trashed' || raw.state === 'deleted') {
    out.skip(row, 'it is in the 1Password trash', name);
    return;
  }
  if (category === DOCUMENT || isObject(details.documentAttributes)) {
    out.skip(row, 'it is a document (a stored file); Tessera does not store files', name);
    return;
  }
  if (raw.state === 'archived') {
    out.count(
      'archived',
      (n) =>
        `${plural(n, 'archived 1Password item was', 'archived 1Password items were')} imported like the others.`,
    );
  }

  let username = '';
  let password = str(details.password);
  let totp = '';
  const fields = new FieldList();
  const changes: string[] = [];
  for (const entry of arr(details.loginFields)) {
    const f = obj(entry);
    const label = str(f.name) || str(f.id);
    const value = loginFieldValue(f.value);
    if (value.unknown) changes.push(keptAsText(label || 'login field'));
    if (f.designation === 'username' && !username) username = value.text;
    else if (f.designation === 'password' && !password) password = value.text;
    else fields.add(label, value.text, f.fieldType === 'P' || value.hidden);
    for (const extra of value.extra ?? []) fields.add(extra.label, extra.text, extra.hidden);
  }
  for (const section of arr(details.sections)) {
    for (const entry of arr(obj(section).fields)) {
      const f = obj(entry);
      const value = fieldValue(obj(f.value));
      const label = str(f.title) || labelFromId(str(f.id), value.type);
      if (value.unknown) changes.push(keptAsText(label));
      if (value.file) {
        out.count(
          'files',
          (n) =>
            `${plural(n, 'attached file was', 'attached files were')} not imported: Tessera does not store files.`,
        );
      } else if (value.totp && !totp && value.text.trim()) {
        totp = value.text;
      } else {
        fields.add(label, value.text, value.hidden);
      }
      for (const extra of value.extra ?? []) fields.add(extra.label, extra.text, extra.hidden);
    }
  }
  const tags = arr(overview.tags).map(str).filter(Boolean);
  fields.add('Tags', tags.join(', ')).add('Folder', vaultName);
  out.count(
    'history',
    (n) =>
      `${plural(n, 'old password', 'old passwords')} (password history) ${n === 1 ? 'was' : 'were'} not imported: Tessera keeps only the current password.`,
    arr(details.passwordHistory).length,
  );

  const urls = arr(overview.urls).map((u) => str(obj(u).url));
  out.add(row, {
    name,
    urls: urls.length > 0 ? urls : [str(overview.url)],
    username,
    password,
    totp,
    notes: str(details.notesPlain),
    favorite: typeof raw.favIndex === 'number' && raw.favIndex > 0,
    fields: fields.list,
    kind: KIND[category] ?? 'other',
    changes,
    passwordChangedAt: passwordDate(details, raw),
  });
}

/**
 * The last password change: the newest time in the password history (1Password records when each
 * old password was replaced), else the item's creation; 1PUX times are in seconds.
 */
function passwordDate(details: JsonObject, raw: JsonObject): number | null {
  const replaced = arr(details.passwordHistory)
    .map((entry) => epochTimeMs(obj(entry).time, 's'))
    .filter((ms) => ms !== null);
  return replaced.length > 0 ? Math.max(...replaced) : epochTimeMs(raw.createdAt, 's');
}

function keptAsText(label: string): string {
  return `its field "${label.slice(0, 40)}" holds a kind of value Tessera does not know; it was kept as text (JSON) in a custom field`;
}

/**
 * A field saved without a title carries only a generated 26-character id ("xjo5wotvgz…"); its
 * value type ("Date", "Url") is a better label than that. Meaningful ids ("pin") are kept.
 */
function labelFromId(id: string, type: string): string {
  if (id && !/^[a-z2-7]{26}$/.test(id)) return id;
  return TYPE_LABELS[type] ?? humanize(type);
}

const TYPE_LABELS: Record<string, string> = { url: 'URL', totp: 'One-time password', string: 'Text' };

interface FieldValue {
  type: string;
  text: string;
  hidden: boolean;
  totp?: boolean;
  file?: boolean;
  /** A structured value of an unknown shape, kept as JSON text (the item is listed as changed). */
  unknown?: boolean;
  /** More fields the value carries (an SSH key's public key and fingerprint, an email's provider). */
  extra?: { label: string; text: string; hidden: boolean }[];
}

/**
 * A login field's value: usually a string; 1Password also writes objects there, such as a masked
 * email ({ email_address, provider }) for the username.
 */
function loginFieldValue(v: unknown): Omit<FieldValue, 'type'> {
  if (isObject(v)) {
    if ('email_address' in v) return formatValue('email', v);
    return unknownValue(v);
  }
  if (Array.isArray(v)) return unknownValue(v);
  return { text: str(v), hidden: false };
}

/** One section field's value object ({ "concealed": "…" }, { "monthYear": 202206 }, …) as text. */
function fieldValue(value: JsonObject): FieldValue {
  const [type, v] = Object.entries(value)[0] ?? ['string', ''];
  return { type, ...formatValue(type, v) };
}

function formatValue(type: string, v: unknown): Omit<FieldValue, 'type'> {
  switch (type) {
    case 'concealed':
    case 'creditCardNumber':
      return { text: str(v), hidden: true };
    case 'totp':
      return { text: str(v), hidden: true, totp: true };
    case 'email': {
      if (!isObject(v)) return { text: str(v), hidden: false };
      // A masked email (Fastmail, ...) names the service that forwards it.
      const provider = str(v.provider);
      return {
        text: str(v.email_address),
        hidden: false,
        extra: provider ? [{ label: 'Email provider', text: provider, hidden: false }] : [],
      };
    }
    case 'date':
      return { text: typeof v === 'number' ? isoDate(v) : str(v), hidden: false };
    case 'monthYear':
      return { text: typeof v === 'number' ? monthYear(v) : str(v), hidden: false };
    case 'address': {
      const a = obj(v);
      const parts = [a.street, a.city, a.state, a.zip, a.country].map(str).filter((p) => p.trim());
      return { text: parts.join(', '), hidden: false };
    }
    case 'sshKey': {
      if (!isObject(v)) return { text: str(v), hidden: true };
      // 1Password 8 writes { privateKey, metadata: { privateKey, publicKey, fingerprint, keyType } }.
      const meta = obj(v.metadata);
      return {
        text: str(v.privateKey) || str(meta.privateKey),
        hidden: true,
        extra: [
          { label: 'Public key', text: str(meta.publicKey) || str(v.publicKey), hidden: false },
          { label: 'Fingerprint', text: str(meta.fingerprint) || str(v.fingerprint), hidden: false },
          { label: 'Key type', text: str(meta.keyType) || str(v.keyType), hidden: false },
        ],
      };
    }
    case 'file':
      return { text: '', hidden: false, file: isObject(v) || str(v) !== '' };
    default:
      // string, phone, url, menu, gender, creditCardType, reference and types added later; a
      // structured value of a type not known here is kept as JSON text, and said so.
      return isObject(v) || Array.isArray(v) ? unknownValue(v) : { text: str(v), hidden: false };
  }
}

/** Hidden, since nothing says what it holds: masking a harmless value costs less than showing a secret. */
function unknownValue(v: unknown): Omit<FieldValue, 'type'> {
  return { text: structuredText(v), hidden: true, unknown: true };
}

/**
 * A structured value of a type this importer does not know, kept as JSON text. JSON.parse
 * accepts nesting a million levels deep that JSON.stringify cannot write back (it overflows the
 * stack), so such a value is left out rather than crashing the import.
 */
function structuredText(v: unknown): string {
  try {
    return JSON.stringify(v);
  } catch {
    return '';
  }
}

/** Seconds since 1970 as YYYY-MM-DD (UTC), or '' when out of range. */
function isoDate(seconds: number): string {
  const d = new Date(seconds * 1000);
  return Number.isNaN(d.getTime()) ? '' : d.toISOString().slice(0, 10);
}

/** 202206 → "06/2022". */
function monthYear(v: number): string {
  if (!Number.isInteger(v) || v <= 0) return '';
  const year = Math.floor(v / 100);
  const month = v % 100;
  return month >= 1 && month <= 12 ? `${String(month).padStart(2, '0')}/${year}` : String(v);
}
