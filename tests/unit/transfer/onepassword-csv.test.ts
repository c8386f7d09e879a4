// 1Password CSV (src/transfer/importers/onepassword-csv.ts): the Mac and Windows layouts of
// 1Password 7 from the corpus, and the 1Password 8 layout.

import { describe, expect, it } from 'vitest';
import { readImport } from '../../../src/transfer/import';
import { onePasswordCsv } from '../../../src/transfer/importers/onepassword-csv';
import { emptyItem } from '../../../src/vault/item-schema';
import { expectConsistent, fieldsOf, IMPORTS, importError, sample, textFile } from './helpers';

const DIR = ['1password', 'onepassword-csv'];

const ACCOUNT = {
  ...emptyItem(),
  name: '1Password Account',
  username: 'email@bitwarden.com',
  password: "the account's password",
  urls: ['https://my.1password.com'],
  notes: 'You can use this login to sign in to your account on 1password.com.',
};
const IDENTITY_NOTE =
  'It’s you! 🖐 Select Edit to fill in more details, like your address and contact information.';

describe.skipIf(IMPORTS === null)('1Password 7 for Mac CSV', () => {
  it('multiple-items.mac.csv: 4 items, backslash-escaped quotes in the Tags cell read correctly', () => {
    const input = sample(...DIR, 'multiple-items.mac.csv');
    expect(onePasswordCsv.detect(input)).toBe(0.9);
    const result = onePasswordCsv.parse(input);
    expectConsistent(result);
    expect(result.items.map((i) => i.name)).toEqual([
      '🎉 Welcome to 1Password!',
      'Identity Item',
      'test card',
      '1Password Account',
    ]);
    expect(result.kinds).toEqual(['note', 'identity', 'card', 'login']);
    expect(result.rows).toEqual([2, 3, 4, 5]);
    const [welcome, , card, account] = result.items;
    expect(welcome).toEqual({
      ...emptyItem(),
      name: '🎉 Welcome to 1Password!',
      notes: 'Follow these steps to get started.',
      fields: [{ name: 'Tags', value: 'Starter Kit', hidden: false }],
    });
    expect(card).toEqual({
      ...emptyItem(),
      name: 'test card',
      fields: [
        { name: 'cardholder name', value: 'test', hidden: false },
        { name: 'expiry date', value: '01/2030', hidden: false },
        { name: 'number', value: '4111111111111111', hidden: true },
        { name: 'type', value: 'laser', hidden: false },
        { name: 'verification number', value: '111', hidden: true },
      ],
    });
    expect(account).toEqual({ ...ACCOUNT, fields: [{ name: 'Tags', value: 'Starter Kit', hidden: false }] });
  });

  it('identity.mac.csv: every identity column kept, the username copy not repeated', () => {
    const [identity] = onePasswordCsv.parse(sample(...DIR, 'identity.mac.csv')).items;
    expect(identity).toMatchObject({ name: 'Identity Item', username: 'userNam3', notes: IDENTITY_NOTE });
    expect(fieldsOf(identity)).toEqual([
      ['address', 'address\ncity state zip\nUnited States', false],
      ['birth date', '12/2/20', false],
      ['company', 'bitwarden', false],
      ['date of birth', '12/2/20', false],
      ['default phone', '8005555555', false],
      ['department', 'department', false],
      ['email', 'email@bitwarden.com', false],
      ['first name', 'first name', false],
      ['initial', 'mi', false],
      ['job title', 'job title', false],
      ['last name', 'last name', false],
      ['occupation', 'occupation', false],
      ['Tags', 'Starter Kit', false],
    ]);
  });

  it('credit-card.mac.csv: one card, empty tag list', () => {
    const result = onePasswordCsv.parse(sample(...DIR, 'credit-card.mac.csv'));
    expect(result.kinds).toEqual(['card']);
    expect(fieldsOf(result.items[0]).map(([name]) => name)).toEqual([
      'cardholder name',
      'expiry date',
      'number',
      'type',
      'verification number',
    ]);
  });
});

describe.skipIf(IMPORTS === null)('1Password 7 for Windows CSV', () => {
  it('multiple-items.windows.csv: 4 items; EMAIL and MASTER-PASSWORD copies dropped, secret key hidden', () => {
    const input = sample(...DIR, 'multiple-items.windows.csv');
    expect(onePasswordCsv.detect(input)).toBe(0.9);
    const result = onePasswordCsv.parse(input);
    expect(result.items.map((i) => i.name)).toEqual([
      '1Password Account',
      'Identity Item',
      'test card',
      '🎉 Welcome to 1Password!',
    ]);
    expect(result.kinds).toEqual(['login', 'identity', 'card', 'note']);
    expect(result.items[0]).toEqual({
      ...ACCOUNT,
      fields: [
        { name: 'Account-key', value: 'A3-76TR2N-NJG3TZ-9NXFX-WT8GF-6YQC9-R2659', hidden: true },
        { name: 'Secret key', value: "the account's secret key", hidden: true },
        { name: 'Tags', value: 'Starter Kit', hidden: false },
      ],
    });
    expect(fieldsOf(result.items[2])).toEqual([
      ['Cardholder name', 'test', false],
      ['Number', '4111111111111111', true],
      ['Verification number', '111', true],
      ['Expiry date', '1/3/1970 12:23 AM', false],
      ['Label', 'field (phone)', false],
    ]);
    // Section titles ("🔑 Secret Key", "Identification") are headings, not data.
    expect(JSON.stringify(result.items)).not.toContain('Identification');
    const welcome = result.items[3]!;
    expect(welcome.notes).toBe('Follow these steps to get started.');
    expect(welcome.fields).toHaveLength(15);
    expect(fieldsOf(welcome).slice(-5)).toEqual([
      ['Watch videos', 'https://youtube.com/1PasswordVideos', false],
      ['Get support', 'https://support.1password.com/', false],
      ['Read the blog', 'https://blog.1password.com/', false],
      ['Contact us', 'https://support.1password.com/contact-us/', false],
      ['Tags', 'Starter Kit', false],
    ]);
  });

  it('identity.windows.csv and credit-card.windows.csv: one item each', () => {
    const identity = onePasswordCsv.parse(sample(...DIR, 'identity.windows.csv'));
    expect(identity.kinds).toEqual(['identity']);
    expect(identity.items[0]).toMatchObject({ name: 'Identity Item', username: '', notes: IDENTITY_NOTE });
    expect(fieldsOf(identity.items[0]).slice(0, 3)).toEqual([
      ['First name', 'first name', false],
      ['Initial', 'mi', false],
      ['Last name', 'last name', false],
    ]);
    expect(identity.items[0]?.fields).toHaveLength(15);
    const card = onePasswordCsv.parse(sample(...DIR, 'credit-card.windows.csv'));
    expect(card.kinds).toEqual(['card']);
    expect(card.items[0]?.fields).toHaveLength(5);
  });
});

describe('1Password 8 CSV', () => {
  const file = textFile(
    '1PasswordExport.csv',
    'Title,Url,Username,Password,OTPAuth,Favorite,Archived,Tags,Notes\n' +
      'GitHub,https://github.com,octo,"p,w",otpauth://totp/GitHub?secret=ABC,true,false,"dev,work",hi\n' +
      'Old,https://old.example,me,pw,,false,true,,\n',
  );

  it('reads the current 1Password CSV layout', () => {
    expect(onePasswordCsv.detect(file)).toBe(0.85);
    const result = onePasswordCsv.parse(file);
    expect(result.items[0]).toEqual({
      ...emptyItem(),
      name: 'GitHub',
      urls: ['https://github.com'],
      username: 'octo',
      password: 'p,w',
      totp: 'otpauth://totp/GitHub?secret=ABC',
      favorite: true,
      notes: 'hi',
      fields: [{ name: 'Tags', value: 'dev, work', hidden: false }],
    });
    expect(result.warnings).toEqual(['1 archived 1Password item was imported like the others.']);
  });

  it('reports an unclosed quote with RFC and backslash readings both failing', () => {
    const bad = textFile(
      '1p.csv',
      'Title,Url,Username,Password,OTPAuth,Favorite,Archived,Tags,Notes\nA,,,"oops\n',
    );
    const err = importError(() => readImport(bad));
    expect(err.message).toBe(
      'Row 2 has a quoted value that is never closed. The file may be cut off or damaged.',
    );
  });
});
