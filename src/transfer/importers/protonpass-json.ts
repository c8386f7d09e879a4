/**
 * Proton Pass export: the .zip Proton Pass writes ("Proton Pass/data.json" plus attached files),
 * or its data.json on its own.
 *
 * Safety fact: PGP-encrypted exports (data.pgp, or an armored "BEGIN PGP MESSAGE" file) are
 * refused with ImportError('encrypted'): export again without encryption. Trashed items (state 2)
 * are skipped with a reason; attached files are not imported.
 *
 * Mapping: logins keep username (itemUsername, or the email when there is no username; the email
 * becomes an "Email" field when both exist), password, URLs, TOTP and extra fields (the first extra
 * TOTP fills the item's TOTP when it has none, others stay hidden fields). Aliases come in with the
 * alias address as username. Cards, identities and other types keep their content as fields.
 * Pinned items become favourites. With more than one vault, the vault name becomes a "Folder" field.
 * Per-URL autofill modes (autofillUrls) go through url-rules.ts: a URL set never to fill is never
 * made a fill URL.
 */

import { decodeText, isZip } from '../decode';
import { ImportError } from '../errors';
import { arr, isObject, obj, peekJson, readJson, str } from '../json';
import { FieldList, plural, ResultBuilder } from '../result';
import type { Importer, ImportInput } from '../types';
import { applyUrlRules } from '../url-rules';
import { peekZipJson, readZipEntry, zipEntryNames } from '../zip';
import { KIND, readAutofillUrls, readContentFields, readExtraField } from './protonpass-content';

const DATA_JSON = /(^|\/)data\.json$/;
const DATA_PGP = /(^|\/)data\.pgp$/;
const TRASHED = 2;

function encrypted(): ImportError {
  return new ImportError(
    'encrypted',
    'This Proton Pass export is encrypted with PGP, which Tessera cannot read. In Proton Pass, export again without encryption (Settings → Export, format "JSON" or "ZIP"), import that file, then delete it.',
  );
}

function isArmoredPgp(input: ImportInput): boolean {
  try {
    return decodeText(input).trimStart().startsWith('-----BEGIN PGP MESSAGE-----');
  } catch {
    return false;
  }
}

function protonShape(root: unknown): boolean {
  return isObject(root) && isObject(root.vaults) && ('userId' in root || 'version' in root);
}

export const protonPassJson: Importer = {
  id: 'protonpass-json',
  label: 'Proton Pass (JSON or ZIP)',
  extensions: ['.json', '.zip', '.pgp'],

  detect(input) {
    if (isZip(input.bytes)) {
      // Bitwarden's zip export has a data.json too: the JSON's shape tells them apart.
      if ((zipEntryNames(input) ?? []).some((n) => DATA_PGP.test(n))) return 0.95;
      return protonShape(peekZipJson(input, (n) => DATA_JSON.test(n))) ? 0.95 : 0;
    }
    if (/\.pgp$/i.test(input.name) && isArmoredPgp(input)) return 0.9;
    return protonShape(peekJson(input)) ? 0.95 : 0;
  },

  parse(input) {
    let data = input;
    if (isZip(input.bytes)) {
      if ((zipEntryNames(input) ?? []).some((n) => DATA_PGP.test(n))) throw encrypted();
      data = readZipEntry(input, (n) => DATA_JSON.test(n), 'a Proton Pass export (data.json)');
    } else if (isArmoredPgp(input)) {
      throw encrypted();
    }
    const root = readJson(data);
    if (!isObject(root) || !isObject(root.vaults)) {
      throw new ImportError('unknown-format', 'This is not a Proton Pass export: it has no "vaults".');
    }
    if (root.encrypted === true) throw encrypted();
    const vaults = Object.values(root.vaults).map(obj);
    const manyVaults = vaults.filter((v) => arr(v.items).length > 0).length > 1;
    const out = new ResultBuilder();
    let row = 0;
    for (const vault of vaults) {
      const folder = manyVaults ? str(vault.name) : '';
      for (const raw of arr(vault.items)) {
        row += 1;
        readItem(row, raw, folder, out);
      }
    }
    return out.finish();
  },
};

function readItem(row: number, raw: unknown, folder: string, out: ResultBuilder): void {
  if (!isObject(raw)) {
    out.skip(row, 'it is not an item');
    return;
  }
  const data = obj(raw.data);
  const metadata = obj(data.metadata);
  const content = obj(data.content);
  const type = str(data.type);
  const name = str(metadata.name);
  if (raw.state === TRASHED) {
    out.skip(row, 'it is in the Proton Pass trash', name);
    return;
  }
  const fields = new FieldList();
  const totp = { value: str(content.totpUri) };
  let username = '';
  if (type === 'login') {
    const user = str(content.itemUsername) || str(content.username);
    const email = str(content.itemEmail);
    username = user || email;
    if (user && email) fields.add('Email', email);
  } else if (type === 'alias') {
    username = str(raw.aliasEmail);
  } else {
    readContentFields(content, fields, totp);
  }
  for (const extra of arr(data.extraFields)) readExtraField(extra, fields, totp);
  fields.add('Folder', folder);
  // Proton Pass exports a passkey as an opaque blob of its own ("content"), whose layout is not
  // published and of which no real sample exists to test against (every passkeys list in
  // ../shared/corpus is empty); guessing at it could store a key that signs wrongly. Counted, so
  // the person knows they stay behind.
  out.count(
    'passkeys',
    (n) =>
      `${plural(n, 'passkey was', 'passkeys were')} not imported: Tessera cannot read Proton Pass's passkey format. ${n === 1 ? 'It stays' : 'They stay'} in Proton Pass.`,
    arr(content.passkeys).length,
  );
  out.count(
    'files',
    (n) =>
      `${plural(n, 'attached file was', 'attached files were')} not imported: Tessera does not store files.`,
    arr(raw.files).length,
  );
  const rules = applyUrlRules(
    Array.isArray(content.autofillUrls)
      ? readAutofillUrls(content.autofillUrls)
      : arr(content.urls).map((u) => ({ url: str(u), rule: null })),
    fields,
  );
  out.add(row, {
    name,
    username,
    password: str(content.password),
    urls: rules.urls,
    match: rules.match,
    changes: rules.changes,
    totp: totp.value,
    notes: str(metadata.note),
    favorite: raw.pinned === true,
    fields: fields.list,
    kind: KIND[type] ?? 'other',
  });
}
