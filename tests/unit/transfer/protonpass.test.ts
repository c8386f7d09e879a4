// Proton Pass (src/transfer/importers/protonpass-json.ts, protonpass-csv.ts): both JSON samples
// from the corpus, the same JSON inside Proton's zip, PGP-encrypted exports, and the CSV layout.

import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { readImport } from '../../../src/transfer/import';
import { protonPassCsv } from '../../../src/transfer/importers/protonpass-csv';
import { protonPassJson } from '../../../src/transfer/importers/protonpass-json';
import { emptyItem } from '../../../src/vault/item-schema';
import {
  expectConsistent,
  fieldsOf,
  IMPORTS,
  importError,
  protonPassFile,
  sample,
  sampleText,
  textFile,
} from './helpers';

const DIR = ['protonpass', 'protonpass-json'];
const TOTP =
  'otpauth://totp/Test%20Login%20-%20Personal%20Vault:Username?issuer=Test%20Login%20-%20Personal%20Vault&secret=TOTPCODE&algorithm=SHA1&digits=6&period=30';
const PERSONAL = { name: 'Folder', value: 'Personal', hidden: false };

describe.skipIf(IMPORTS === null)('Proton Pass JSON corpus', () => {
  it('protonpass-latest.json: 6 items, the trashed note skipped', () => {
    const input = sample(...DIR, 'protonpass-latest.json');
    expect(protonPassJson.detect(input)).toBe(0.95);
    const result = protonPassJson.parse(input);
    expectConsistent(result);
    expect(result.items.map((i) => i.name)).toEqual([
      'Test Login - Personal Vault',
      'My Secure Note',
      'Test Card',
      'Identity',
      'Alias',
      'Other vault login',
    ]);
    expect(result.kinds).toEqual(['login', 'note', 'card', 'identity', 'login', 'login']);
    expect(result.skipped).toEqual([
      { row: 4, reason: 'it is in the Proton Pass trash', name: 'My Deleted Note' },
    ]);
    expect(result.warnings).toEqual([]);
    const [login, note, card, identity, alias, other] = result.items;
    expect(login).toEqual({
      ...emptyItem(),
      name: 'Test Login - Personal Vault',
      username: 'Username',
      password: 'Password',
      urls: ['https://example.com/', 'https://example2.com/'],
      totp: TOTP,
      notes: 'My login secure note.',
      favorite: true,
      fields: [
        { name: 'Email', value: 'Email', hidden: false },
        { name: 'non-hidden field', value: 'non-hidden field content', hidden: false },
        { name: 'hidden field', value: 'hidden field content', hidden: true },
        { name: 'second 2fa secret', value: 'TOTPCODE', hidden: true },
        PERSONAL,
      ],
    });
    expect(note).toEqual({
      ...emptyItem(),
      name: 'My Secure Note',
      notes: 'Secure note contents.',
      fields: [
        { name: 'note text field', value: 'note text value', hidden: false },
        { name: 'note hidden field', value: 'note hidden value', hidden: true },
        PERSONAL,
      ],
    });
    expect(card).toMatchObject({ notes: 'Credit Card Note', favorite: true });
    expect(fieldsOf(card)).toEqual([
      ['Cardholder name', 'Test name', false],
      ['Number', '1234222233334444', true],
      ['Security code', '333', true],
      ['Expiration date', '01/2025', false],
      ['PIN', '1234', true],
      ['card text field', 'card text value', false],
      ['card hidden field', 'card hidden value', true],
      ['Folder', 'Personal', false],
    ]);
    expect(fieldsOf(identity)).toEqual([
      ['Full name', 'Test 1', false],
      ['Email', 'test@gmail.com', false],
      ['Phone number', '7507951789', false],
      ['First name', 'Test', false],
      ['Middle name', '1', false],
      ['Last name', 'Test', false],
      ['Gender', 'Male', false],
      ['TestPersonal', 'Personal', false],
      ['Organization', 'Bitwarden', false],
      ['Street address', '23 Street', false],
      ['Zip or postal code', '4038456', false],
      ['City', 'New York', false],
      ['State or province', 'Test', false],
      ['Country or region', 'US', false],
      ['Floor', '12th Foor', false],
      ['County', 'Test County', false],
      ['TestAddress', 'Address', false],
      ['Social security number', '98378264782', true],
      ['Passport number', '7173716378612', true],
      ['License number', '21234', true],
      ['X handle', '@twiter', false],
      ['Second phone number', '243538978', false],
      ['Instagram', '@insta', false],
      ['TestContact', 'Contact', true],
      ['Company', 'Bitwarden', false],
      ['Job title', 'Engineer', false],
      ['Work phone number', '78236476238746', false],
      ['TestWork', 'Work', true],
      ['TestSection', 'Section', false],
      ['TestSectionHidden', 'SectionHidden', true],
      ['TestExtra', 'Extra', false],
      ['Folder', 'Personal', false],
    ]);
    expect(alias).toEqual({
      ...emptyItem(),
      name: 'Alias',
      username: 'alias.removing005@passinbox.com',
      fields: [PERSONAL],
    });
    expect(other).toEqual({
      ...emptyItem(),
      name: 'Other vault login',
      username: 'other vault username',
      password: 'other vault password',
      totp: 'JBSWY3DPEHPK3PXP',
      fields: [{ name: 'Folder', value: 'Test', hidden: false }],
    });
  });

  it('protonpass.json (older format: "username", MMYYYY expiry): 4 items', () => {
    const result = protonPassJson.parse(sample(...DIR, 'protonpass.json'));
    expect(result.items.map((i) => [i.name, i.username, i.password])).toEqual([
      ['Test Login - Personal Vault', 'Username', 'Password'],
      ['My Secure Note', '', ''],
      ['Test Card', '', ''],
      ['Other vault login', 'other vault username', 'other vault password'],
    ]);
    expect(result.items[0]?.totp).toBe(TOTP);
    expect(fieldsOf(result.items[2])).toContainEqual(['Expiration date', '01/2025', false]);
    expect(result.skipped).toHaveLength(1);
  });

  it('reads the same data from the zip Proton Pass writes', () => {
    const zip = zipSync(
      { 'Proton Pass/data.json': strToU8(sampleText(...DIR, 'protonpass-latest.json')) },
      { level: 0 },
    );
    const input = { name: 'Proton Pass_export_2024-09-01.zip', bytes: zip };
    const { importer, result } = readImport(input);
    expect(importer.id).toBe('protonpass-json');
    expect(result.items).toEqual(protonPassJson.parse(sample(...DIR, 'protonpass-latest.json')).items);
  });
});

describe('encrypted Proton Pass exports', () => {
  const advice =
    /^This Proton Pass export is encrypted with PGP, which Tessera cannot read\. In Proton Pass, export again without encryption/;

  it('refuses a zip holding data.pgp', () => {
    const zip = zipSync({ 'Proton Pass/data.pgp': strToU8('-----BEGIN PGP MESSAGE-----\n...') });
    const err = importError(() => readImport({ name: 'export.zip', bytes: zip }));
    expect(err.code).toBe('encrypted');
    expect(err.message).toMatch(advice);
  });

  it('refuses an armored .pgp file', () => {
    const err = importError(() =>
      readImport(textFile('Proton Pass_export.pgp', '-----BEGIN PGP MESSAGE-----\n\nwcFMA...\n')),
    );
    expect(err.code).toBe('encrypted');
    expect(err.message).toMatch(advice);
  });
});

describe('Proton Pass CSV', () => {
  const card = JSON.stringify({
    cardholderName: 'Ann Lee',
    cardType: 0,
    number: '4111111111111111',
    verificationNumber: '123',
    expirationDate: '2027-03',
    pin: '',
    note: 'card note',
  });
  const csv = [
    'type,name,url,email,username,password,note,totp,createTime,modifyTime,vault',
    'login,Mail,"https://mail.example, https://m.example",ann@mail.example,ann,pw1,hello,otpauth://totp/x?secret=A,1700000000,1700000001,Personal',
    `creditCard,Visa,,,,,"${card.replaceAll('"', '""')}",,1700000000,1700000001,Work`,
    'alias,Shop alias,,shop.x1@passinbox.com,,,,,1700000000,1700000001,Personal',
    '',
  ].join('\n');

  it('reads logins, unpacks card content from the note, and keeps the vault as a folder', () => {
    const input = textFile('Proton Pass_export.csv', csv);
    expect(protonPassCsv.detect(input)).toBe(0.9);
    const result = protonPassCsv.parse(input);
    expect(result.kinds).toEqual(['login', 'card', 'login']);
    expect(result.items).toEqual([
      {
        ...emptyItem(),
        name: 'Mail',
        urls: ['https://mail.example', 'https://m.example'],
        username: 'ann',
        password: 'pw1',
        notes: 'hello',
        totp: 'otpauth://totp/x?secret=A',
        fields: [
          { name: 'Email', value: 'ann@mail.example', hidden: false },
          { name: 'Folder', value: 'Personal', hidden: false },
        ],
      },
      {
        ...emptyItem(),
        name: 'Visa',
        notes: 'card note',
        fields: [
          { name: 'Cardholder name', value: 'Ann Lee', hidden: false },
          { name: 'Number', value: '4111111111111111', hidden: true },
          { name: 'Security code', value: '123', hidden: true },
          { name: 'Expiration date', value: '03/2027', hidden: false },
          { name: 'Folder', value: 'Work', hidden: false },
        ],
      },
      {
        ...emptyItem(),
        name: 'Shop alias',
        username: 'shop.x1@passinbox.com',
        fields: [{ name: 'Folder', value: 'Personal', hidden: false }],
      },
    ]);
  });
});

describe('Proton Pass numbers that stand for words', () => {
  const item = (type: string, content: Record<string, unknown>) => ({
    itemId: type,
    state: 1,
    data: { metadata: { name: type, note: '' }, type, content, extraFields: [] },
  });
  const file = protonPassFile([
    item('creditCard', {
      cardholderName: 'Ann',
      cardType: 2,
      number: '4111',
      verificationNumber: '',
      expirationDate: '',
      pin: '',
    }),
    item('creditCard', {
      cardholderName: 'Bob',
      cardType: 0,
      number: '5500',
      verificationNumber: '',
      expirationDate: '',
      pin: '',
    }),
    item('creditCard', {
      cardholderName: 'Cy',
      cardType: 9,
      number: '3400',
      verificationNumber: '',
      expirationDate: '',
      pin: '',
    }),
    item('wifi', { ssid: 'Home', password: 'wifi-pass', security: 2 }),
  ]);

  it('card types and Wi-Fi security are readable words, an unspecified one is no field', () => {
    const { items } = readImport(file).result;
    expect(fieldsOf(items[0])).toContainEqual(['Card type', 'Visa', false]);
    expect(fieldsOf(items[1]).map(([name]) => name)).not.toContain('Card type');
    expect(fieldsOf(items[2])).toContainEqual(['Card type', 'Unknown (9)', false]);
    expect(items[3]?.password).toBe('wifi-pass');
    expect(fieldsOf(items[3])).toEqual([
      ['SSID', 'Home', false],
      ['Security', 'WPA2', false],
    ]);
  });
});
