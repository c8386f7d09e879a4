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
