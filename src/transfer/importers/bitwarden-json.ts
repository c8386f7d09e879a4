/**
 * Bitwarden JSON export (unencrypted), personal or organisation: logins, secure notes, cards,
 * identities and SSH keys; also the "ZIP (with attachments)" export, a zip holding that JSON as
 * data.json beside attachments/<item id>/<file> (the files are counted in a warning, not imported).
 *
 * Safety fact: encrypted Bitwarden exports (password-protected or account-restricted) are refused
 * with ImportError('encrypted') telling the person to export "JSON" rather than "JSON (Encrypted)";
 * Tessera does not implement Bitwarden's export cryptography.
 *
 * Mapping: cards, identities and SSH keys are kept as items whose data is in custom fields (hidden
 * for card numbers, codes and private keys), so nothing a Bitwarden user stored disappears. The
 * folder and collection names become "Folder" / "Collections" fields. Passkeys (fido2Credentials)
 * come with their keys (bitwarden-fido2.ts); one Tessera cannot use is counted in a warning, as is
 * password history, which has no place in Tessera. Each URI's match setting is read
 * (url-rules.ts): host, starts-with, exact and regex all become "host" (the closest stricter rule);
 * a URI set to "never" among URIs that fill is kept out of the item's URLs (in a "Never fill on"
 * field) and the item listed as changed; an item whose every URI is "never" stays "never".
 */

import type { UrlMatch } from '../../vault/types';
import { passkeysFromFido2 } from '../bitwarden-fido2';
import { isoTimeMs } from '../dates';
import { isZip } from '../decode';
import { ImportError } from '../errors';
import { arr, isObject, type JsonObject, obj, peekJson, readJson, str } from '../json';
import { FieldList, plural, ResultBuilder } from '../result';
import type { Importer, ImportInput, ItemKind } from '../types';
import { applyUrlRules } from '../url-rules';
import { peekZipJson, readZipEntry, zipEntryNames } from '../zip';

/** The zip export's entries: the JSON at the top level, attached files under attachments/. */
const DATA_JSON = (name: string) => name === 'data.json';
const ATTACHMENT = /^attachments\/.+[^/]$/;

/** How sure the file's JSON value is a Bitwarden export. */
function bitwardenShape(root: unknown): number {
  if (!isObject(root)) return 0;
  if (root.encrypted === true && ('encKeyValidation_DO_NOT_EDIT' in root || 'data' in root)) return 0.95;
  if (!Array.isArray(root.items)) return 0;
  // Other managers (Enpass, Psono) also write { folders, items }: Bitwarden's items have a
  // numeric cipher type and a name; an empty export is recognised by Bitwarden's "encrypted" flag.
  const first = root.items[0];
  if (first === undefined) return 'encrypted' in root ? 0.95 : 0;
  return isObject(first) && typeof first.type === 'number' && typeof first.name === 'string' ? 0.95 : 0;
}

/** The JSON text of the export: the file itself, or the zip's data.json. */
function jsonInput(input: ImportInput): ImportInput {
  return isZip(input.bytes) ? readZipEntry(input, DATA_JSON, 'a Bitwarden export (data.json)') : input;
}

/** Bitwarden's cipher types (CipherType enum). */
const KIND: Record<number, ItemKind> = { 1: 'login', 2: 'note', 3: 'card', 4: 'identity', 5: 'other' };

/** Bitwarden's UriMatchStrategy: 0 domain, 1 host, 2 starts-with, 3 exact, 4 regex, 5 never; null default. */
function matchOf(value: unknown): UrlMatch | null {
  if (value === 5) return 'never';
  if (value === 1 || value === 2 || value === 3 || value === 4) return 'host';
  return value === 0 ? 'domain' : null;
}

const IDENTITY: [key: string, label: string, hidden?: boolean][] = [
  ['title', 'Title'],
  ['firstName', 'First name'],
  ['middleName', 'Middle name'],
  ['lastName', 'Last name'],
  ['username', 'Username'],
  ['company', 'Company'],
  ['email', 'Email'],
  ['phone', 'Phone'],
  ['address1', 'Address 1'],
  ['address2', 'Address 2'],
  ['address3', 'Address 3'],
  ['city', 'City'],
  ['state', 'State / province'],
  ['postalCode', 'Postal code'],
  ['country', 'Country'],
  ['ssn', 'Social security number', true],
  ['passportNumber', 'Passport number', true],
  ['licenseNumber', 'License number', true],
];

export const bitwardenJson: Importer = {
  id: 'bitwarden-json',
  label: 'Bitwarden (JSON or ZIP)',
  extensions: ['.json', '.zip'],

  detect(input) {
    return bitwardenShape(isZip(input.bytes) ? peekZipJson(input, DATA_JSON) : peekJson(input));
  },

  parse(input) {
    const root = readJson(jsonInput(input));
    if (!isObject(root))
      throw new ImportError('unknown-format', 'This is not a Bitwarden export: it is not a JSON object.');
    if (root.encrypted === true) {
      throw new ImportError(
        'encrypted',
        root.passwordProtected === true
          ? 'This Bitwarden export is password-protected, which Tessera cannot read. In Bitwarden, export again with the file format "JSON" (not "JSON (Encrypted)"), import that file, then delete it.'
          : 'This Bitwarden export is encrypted with your Bitwarden account key, which Tessera cannot read. In Bitwarden, export again with the file format "JSON" (not "JSON (Encrypted)"), import that file, then delete it.',
      );
    }
    if (!Array.isArray(root.items)) {
      throw new ImportError('unknown-format', 'This is not a Bitwarden export: it has no "items" list.');
    }
    const folders = namesById(root.folders);
    const collections = namesById(root.collections);
    const out = new ResultBuilder();
    if (isZip(input.bytes)) {
      out.count(
        'files',
        (n) =>
          `${plural(n, 'attached file was', 'attached files were')} not imported: Tessera does not store files. They stay in the zip archive.`,
        (zipEntryNames(input) ?? []).filter((n) => ATTACHMENT.test(n)).length,
      );
    }
    root.items.forEach((raw, i) => {
      const row = i + 1;
      if (!isObject(raw)) {
        out.skip(row, 'it is not an item');
        return;
      }
      const name = str(raw.name);
      if (raw.deletedDate) {
        out.skip(row, 'it is in the Bitwarden trash', name);
        return;
      }
      const kind = typeof raw.type === 'number' ? (KIND[raw.type] ?? 'other') : 'other';
      const fields = new FieldList();
      readFields(raw, fields, out);
      if (kind === 'card') readCard(obj(raw.card), fields);
      if (kind === 'identity')
        for (const [key, label, hidden] of IDENTITY) fields.add(label, str(obj(raw.identity)[key]), hidden);
      if (raw.type === 5) {
        const ssh = obj(raw.sshKey);
        fields
          .add('Private key', str(ssh.privateKey), true)
          .add('Public key', str(ssh.publicKey))
          .add('Fingerprint', str(ssh.keyFingerprint));
      }
      fields.add('Folder', folders.get(str(raw.folderId)) ?? '');
      const inCollections = arr(raw.collectionIds)
        .map((id) => collections.get(str(id)) ?? '')
        .filter(Boolean);
      fields.add('Collections', inCollections.join(', '));

      const login = obj(raw.login);
      const uris = arr(login.uris).map(obj);
      const { passkeys, unusable } = passkeysFromFido2(arr(login.fido2Credentials));
      out.count(
        'passkeys',
        (n) =>
          `${plural(n, 'passkey was', 'passkeys were')} not imported: ${n === 1 ? 'its key is' : 'their keys are'} missing or of a kind Tessera cannot use (only ECDSA P-256). They stay in Bitwarden.`,
        unusable,
      );
      out.count(
        'history',
        (n) =>
          `${plural(n, 'old password', 'old passwords')} (password history) ${n === 1 ? 'was' : 'were'} not imported: Tessera keeps only the current password.`,
        arr(raw.passwordHistory).length,
      );
      if (raw.reprompt === 1) {
        out.count(
          'reprompt',
          (n) =>
            `${plural(n, 'item asks', 'items ask')} for the master password again before filling in Bitwarden; Tessera has no such setting, so ${n === 1 ? 'it fills' : 'they fill'} like any other item.`,
        );
      }
      if (uris.some((u) => u.match === 4)) {
        out.count(
          'regex',
          (n) =>
            `${plural(n, 'item uses', 'items use')} a Bitwarden regular-expression URI; Tessera matches ${n === 1 ? 'it' : 'them'} by host, so check ${n === 1 ? 'its URL' : 'their URLs'}.`,
        );
      }
      const rules = applyUrlRules(
        uris.map((u) => ({ url: str(u.uri), rule: matchOf(u.match) })),
        fields,
      );
      // A URI with a rule but no address is how Tessera's export carries an item-level rule.
      const ruleOnly = uris.length === 1 && !str(uris[0]?.uri).trim() ? matchOf(uris[0]?.match) : null;
      out.add(row, {
        name,
        notes: str(raw.notes),
        favorite: raw.favorite === true,
        urls: rules.urls,
        match: ruleOnly ?? rules.match,
        changes: rules.changes,
        username: str(login.username),
        password: str(login.password),
        totp: str(login.totp),
        fields: fields.list,
        passkeys,
        kind,
        passwordChangedAt: passwordDate(raw, login),
      });
    });
    return out.finish();
  },
};

/**
 * The last password change: the login's passwordRevisionDate where present (Bitwarden's CLI
 * `bw list items` and Tessera's export write it), else the newest lastUsedDate of the password
 * history (when a replaced password was last in use, i.e. replaced), else the item's creation.
 */
function passwordDate(raw: JsonObject, login: JsonObject): number | null {
  const replaced = arr(raw.passwordHistory)
    .map((entry) => isoTimeMs(obj(entry).lastUsedDate))
    .filter((ms) => ms !== null);
  return (
    isoTimeMs(login.passwordRevisionDate) ??
    (replaced.length > 0 ? Math.max(...replaced) : isoTimeMs(raw.creationDate))
  );
}

function namesById(list: unknown): Map<string, string> {
  const names = new Map<string, string>();
  for (const entry of arr(list)) {
    const { id, name } = obj(entry);
    if (typeof id === 'string') names.set(id, str(name));
  }
  return names;
}

/** Bitwarden FieldType: 0 text, 1 hidden, 2 boolean, 3 linked (points at another field; no value). */
function readFields(raw: JsonObject, fields: FieldList, out: ResultBuilder): void {
  for (const entry of arr(raw.fields)) {
    const f = obj(entry);
    if (f.type === 3) {
      out.count(
        'linked',
        (n) =>
          `${plural(n, 'linked custom field was', 'linked custom fields were')} left out: ${n === 1 ? 'it only points' : 'they only point'} at the username or password, which were imported.`,
      );
      continue;
    }
    // Kept even when empty: an empty field is what the person saved, and it round-trips.
    fields.list.push({ name: str(f.name), value: str(f.value), hidden: f.type === 1 });
  }
}

function readCard(card: JsonObject, fields: FieldList): void {
  const month = str(card.expMonth).trim();
  const year = str(card.expYear).trim();
  const expiry = month && year ? `${month.padStart(2, '0')}/${year}` : month || year;
  fields
    .add('Cardholder name', str(card.cardholderName))
    .add('Brand', str(card.brand))
    .add('Number', str(card.number), true)
    .add('Expiration', expiry)
    .add('Security code', str(card.code), true);
}
