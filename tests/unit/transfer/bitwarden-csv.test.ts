// Bitwarden CSV (src/transfer/importers/bitwarden-csv.ts) against the corpus samples and their
// bitwarden-csv-expected.json (Bitwarden's own spec assertions, mapped onto Tessera items).

import { describe, expect, it } from 'vitest';
import { bitwardenCsv } from '../../../src/transfer/importers/bitwarden-csv';
import { expectConsistent, field, fieldsOf, IMPORTS, sample, sampleJson, textFile } from './helpers';

const DIR = ['bitwarden', 'bitwarden-csv'];

type Expected = Record<string, unknown> & { ciphers: number };

/** Bitwarden cipher types as Tessera item kinds. */
const KIND: Record<string, string> = {
  Login: 'login',
  SecureNote: 'note',
  Card: 'card',
  Identity: 'identity',
};

describe.skipIf(IMPORTS === null)('Bitwarden CSV corpus, against bitwarden-csv-expected.json', () => {
  const expected = IMPORTS
    ? sampleJson<{ cases: Record<string, Expected> }>(...DIR, 'bitwarden-csv-expected.json').cases
    : {};

  it('covers all six samples', () => {
    expect(Object.keys(expected).sort()).toEqual([
      'archived.csv',
      'collections-only.csv',
      'login-with-collections.csv',
      'missing-fields.csv',
      'no-archived-date.csv',
      'secure-note.csv',
    ]);
  });

  for (const [file, want] of Object.entries(expected)) {
    it(`${file}: ${String(want.test)}`, () => {
      const input = sample(...DIR, file);
      expect(bitwardenCsv.detect(input)).toBeGreaterThanOrEqual(0.5);
      const result = bitwardenCsv.parse(input);
      expectConsistent(result);
      expect(result.items).toHaveLength(want.ciphers);
      expect(result.skipped).toEqual([]);
      const item = result.items[0]!;
      for (const [key, value] of Object.entries(want)) {
        switch (key) {
          case 'test':
          case 'ciphers':
            break;
          case 'name':
          case 'notes':
            expect(item[key]).toBe(value);
            break;
          case 'type':
            expect(result.kinds[0]).toBe(KIND[value as string]);
            break;
          case 'login.username':
            expect(item.username).toBe(value);
            break;
          case 'login.password':
            expect(item.password).toBe(value);
            break;
          case 'login.uris[0].uri':
            expect(item.urls[0]).toBe(value);
            break;
          case 'reprompt':
            // 0 = no re-prompt: no warning about it.
            expect(result.warnings).toEqual([]);
            break;
          case 'secureNote.type':
            expect(result.kinds[0]).toBe('note');
            break;
          case 'collections (org import)':
            // Bitwarden nests "a/b" under "a" in an organisation; Tessera keeps the names as written.
            expect(field(item, 'Collections')).toBe((value as string[])[0]);
            break;
          case 'archivedDate':
            // Tessera has no archive: archived or not, the item is imported like any other.
            expect(item.name).toBeTruthy();
            break;
          default:
            throw new Error(`expected-file key not handled by this test: ${key}`);
        }
      }
    });
  }

  it('keeps exact values of the full login sample', () => {
    const [item] = bitwardenCsv.parse(sample(...DIR, 'login-with-collections.csv')).items;
    expect(item).toEqual({
      name: 'testlogin',
      username: 'testusername',
      password: 'testpassword',
      notes: 'testnotes',
      totp: '',
      urls: ['https://example.com'],
      match: 'domain',
      favorite: false,
      fields: [{ name: 'Collections', value: 'collection1/collection2', hidden: false }],
    });
  });
});

describe('Bitwarden CSV details', () => {
  const HEADER =
    'folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp';

  it('reads folder, favourite, several URIs, custom fields and TOTP', () => {
    const file = textFile(
      'bitwarden_export.csv',
      `${HEADER}\nWork,1,login,Mail,"n1\nn2","PIN: 1234\nurl: https://x.example/a: b",1,"https://mail.example,https://m.example",ann,s3cret,otpauth://totp/x?secret=ABC\n`,
    );
    const { items, kinds, warnings } = bitwardenCsv.parse(file);
    expect(kinds).toEqual(['login']);
    expect(items[0]).toMatchObject({
      name: 'Mail',
      favorite: true,
      notes: 'n1\nn2',
      urls: ['https://mail.example', 'https://m.example'],
      username: 'ann',
      password: 's3cret',
      totp: 'otpauth://totp/x?secret=ABC',
    });
    expect(fieldsOf(items[0])).toEqual([
      ['PIN', '1234', false],
      ['url', 'https://x.example/a: b', false],
      ['Folder', 'Work', false],
    ]);
    expect(warnings).toEqual([
      '1 item asks for the master password again before filling in Bitwarden; Tessera has no such setting, so it fills like any other item.',
    ]);
  });
});
