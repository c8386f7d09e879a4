// mSecure CSV (src/transfer/importers/msecure-csv.ts) against the corpus samples and
// msecure-expected.json (Bitwarden's spec assertions, mapped onto Tessera items).

import { describe, expect, it } from 'vitest';
import { msecureCsv } from '../../../src/transfer/importers/msecure-csv';
import { emptyItem } from '../../../src/vault/item-schema';
import { expectConsistent, field, IMPORTS, sample, sampleJson } from './helpers';

const DIR = ['msecure', 'msecure-csv'];
const KIND: Record<string, string> = { Login: 'login', Card: 'card', SecureNote: 'note' };

/** Bitwarden's card model keys as the mSecure field labels Tessera keeps. */
const CARD_FIELD: Record<string, string> = {
  'card.number': 'Card Number',
  'card.code': 'Security Code',
  'card.cardholderName': 'Name on Card',
  'card.brand': 'Issuing Bank',
};

type Case = { test: string; ciphers: number; items: Record<string, string | null>[] };

describe.skipIf(IMPORTS === null)('mSecure CSV corpus, against msecure-expected.json', () => {
  const cases = IMPORTS
    ? sampleJson<{ cases: Record<string, Case> }>(...DIR, 'msecure-expected.json').cases
    : {};

  it('covers all six samples', () => {
    expect(Object.keys(cases).sort()).toEqual([
      'credit-card.csv',
      'legacy-card.csv',
      'login-with-notes.csv',
      'login-with-tag.csv',
      'login.csv',
      'multiple.csv',
    ]);
  });

  for (const [file, want] of Object.entries(cases)) {
    it(`${file}: ${want.test}`, () => {
      const input = sample(...DIR, file);
      expect(msecureCsv.detect(input)).toBe(0.85);
      const result = msecureCsv.parse(input);
      expectConsistent(result);
      expect(result.items).toHaveLength(want.ciphers);
      expect(result.skipped).toEqual([]);
      want.items.forEach((expected, i) => {
        const item = result.items[i]!;
        for (const [key, value] of Object.entries(expected)) {
          if (key === 'name') expect(item.name).toBe(value);
          else if (key === 'type') expect(result.kinds[i]).toBe(KIND[value!]);
          else if (key === 'notes') expect(item.notes).toBe(value ?? '');
          else if (key === 'login.username') expect(item.username).toBe(value);
          else if (key === 'login.password') expect(item.password).toBe(value);
          else if (key === 'login.uris[0].uri contains') expect(item.urls[0]).toContain(value);
          else if (key === 'folders[0].name contains') expect(field(item, 'Folder')).toContain(value);
          // Bitwarden shows "MM / YYYY"; Tessera keeps the date as mSecure's MM/YYYY.
          else if (key === 'card.expiration')
            expect(field(item, 'Expiration Date')).toBe(value!.replaceAll(' ', ''));
          else if (key in CARD_FIELD)
            expect(field(item, CARD_FIELD[key]!)).toBe(value === '' ? undefined : value);
          else throw new Error(`expected-file key not handled by this test: ${key}`);
        }
      });
    });
  }

  it('keeps every field of a credit card, hiding the secret ones', () => {
    const [card] = msecureCsv.parse(sample(...DIR, 'credit-card.csv')).items;
    expect(card).toEqual({
      ...emptyItem(),
      name: 'myCreditCard',
      fields: [
        { name: 'Card Number', value: '41111111111111111', hidden: true },
        { name: 'Expiration Date', value: '05/2026', hidden: false },
        { name: 'Security Code', value: '123', hidden: true },
        { name: 'Name on Card', value: 'John Doe', hidden: false },
        { name: 'PIN', value: '1234', hidden: true },
        { name: 'Issuing Bank', value: 'Visa', hidden: false },
      ],
    });
  });

  it('keeps a value containing "|" whole, and a note ending in "|"', () => {
    const [login] = msecureCsv.parse(sample(...DIR, 'login-with-notes.csv')).items;
    expect(login).toEqual({
      ...emptyItem(),
      name: 'Example',
      username: 'username || lol',
      password: 'this is a password',
      urls: ['https://example2.com'],
      notes: 'This is a note |',
    });
  });
});

describe('mSecure CSV whose first records are notes (no "Label|type|value" cells)', () => {
  const file = (text: string) => ({ name: 'mSecure Export File.csv', bytes: new TextEncoder().encode(text) });
  const notesFirst =
    'Wi-Fi at home|101,Secure Note,Unassigned,The code is on the router,\n' +
    'Locker|102,Secure Note,,"Row 3\\nnumber 12",\n' +
    'Bank|103,Login,,,Website|2|bank.example,Username|7|ann,Password|8|Bank-pass-1,\n';

  it('is detected as mSecure, from the records after the first', async () => {
    const { detectFormat } = await import('../../../src/transfer/detect');
    expect(detectFormat(file(notesFirst)).importer.id).toBe('msecure-csv');
  });

  it('an export of notes only is detected too, by the types mSecure names', async () => {
    const { detectFormat } = await import('../../../src/transfer/detect');
    expect(detectFormat(file(notesFirst.split('\n').slice(0, 2).join('\n'))).importer.id).toBe('msecure-csv');
  });

  it('reads every record', () => {
    const { items, kinds } = msecureCsv.parse(file(notesFirst));
    expect(items.map((i) => i.name)).toEqual(['Wi-Fi at home', 'Locker', 'Bank']);
    expect(items[1]?.notes).toBe('Row 3\nnumber 12');
    expect(kinds).toEqual(['note', 'note', 'login']);
  });
});
