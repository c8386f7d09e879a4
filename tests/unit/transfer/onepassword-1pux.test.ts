// 1Password 1PUX (src/transfer/importers/onepassword-1pux.ts): KeePassXC's real .1pux zip, and
// Bitwarden's 24 export.data samples (the JSON inside a .1pux, without the zip).

import { readdirSync } from 'node:fs';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { onePassword1pux } from '../../../src/transfer/importers/onepassword-1pux';
import type { ImportInput } from '../../../src/transfer/types';
import { emptyItem } from '../../../src/vault/item-schema';
import type { ItemInput } from '../../../src/vault/types';
import { expectConsistent, fieldsOf, IMPORTS, importError, sample, sampleJson } from './helpers';

const DIR = ['1password', 'onepassword-1pux'];

describe.skipIf(IMPORTS === null)('KeePassXC 1PasswordExport.1pux (a real zip)', () => {
  const input = () => sample('keepassxc-testdata', '1PasswordExport.1pux');

  it('is detected from the zip entry', () => {
    expect(onePassword1pux.detect(input())).toBe(1);
  });

  it('has 8 items; the Document item is skipped with its reason, the archived one counted', () => {
    const result = onePassword1pux.parse(input());
    expectConsistent(result);
    expect(result.items.map((i) => i.name)).toEqual([
      'Login',
      'UUID 005 Password',
      'Home Wifi',
      'Credit Card',
      'Login Archived',
      'Secure Note',
      'Identity',
      'Bank Account',
    ]);
    expect(result.kinds).toEqual(['login', 'login', 'other', 'card', 'login', 'note', 'identity', 'other']);
    expect(result.skipped).toEqual([
      {
        row: 6,
        reason: 'it is a document (a stored file); Tessera does not store files',
        name: 'KeePassXC Logo',
      },
    ]);
    expect(result.warnings).toEqual(['1 archived 1Password item was imported like the others.']);
  });

  it('keeps the login as KeePassXC expects: user, password, both URLs, TOTP, tags, extra fields', () => {
    const [login, uuid005, wifi, card] = onePassword1pux.parse(input()).items;
    // Two vaults (Personal, Shared) in the export, so each item says which one it came from.
    expect(login).toEqual({
      ...emptyItem(),
      name: 'Login',
      username: 'team@keepassxc.org',
      password: 'password',
      passwordChangedAt: 1663642010000,
      urls: ['https://keepassxc.org', 'https://twitter.com'],
      totp: 'DFDFDEF',
      notes: 'Note to self',
      favorite: true,
      fields: [
        { name: 'one-time password', value: 'DFDFDEFDEF', hidden: true },
        { name: 'phone', value: '555-123-45678', hidden: false },
        { name: 'email', value: 'team@keepassxc.org', hidden: false },
        { name: 'Tags', value: 'website', hidden: false },
        { name: 'Folder', value: 'Personal', hidden: false },
      ],
    });
    expect(uuid005).toEqual({
      ...emptyItem(),
      name: 'UUID 005 Password',
      password: 'uuid005password',
      fields: [{ name: 'Folder', value: 'Personal', hidden: false }],
    });
    expect(fieldsOf(wifi)).toEqual([
      ['base station name', 'wifi1', false],
      ['base station password', '12345678', true],
      ['Folder', 'Personal', false],
    ]);
    // KeePassXC stores the expiry as 202206; Tessera shows it as people read it.
    expect(fieldsOf(card)).toEqual([
      ['cardholder name', 'KeePassXC', false],
      ['type', 'mc', false],
      ['number', '1234567890', true],
      ['verification number', '123', true],
      ['expiry date', '06/2022', false],
      ['valid from', '06/2022', false],
      ['Folder', 'Personal', false],
    ]);
  });

  it('keeps notes, identity (date, address) and the second vault', () => {
    const items = onePassword1pux.parse(input()).items;
    expect(items[5]).toMatchObject({ name: 'Secure Note', notes: 'This is a note' });
    expect(fieldsOf(items[5])).toEqual([
      ['Tags', 'Note, Secret Stuff', false],
      ['Folder', 'Personal', false],
    ]);
    expect(fieldsOf(items[6])).toEqual([
      ['first name', 'KeePass', false],
      ['last name', 'XC', false],
      ['gender', 'male', false],
      ['birth date', '2016-01-01', false],
      ['address', '123 Avenue Rd, Boston, MA, 12345, us', false],
      ['Folder', 'Personal', false],
    ]);
    expect(fieldsOf(items[7])).toEqual([
      ['bank name', 'Wells Fargo', false],
      ['name on account', 'KeePassXC', false],
      ['type', 'checking', false],
      ['routing number', '12345678', false],
      ['account number', '12345678', false],
      ['Folder', 'Shared', false],
    ]);
  });
});

/** Every sample: [items, kinds of the items, skipped]. */
const SAMPLES: Record<string, [number, string[], number]> = {
  'api-credentials.json': [1, ['other'], 0],
  'bank-account.json': [1, ['other'], 0],
  'credit-card.json': [1, ['card'], 0],
  'database.json': [1, ['other'], 0],
  'drivers-license.json': [1, ['other'], 0],
  'email-account.json': [1, ['other'], 0],
  'email-field-on-identity.json': [1, ['identity'], 0],
  'email-field-on-identity_prefilled.json': [1, ['identity'], 0],
  'email-field.json': [1, ['other'], 0],
  'identity-data.json': [1, ['identity'], 0],
  'login-data.json': [1, ['login'], 0],
  'medical-record.json': [1, ['other'], 0],
  'membership.json': [1, ['other'], 0],
  'onepux_example.json': [1, ['login'], 0],
  'outdoor-license.json': [1, ['other'], 0],
  'passport.json': [1, ['other'], 0],
  'password.json': [1, ['login'], 0],
  'rewards-program.json': [1, ['other'], 0],
  'sanitized-export.json': [27, [], 1],
  'secure-note.json': [1, ['note'], 0],
  'server.json': [1, ['other'], 0],
  'software-license.json': [1, ['other'], 0],
  'ssn.json': [1, ['other'], 0],
  'wireless-router.json': [1, ['other'], 0],
};

type Json = Record<string, unknown>;
const o = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const a = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** Every plain value the source item holds, which must all reappear somewhere in the Tessera item. */
function sourceValues(item: Json): string[] {
  const details = o(item.details);
  const values = [details.notesPlain, details.password];
  for (const f of a(details.loginFields)) values.push(o(f).value);
  for (const s of a(details.sections)) {
    for (const f of a(o(s).fields)) {
      const [type, v] = Object.entries(o(o(f).value))[0] ?? [];
      if (type === 'email') values.push(typeof v === 'string' ? v : o(v).email_address);
      else if (typeof v === 'string') values.push(v);
    }
  }
  for (const u of a(o(item.overview).urls)) values.push(o(u).url);
  return values.filter((v): v is string => typeof v === 'string' && v.trim() !== '');
}

function itemValues(item: ItemInput): string[] {
  return [
    item.name,
    item.username,
    item.password,
    item.notes,
    item.totp,
    ...item.urls,
    ...item.fields.map((f) => f.value),
  ];
}

describe.skipIf(IMPORTS === null)('1PUX export.data samples', () => {
  it('the corpus holds exactly these samples', () => {
    expect(readdirSync(`${IMPORTS}/${DIR.join('/')}`).sort()).toEqual(Object.keys(SAMPLES).sort());
  });

  for (const [file, [count, kinds, skipped]] of Object.entries(SAMPLES)) {
    it(`${file}: ${count} item(s), every value kept`, () => {
      const input: ImportInput = sample(...DIR, file);
      expect(onePassword1pux.detect(input)).toBe(0.95);
      const result = onePassword1pux.parse(input);
      expectConsistent(result);
      expect(result.items).toHaveLength(count);
      expect(result.skipped).toHaveLength(skipped);
      if (kinds.length > 0) expect(result.kinds).toEqual(kinds);
      // Completeness: each source item's values are all in its Tessera item.
      const source = sampleJson<Json>(...DIR, file);
      const sourceItems = a(o(a(source.accounts)[0]).vaults).flatMap((v) => a(o(v).items).map(o));
      const kept = sourceItems.filter((s) => s.trashed !== true);
      expect(kept).toHaveLength(count);
      kept.forEach((s, i) => {
        const values = itemValues(result.items[i]!);
        expect(result.items[i]!.name).toBe(o(s.overview).title);
        for (const v of sourceValues(s)) expect(values).toContain(v);
      });
    });
  }

  it('login-data.json: designated username/password, TOTP from a section, form fields kept', () => {
    const result = onePassword1pux.parse(sample(...DIR, 'login-data.json'));
    expect(result.items[0]).toEqual({
      ...emptyItem(),
      name: 'eToro',
      username: 'username123123123@gmail.com',
      password: 'password!',
      // the newest password-history time (src/transfer/dates.ts)
      passwordChangedAt: 1635522872000,
      totp: 'otpseed777',
      urls: ['https://www.fakesite.com'],
      fields: [
        { name: 'policies', value: '✓', hidden: false },
        { name: 'Create an account', value: 'username123123', hidden: false },
      ],
    });
    expect(result.warnings).toEqual([
      '3 old passwords (password history) were not imported: Tessera keeps only the current password.',
    ]);
    expect(JSON.stringify(result.items)).not.toContain('123uio123oiu123uiopassword');
  });

  it('password.json: a Password item (category 005)', () => {
    expect(onePassword1pux.parse(sample(...DIR, 'password.json')).items[0]).toEqual({
      ...emptyItem(),
      name: 'SuperSecret Password',
      password: 'GBq[AGb]4*Si3tjwuab^',
      passwordChangedAt: 1619465796000,
      notes: 'SuperSecret Password Notes',
      urls: ['https://n0t.y0ur.n0rm4l.w3bs1t3'],
    });
  });

  it('credit-card.json: every card field, secrets hidden, month-year dates as MM/YYYY', () => {
    const [card] = onePassword1pux.parse(sample(...DIR, 'credit-card.json')).items;
    expect(card?.notes).toBe("My parents' credit card. ");
    expect(fieldsOf(card)).toEqual([
      ['cardholder name', 'Fred Engels', false],
      ['type', 'discover', false],
      ['number', '6011111111111117', true],
      ['verification number', '1312', true],
      ['expiry date', '12/2099', false],
      ['valid from', '01/2001', false],
      ['Text', 'card', false],
      ['issuing bank', 'Some bank', false],
      ['phone (local)', '123456', false],
      ['phone (toll free)', '0800123456', false],
      ['phone (intl)', '+49123456', false],
      ['website', 'somebank.com', false],
      ['PIN', '1234', true],
      ['credit limit', '$1312', false],
      ['cash withdrawal limit', '$500', false],
      ['interest rate', '1%', false],
      ['issue number', '123456', false],
      ['Tags', 'Finance', false],
    ]);
  });

  it('email-field-on-identity_prefilled.json: both email fields, and the provider of the second', () => {
    const [identity] = onePassword1pux.parse(sample(...DIR, 'email-field-on-identity_prefilled.json')).items;
    expect(fieldsOf(identity)).toEqual([
      ['email', 'gengels@nullvalue.test', false],
      ['2nd email', 'kriddler@nullvalue.test', false],
      ['Email provider', 'myEmailProvider', false],
    ]);
  });

  it('sanitized-export.json: the trashed document is skipped, two vaults become Folder fields', () => {
    const result = onePassword1pux.parse(sample(...DIR, 'sanitized-export.json'));
    expect(result.skipped).toEqual([
      { row: 4, reason: 'it is in the 1Password trash', name: 'PDF Document' },
    ]);
    const folders = result.items.map((i) => i.fields.find((f) => f.name === 'Folder')?.value);
    expect(folders.filter((f) => f === "T's Test Vault")).toHaveLength(20);
    expect(folders.filter((f) => f === 'Personal')).toHaveLength(7);
    expect(result.kinds.filter((k) => k === 'login')).toHaveLength(6);
  });
});

describe('damaged or unusual archives', () => {
  const exportData = JSON.stringify({
    accounts: [
      {
        vaults: [
          {
            attrs: { name: 'V' },
            items: [
              {
                categoryUuid: '001',
                overview: { title: 'A' },
                details: { loginFields: [{ designation: 'password', value: 'p' }] },
              },
            ],
          },
        ],
      },
    ],
  });

  it('reads a zip written by another zip tool, ignoring attached files', () => {
    const zip = zipSync({
      'export.attributes': strToU8('{}'),
      'export.data': strToU8(exportData),
      'files/x.png': new Uint8Array(100),
    });
    const result = onePassword1pux.parse({ name: 'a.1pux', bytes: zip });
    expect(result.items).toEqual([{ ...emptyItem(), name: 'A', password: 'p' }]);
  });

  it('says a cut-off archive is damaged', () => {
    const zip = zipSync({ 'export.data': strToU8(exportData) });
    const err = importError(() =>
      onePassword1pux.parse({ name: 'a.1pux', bytes: zip.slice(0, zip.length - 30) }),
    );
    expect(err.code).toBe('malformed');
    expect(err.message).toBe('The archive is damaged or cut off and cannot be opened. Export it again.');
  });

  it('says when export.data is missing', () => {
    const zip = zipSync({ 'something.txt': strToU8('x') });
    const err = importError(() => onePassword1pux.parse({ name: 'a.1pux', bytes: zip }));
    expect(err.message).toBe('The archive does not contain a 1Password export (export.data).');
  });

  it('refuses an export.data whose declared size is over the limit, before inflating it', () => {
    const zip = zipSync({ 'export.data': strToU8(exportData) });
    // Patch the central directory's uncompressed size (offset 24 in the entry) to 40 MiB.
    const cd = zip.findLastIndex(
      (_, i) => zip[i] === 0x50 && zip[i + 1] === 0x4b && zip[i + 2] === 0x01 && zip[i + 3] === 0x02,
    );
    new DataView(zip.buffer).setUint32(cd + 24, 40 * 1024 * 1024, true);
    const err = importError(() => onePassword1pux.parse({ name: 'a.1pux', bytes: zip }));
    expect(err.code).toBe('too-large');
    expect(err.message).toMatch(/^The archive entry export.data is 40.0 MB uncompressed/);
  });
});

describe('field values of unknown types', () => {
  const withValue = (value: string) =>
    new TextEncoder().encode(
      `{"accounts":[{"vaults":[{"items":[{"categoryUuid":"001","overview":{"title":"T"},"details":{"sections":[{"fields":[{"title":"f","value":${value}}]}]}}]}]}]}`,
    );

  it('keeps a structured value of a new type as JSON text, hidden, and lists the item as changed', () => {
    const result = onePassword1pux.parse({ name: 'export.data', bytes: withValue('{"newType":{"a":1}}') });
    expect(fieldsOf(result.items[0])).toEqual([['f', '{"a":1}', true]]);
    expect(result.changed).toEqual([{ row: 1, name: 'T', reason: expect.stringContaining('its field "f"') }]);
  });

  it('survives a value nested a million levels deep', () => {
    const deep = `{"newType":${'['.repeat(1_000_000)}${']'.repeat(1_000_000)}}`;
    const result = onePassword1pux.parse({ name: 'export.data', bytes: withValue(deep) });
    expect(result.items).toEqual([{ ...emptyItem(), name: 'T' }]);
  });
});
