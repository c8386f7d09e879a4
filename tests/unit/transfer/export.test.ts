// Export (src/transfer/export*.ts, formula.ts): Tessera CSV with formula-injection escaping,
// Bitwarden JSON, and both read back through Tessera's importers with everything equal,
// including for thousands of random items (fast-check).

import fc from 'fast-check';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { collectItems, exportItems } from '../../../src/transfer/export';
import { exportBitwardenJson } from '../../../src/transfer/export-bitwarden';
import { exportCsv, TESSERA_CSV_COLUMNS } from '../../../src/transfer/export-csv';
import { escapeCell, unescapeCell } from '../../../src/transfer/formula';
import { readImport } from '../../../src/transfer/import';
import { bitwardenJson } from '../../../src/transfer/importers/bitwarden-json';
import { tesseraCsv } from '../../../src/transfer/importers/tessera-csv';
import { LIMITS } from '../../../src/vault/item-schema';
import type { Item, ItemInput } from '../../../src/vault/types';
import { textFile, withPasswordDate } from './helpers';

const item = (over: Partial<Item> = {}): Item => ({
  id: 'abc',
  name: 'Bank',
  username: 'ann',
  password: 'pw',
  notes: '',
  totp: '',
  urls: ['https://bank.example'],
  match: 'domain',
  favorite: false,
  fields: [],
  createdAt: Date.UTC(2024, 0, 2),
  updatedAt: Date.UTC(2024, 5, 3),
  ...over,
});

/** What import gives back for an exported item: its input part, without id and timestamps. */
const asInput = ({ id: _id, createdAt: _c, updatedAt: _u, ...rest }: Item): ItemInput => rest;

describe('formula-injection escaping', () => {
  it('prefixes cells a spreadsheet would run, and cells already starting with a quote', () => {
    for (const v of ['=1+1', '+1', '-2', '@SUM(A1)', '\tx', '\rx', "'quoted"])
      expect(escapeCell(v)).toBe(`'${v}`);
    for (const v of ['plain', '', 'a=b', ' =not first', '1-2']) expect(escapeCell(v)).toBe(v);
  });

  it('is undone exactly by unescapeCell', () => {
    fc.assert(
      fc.property(fc.string(), (v) => unescapeCell(escapeCell(v)) === v),
      { numRuns: 2000 },
    );
  });

  it('escapes every cell of the CSV export, headers untouched', () => {
    const csv = exportCsv([
      item({ name: '=HYPERLINK("http://evil.example","x")', password: '-pw', username: '@ann', notes: '+1' }),
    ]);
    const rows = Papa.parse<string[]>(csv, { skipEmptyLines: true }).data;
    expect(rows[0]).toEqual([...TESSERA_CSV_COLUMNS]);
    expect(rows[1]?.slice(0, 5)).toEqual([
      `'=HYPERLINK("http://evil.example","x")`,
      'https://bank.example',
      "'@ann",
      "'-pw",
      "'+1",
    ]);
    expect(csv.startsWith('"name","url","username"')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
  });

  it("other managers' CSV keeps a leading quote as data (only Tessera CSV unescapes)", () => {
    const { result } = readImport(
      textFile('chrome.csv', "name,url,username,password\nx,https://x.example,u,'=secret\n"),
    );
    expect(result.items[0]?.password).toBe("'=secret");
  });
});

describe('CSV export round trip', () => {
  const items = [
    item({
      name: 'Mail',
      urls: ['https://mail.example', 'https://m.example/login'],
      password: '=starts, with "quotes"\nand newline',
      notes: 'line 1\r\nline 2',
      totp: 'otpauth://totp/x?secret=ABC',
      favorite: true,
      match: 'host',
      fields: [
        { name: 'PIN', value: '1234', hidden: true },
        { name: '-weird', value: "'x", hidden: false },
      ],
    }),
    item({ name: 'Note only', username: '', password: '', urls: [], notes: 'just text', match: 'never' }),
  ];

  it('is detected as Tessera CSV and reads back equal', () => {
    const file = textFile('tessera-export.csv', exportCsv(items));
    const { importer, result } = readImport(file);
    expect(importer.id).toBe('tessera-csv');
    expect(result.items).toEqual(items.map(asInput));
    expect(result.kinds).toEqual(['login', 'note']);
  });

  it('skips a row whose fields cell was edited into something else', () => {
    const csv = exportCsv([items[0]!]).replace('"[{', '"[{broken');
    const result = tesseraCsv.parse(textFile('t.csv', csv));
    expect(result.items).toEqual([]);
    expect(result.skipped).toEqual([
      { row: 2, reason: 'its fields column is not the list Tessera writes', name: 'Mail' },
    ]);
  });
});

describe('Bitwarden JSON export', () => {
  it("writes Bitwarden's shape: logins (type 1) and secure notes (type 2)", () => {
    const json = JSON.parse(
      exportBitwardenJson([
        item({ fields: [{ name: 'PIN', value: '1', hidden: true }], match: 'host' }),
        item({ name: 'N', username: '', password: '', urls: [], notes: 'text' }),
      ]),
    );
    expect(json.encrypted).toBe(false);
    expect(json.folders).toEqual([]);
    expect(json.items[0]).toMatchObject({
      type: 1,
      name: 'Bank',
      notes: null,
      favorite: false,
      creationDate: '2024-01-02T00:00:00.000Z',
      revisionDate: '2024-06-03T00:00:00.000Z',
      fields: [{ name: 'PIN', value: '1', type: 1, linkedId: null }],
      login: {
        uris: [{ match: 1, uri: 'https://bank.example' }],
        username: 'ann',
        password: 'pw',
        totp: null,
      },
    });
    expect(json.items[1]).toMatchObject({ type: 2, name: 'N', notes: 'text', secureNote: { type: 0 } });
    expect(json.items[1].login).toBeUndefined();
    expect(JSON.stringify(json)).not.toContain('"abc"'); // Tessera ids are not exported
  });
});

/** Random items within the vault's limits, with the characters that break naive exporters. */
const tricky = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.constantFrom(
    '',
    '=cmd',
    '+1',
    '-1',
    '@x',
    '\tx',
    "'q",
    '"',
    'a,b',
    'line\nbreak',
    'cr\r\nlf',
    'ü€😀',
    ' pad ',
  ),
);
const arbItem: fc.Arbitrary<Item> = fc.record({
  id: fc.constant('x'),
  name: tricky.map((s) => s.trim()).filter((s) => s !== '' && s.length <= LIMITS.name),
  username: tricky,
  password: tricky,
  notes: tricky,
  totp: tricky.map((s) => s.trim()),
  urls: fc.uniqueArray(
    fc.webUrl().filter((u) => !/\s/.test(u)),
    { maxLength: 3 },
  ),
  match: fc.constantFrom('domain', 'host', 'never'),
  favorite: fc.boolean(),
  fields: fc.array(fc.record({ name: tricky.map((s) => s.trim()), value: tricky, hidden: fc.boolean() }), {
    maxLength: 4,
  }),
  createdAt: fc.constant(Date.UTC(2024, 0, 1)),
  updatedAt: fc.constant(Date.UTC(2024, 0, 1)),
}) as fc.Arbitrary<Item>;

describe('round trips for random items (fast-check)', () => {
  it('Tessera CSV: export then import gives the same items', () => {
    fc.assert(
      fc.property(fc.array(arbItem, { minLength: 1, maxLength: 8 }), (items) => {
        const { result } = readImport(textFile('t.csv', exportCsv(items)));
        expect(result.skipped).toEqual([]);
        expect(result.items).toEqual(items.map(asInput));
      }),
      { numRuns: 200 },
    );
  });

  it('Bitwarden JSON: export then import through the Bitwarden importer gives the same items', () => {
    fc.assert(
      fc.property(fc.array(arbItem, { minLength: 1, maxLength: 8 }), (items) => {
        const result = bitwardenJson.parse(textFile('bw.json', exportBitwardenJson(items)));
        expect(result.skipped).toEqual([]);
        expect(result.items).toEqual(items.map((i) => withPasswordDate(asInput(i), i)));
      }),
      { numRuns: 200 },
    );
  });
});

describe('export entry points', () => {
  it('collectItems reads every item of the vault with progress', async () => {
    const stored = [item({ id: 'a' }), item({ id: 'b', name: 'Two' })];
    const progress: [number, number][] = [];
    const vault = {
      list: () =>
        stored.map(({ id, name, username, urls, match, favorite, updatedAt }) => ({
          id,
          name,
          username,
          urls,
          match,
          favorite,
          updatedAt,
        })),
      get: async (id: string) => stored.find((s) => s.id === id)!,
    };
    expect(await collectItems(vault, (done, total) => progress.push([done, total]))).toEqual(stored);
    expect(progress).toEqual([
      [0, 2],
      [1, 2],
      [2, 2],
    ]);
  });

  it('exportItems names the file by format and date', () => {
    const now = new Date(Date.UTC(2025, 2, 4));
    expect(exportItems('csv', [item()], now)).toMatchObject({
      fileName: 'tessera-export-2025-03-04.csv',
      mimeType: 'text/csv;charset=utf-8',
    });
    const json = exportItems('bitwarden-json', [item()], now);
    expect(json.fileName).toBe('tessera-export-2025-03-04-bitwarden.json');
    expect(readImport(textFile(json.fileName, json.text)).importer.id).toBe('bitwarden-json');
  });
});

describe('an export larger than the import reads', () => {
  it('is flagged, so the page can say it will not come back in one piece', () => {
    // 340 items with 100,000-character notes: about 34 MB of JSON, over the 32 MiB import limit.
    const big = Array.from({ length: 340 }, (_, i) => item({ id: `${i}`, notes: 'n'.repeat(100_000) }));
    expect(exportItems('bitwarden-json', big).readableByImport).toBe(false);
    expect(exportItems('csv', big).readableByImport).toBe(false);
    expect(exportItems('bitwarden-json', big.slice(0, 100)).readableByImport).toBe(true);
    // Multi-byte text counts in UTF-8 bytes, as the file is written.
    const wide = Array.from({ length: 120 }, (_, i) => item({ id: `${i}`, notes: '€'.repeat(100_000) }));
    expect(exportItems('csv', wide).readableByImport).toBe(false);
  });
});
