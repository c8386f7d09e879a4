// Browser exports: Chrome/Edge CSV (src/transfer/importers/chrome-csv.ts) and Firefox CSV
// (firefox-csv.ts) against the corpus samples.

import { describe, expect, it } from 'vitest';
import { chromeCsv } from '../../../src/transfer/importers/chrome-csv';
import { firefoxCsv } from '../../../src/transfer/importers/firefox-csv';
import { emptyItem } from '../../../src/vault/item-schema';
import { expectConsistent, fieldsOf, IMPORTS, sample, textFile } from './helpers';

describe.skipIf(IMPORTS === null)('Chrome CSV corpus', () => {
  const dir = ['chrome', 'chrome-csv'];

  it('simple-password-data.csv', () => {
    const result = chromeCsv.parse(sample(...dir, 'simple-password-data.csv'));
    expectConsistent(result);
    expect(result.items).toEqual([
      {
        ...emptyItem(),
        name: 'www.example.com',
        urls: ['https://www.example.com/'],
        username: 'username@example.com',
        password: 'wpC9qFvsbWQK5Z',
      },
    ]);
    expect(result.kinds).toEqual(['login']);
  });

  it('note-data.csv: a note with a comma, CRLF line break and doubled quotes', () => {
    const result = chromeCsv.parse(sample(...dir, 'note-data.csv'));
    expect(result.items).toHaveLength(1);
    expect(result.items[0]).toMatchObject({
      name: 'www.example.com',
      password: 'wpC9qFvsbWQK5Z',
      notes: 'First line, with a comma\r\nSecond line with "quotes"',
    });
  });

  it('android-data.csv: an Android app login without a name is named after the app package', () => {
    const result = chromeCsv.parse(sample(...dir, 'android-data.csv'));
    expect(result.items).toEqual([
      {
        ...emptyItem(),
        name: 'com.xyz.example.app.android',
        urls: [
          'android://N2H9MndUUUt3JuQSWAKexOU9oJLJeHR4nyUGac5E1TXKppkY7xtdRl6l8vKo1hQWCqAEy4gsNLUBIbVxpdmhOP==@com.xyz.example.app.android/',
        ],
        username: 'username@example.com',
        password: 'Qh6W4Wz55YGFNU',
      },
    ]);
  });

  it('is detected by its headings, and other CSVs are not', () => {
    expect(chromeCsv.detect(sample(...dir, 'note-data.csv'))).toBe(0.9);
    expect(chromeCsv.detect(sample('firefox', 'firefox-csv', 'simple-password-data.csv'))).toBe(0);
    expect(chromeCsv.detect(textFile('x.csv', 'name,url,username,password,group\n'))).toBe(0);
  });
});

describe.skipIf(IMPORTS === null)('Firefox CSV corpus', () => {
  const dir = ['firefox', 'firefox-csv'];
  const login = {
    ...emptyItem(),
    name: 'example.com',
    urls: ['https://example.com'],
    username: 'foo',
    password: 'bar',
    // timePasswordChanged (src/transfer/dates.ts)
    passwordChangedAt: 1612345678900,
  };

  it('simple-password-data.csv', () => {
    const input = sample(...dir, 'simple-password-data.csv');
    expect(firefoxCsv.detect(input)).toBe(0.95);
    const result = firefoxCsv.parse(input);
    expect(result.items).toEqual([login]);
    expect(result.skipped).toEqual([]);
  });

  it("firefox-accounts-data.csv: Firefox's own account row is skipped with its reason", () => {
    const result = firefoxCsv.parse(sample(...dir, 'firefox-accounts-data.csv'));
    expectConsistent(result);
    expect(result.items).toEqual([login]);
    expect(result.rows).toEqual([3]);
    expect(result.skipped).toEqual([
      { row: 2, reason: "it is Firefox's own account data (chrome://FirefoxAccounts), not a website login" },
    ]);
    // The Sync keys in that row must not leak into any item.
    expect(JSON.stringify(result.items)).not.toContain('scopedKeys');
  });

  it('keeps the realm of an HTTP authentication login', () => {
    const file = textFile(
      'logins.csv',
      '"url","username","password","httpRealm","formActionOrigin","guid","timeCreated","timeLastUsed","timePasswordChanged"\n' +
        '"https://router.local","admin","pw","Router Admin",,"{1}","1","1","1"\n',
    );
    const [item] = firefoxCsv.parse(file).items;
    expect(item?.name).toBe('router.local');
    expect(fieldsOf(item)).toEqual([['HTTP realm', 'Router Admin', false]]);
  });
});
