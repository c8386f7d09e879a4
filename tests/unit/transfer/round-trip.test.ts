// Our own exports always come back: for random vaults with every character class (ASCII, control
// characters including NUL, surrogate pairs and unpaired surrogates, right-to-left text, combining
// marks, quotes, commas and line breaks, formula starters) and every field shape (no URLs, many,
// every fill rule, hidden and empty custom fields), import(export(v)) equals v after the one
// documented normalisation (src/transfer/clean-text.ts), for Tessera CSV, Bitwarden JSON and the
// encrypted backup (which keeps every character as it is). Also a vault at the item limits.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanText, cleanUrl } from '../../../src/transfer/clean-text';
import { exportBitwardenJson } from '../../../src/transfer/export-bitwarden';
import { exportCsv } from '../../../src/transfer/export-csv';
import { readImport } from '../../../src/transfer/import';
import { MAX_TEXT_BYTES } from '../../../src/transfer/limits';
import { decryptBackup, encryptBackup } from '../../../src/vault/backup';
import { LIMITS } from '../../../src/vault/item-schema';
import type { Item, ItemInput } from '../../../src/vault/types';
import { TEST_COST } from '../vault/helpers';
import { textFile, withPasswordDate } from './helpers';

/** One "character" of each class; several are two UTF-16 units, some deliberately broken. */
const charClass = fc.oneof(
  fc.string({ unit: 'grapheme-ascii', maxLength: 1 }),
  fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)), // C0, NUL, tab, LF, CR
  fc.integer({ min: 0x7f, max: 0x9f }).map((c) => String.fromCharCode(c)), // DEL, C1
  fc.constantFrom('😀', '𝄞', '👩‍💻', '🇫🇷'), // surrogate pairs, ZWJ sequence, flag
  fc.constantFrom('\ud800', '\udfff', '\udc00\ud800'), // unpaired surrogates (from a JSON file)
  fc.constantFrom('שלום', 'مرحبا', '\u200f', '\u202e', '\u2067'), // right-to-left text and controls
  fc.constantFrom('e\u0301', '\u0301', 'n\u0303\u0323'), // combining marks, one alone
  fc.constantFrom('"', "'", ',', ';', '\n', '\r\n', '\r', '\t', ' ', '\u00a0', '\ufeff', '\u200b'),
  fc.constantFrom('=', '+', '-', '@', '|', '\\', '{', '}', '[', ']'),
  fc.constantFrom('ü', '€', 'ß', '中', 'ｱ'),
);
const text = (maxLength: number) => fc.array(charClass, { maxLength }).map((parts) => parts.join(''));

const arbItem: fc.Arbitrary<Item> = fc.record({
  id: fc.constant('x'),
  // A name that cleans to nothing would be replaced by the URL's host: covered by the importer tests.
  name: text(12).filter((s) => cleanText(s).trim() !== ''),
  username: text(12),
  password: text(16),
  notes: text(40),
  totp: text(8),
  urls: fc.array(
    fc
      .tuple(fc.webUrl({ withFragments: true, withQueryParameters: true }), text(4))
      .map(([u, tail]) => u + tail),
    { maxLength: 4 },
  ),
  match: fc.constantFrom('domain', 'host', 'never'),
  favorite: fc.boolean(),
  fields: fc.array(fc.record({ name: text(6), value: text(12), hidden: fc.boolean() }), { maxLength: 4 }),
  createdAt: fc.constant(Date.UTC(2024, 0, 1)),
  updatedAt: fc.constant(Date.UTC(2024, 0, 1)),
}) as fc.Arbitrary<Item>;

const vault = fc.array(arbItem, { minLength: 1, maxLength: 6 });

/**
 * The documented normalisation at import (result.ts, clean-text.ts): cleanText on every value;
 * the name and one-time secret trimmed; URLs through cleanUrl (no tabs or line breaks, trimmed),
 * empty ones and repeats dropped.
 */
function normalised({ id: _id, createdAt: _c, updatedAt: _u, ...item }: Item): ItemInput {
  const urls: string[] = [];
  for (const raw of item.urls) {
    const url = cleanUrl(raw);
    if (url && !urls.includes(url)) urls.push(url);
  }
  return {
    ...item,
    name: cleanText(item.name).trim(),
    username: cleanText(item.username),
    password: cleanText(item.password),
    notes: cleanText(item.notes),
    totp: cleanText(item.totp).trim(),
    urls,
    fields: item.fields.map((f) => ({
      name: cleanText(f.name),
      value: cleanText(f.value),
      hidden: f.hidden,
    })),
  };
}

const exactly = ({ id: _id, createdAt: _c, updatedAt: _u, ...item }: Item): ItemInput => item;
/** The backup keeps ids too. */
const withId = ({ createdAt: _c, updatedAt: _u, ...item }: Item): ItemInput => item;

function viaCsv(items: Item[]): ItemInput[] {
  const read = readImport(textFile('tessera-export.csv', exportCsv(items)));
  expect(read.importer.id).toBe('tessera-csv');
  expect(read.result.skipped).toEqual([]);
  return read.result.items;
}

function viaBitwarden(items: Item[]): ItemInput[] {
  const read = readImport(textFile('tessera-export-bitwarden.json', exportBitwardenJson(items)));
  expect(read.importer.id).toBe('bitwarden-json');
  expect(read.result.skipped).toEqual([]);
  return read.result.items;
}

describe('import(export(v)) = v for every character class and field shape (fast-check)', () => {
  it('Tessera CSV', () => {
    fc.assert(
      fc.property(vault, (items) => {
        expect(viaCsv(items)).toEqual(items.map(normalised));
      }),
      { numRuns: 300 },
    );
  });

  it('Bitwarden JSON', () => {
    fc.assert(
      fc.property(vault, (items) => {
        expect(viaBitwarden(items)).toEqual(items.map((i) => withPasswordDate(normalised(i), i)));
      }),
      { numRuns: 300 },
    );
  });

  it('the encrypted backup keeps every character exactly', async () => {
    // Argon2id at the floor cost still takes a moment per run, so fewer runs with larger vaults.
    await fc.assert(
      fc.asyncProperty(fc.array(arbItem, { minLength: 1, maxLength: 40 }), async (items) => {
        const { items: back } = await decryptBackup(await encryptBackup(items, 'pw', TEST_COST), 'pw');
        expect(back).toEqual(items.map(withId));
      }),
      { numRuns: 4 },
    );
  }, 60_000);

  it('an import that removed characters lists the item as changed, with the reason', () => {
    // Written by hand: Tessera's own export never writes a NUL.
    const json = JSON.stringify({
      encrypted: false,
      items: [
        { type: 1, name: 'Bank', login: { password: 'pa\u0000ss' } },
        { type: 1, name: 'Mail', login: { password: 'pw' } },
      ],
    });
    const { result } = readImport(textFile('bw.json', json));
    expect(result.items.map((i) => i.password)).toEqual(['pass', 'pw']);
    expect(result.changed).toEqual([
      { row: 1, name: 'Bank', reason: expect.stringContaining('control characters') },
    ]);
  });
});

function fullItem(): Item {
  return {
    id: 'x',
    name: 'n',
    username: 'u',
    password: 'pw',
    notes: '',
    totp: '',
    urls: [],
    match: 'domain',
    favorite: false,
    fields: [],
    createdAt: 0,
    updatedAt: 0,
  };
}

/** An item at every limit of the vault's schema: the biggest item Tessera stores. */
function itemAtLimits(i: number): Item {
  const fill = (n: number, c = 'x') => `${i}`.padEnd(n, c);
  return {
    ...fullItem(),
    name: fill(LIMITS.name),
    username: fill(LIMITS.username),
    password: fill(LIMITS.password, '"'),
    notes: fill(LIMITS.notes, '\n'),
    totp: fill(LIMITS.totp),
    urls: Array.from({ length: LIMITS.urls }, (_, k) => `https://${k}.example/`.padEnd(LIMITS.url, 'p')),
    match: 'never',
    fields: Array.from({ length: LIMITS.fields }, (_, k) => ({
      name: `${k}`.padEnd(LIMITS.fieldName, 'f'),
      value: `${k}`.padEnd(LIMITS.fieldValue, ','),
      hidden: k % 2 === 0,
    })),
  };
}

describe('items at the vault limits', () => {
  const items = [itemAtLimits(1), itemAtLimits(2)];

  it('come back through CSV, Bitwarden JSON and the backup', async () => {
    expect(viaCsv(items)).toEqual(items.map(exactly));
    expect(viaBitwarden(items)).toEqual(items.map((i) => withPasswordDate(exactly(i), i)));
    const { items: back } = await decryptBackup(await encryptBackup(items, 'pw', TEST_COST), 'pw');
    expect(back).toEqual(items.map(withId));
  }, 60_000);

  it('the Bitwarden JSON export is compact, so a 10,000-login vault stays far below the import limit', () => {
    const logins = Array.from({ length: 10_000 }, (_, i) => ({
      ...fullItem(),
      name: `Site ${i}`,
      username: `user${i}@example.com`,
      password: 'x'.repeat(24),
      urls: [`https://site${i}.example.com/login`],
      notes: 'n'.repeat(200),
      fields: [{ name: 'PIN', value: '1234', hidden: true }],
    }));
    const json = exportBitwardenJson(logins);
    expect(json).not.toMatch(/\n\s/);
    expect(json.length).toBeLessThan(MAX_TEXT_BYTES / 4);
    expect(viaBitwarden(logins.slice(0, 50))).toEqual(
      logins.slice(0, 50).map((i) => withPasswordDate(exactly(i), i)),
    );
  });
});
