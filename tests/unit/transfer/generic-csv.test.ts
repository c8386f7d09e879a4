// Generic CSV with a column-mapping step (src/transfer/importers/generic-csv.ts).

import { describe, expect, it } from 'vitest';
import { readImport } from '../../../src/transfer/import';
import {
  csvPreview,
  genericCsv,
  parseGenericCsv,
  suggestMapping,
} from '../../../src/transfer/importers/generic-csv';
import { emptyItem } from '../../../src/vault/item-schema';
import { fieldsOf, importError, textFile } from './helpers';

describe('suggestMapping', () => {
  it('recognises the usual headings, in several spellings and languages', () => {
    expect(suggestMapping(['Title', 'Website', 'Login Name', 'Password', 'Notes', 'OTPAuth'])).toEqual([
      'name',
      'url',
      'username',
      'password',
      'notes',
      'totp',
    ]);
    expect(suggestMapping(['Titel', 'Webseite', 'Benutzername', 'Passwort', 'Notizen', 'Ordner'])).toEqual([
      'name',
      'url',
      'username',
      'password',
      'notes',
      'folder',
    ]);
    expect(suggestMapping(['nom', 'site web', 'identifiant', 'mot de passe'])).toEqual([
      'name',
      'url',
      'username',
      'password',
    ]);
  });

  it('prefers "username" over "email" whatever the order, and keeps the other as a field', () => {
    expect(suggestMapping(['email', 'username', 'password'])).toEqual(['field', 'username', 'password']);
  });

  it('allows several URL columns, ignores bookkeeping and blank headings, keeps unknown columns', () => {
    expect(suggestMapping(['url', 'url 2', 'uuid', 'created', '', 'Security question'])).toEqual([
      'url',
      'url',
      'ignore',
      'ignore',
      'ignore',
      'field',
    ]);
  });
});

describe('parseGenericCsv', () => {
  const file = textFile(
    'export.csv',
    'Account;Web Site;E-mail;Pass;Comment;PIN;Group\n' +
      'Bank;bank.example;ann@x.example;"s3;cr3t";"two\nlines";1234;Money\n' +
      ';;;;;;\n',
  );

  it('shows headings and sample rows for the mapping screen, guessing the delimiter', () => {
    const preview = csvPreview(file);
    expect(preview.delimiter).toBe(';');
    expect(preview.headers).toEqual(['Account', 'Web Site', 'E-mail', 'Pass', 'Comment', 'PIN', 'Group']);
    expect(preview.sample[0]).toEqual([
      'Bank',
      'bank.example',
      'ann@x.example',
      's3;cr3t',
      'two\nlines',
      '1234',
      'Money',
    ]);
  });

  it('reads rows with the suggested mapping: bare hosts get https://, unknown columns become fields', () => {
    const mapping = suggestMapping(csvPreview(file).headers);
    expect(mapping).toEqual(['name', 'url', 'username', 'password', 'notes', 'field', 'folder']);
    const result = parseGenericCsv(file, mapping);
    expect(result.items).toEqual([
      {
        ...emptyItem(),
        name: 'Bank',
        urls: ['https://bank.example'],
        username: 'ann@x.example',
        password: 's3;cr3t',
        notes: 'two\nlines',
        fields: [
          { name: 'PIN', value: '1234', hidden: true },
          { name: 'Folder', value: 'Money', hidden: false },
        ],
      },
    ]);
    expect(result.skipped).toEqual([{ row: 3, reason: 'it is empty' }]);
  });

  it('follows a corrected mapping, keeping a second password column as a hidden field', () => {
    const result = parseGenericCsv(file, [
      'name',
      'ignore',
      'username',
      'password',
      'password',
      'ignore',
      'ignore',
    ]);
    expect(result.items[0]).toMatchObject({ urls: [], password: 's3;cr3t' });
    expect(fieldsOf(result.items[0])).toEqual([['Comment', 'two\nlines', true]]);
  });

  it('refuses a mapping that does not fit the file or maps nothing useful', () => {
    expect(importError(() => parseGenericCsv(file, ['name'])).message).toBe(
      'The column mapping does not fit the file: it has 7 columns but the mapping has 1.',
    );
    const none = importError(() =>
      parseGenericCsv(file, ['notes', 'field', 'field', 'field', 'field', 'ignore', 'ignore']),
    );
    expect(none.code).toBe('mapping');
  });

  it('is offered through readImport with an explicit mapping', () => {
    const { importer, result } = readImport(file, {
      mapping: ['name', 'url', 'username', 'password', 'notes', 'ignore', 'ignore'],
    });
    expect(importer.id).toBe('generic-csv');
    expect(result.items[0]?.fields).toEqual([]);
  });

  it('is the low-confidence fallback for CSV files no other importer knows', () => {
    expect(genericCsv.detect(file)).toBe(0.3);
    expect(genericCsv.detect(textFile('a.csv', 'colour,shape\nred,round\n'))).toBe(0);
    expect(genericCsv.detect(textFile('a.json', '{"url":1}'))).toBe(0);
  });
});
