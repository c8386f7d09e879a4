// Property-based fuzzing of every importer (fast-check): random bytes, real samples with bytes
// flipped, inserted, deleted or cut off, JSON samples with values of the wrong type, random CSV
// tables full of quotes and line breaks. Whatever comes in, an importer either returns items that
// all pass parseItemInput, or throws ImportError; detection never throws; nothing runs long.

import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { ImportError } from '../../../src/transfer/errors';
import { exportBitwardenJson } from '../../../src/transfer/export-bitwarden';
import { exportCsv } from '../../../src/transfer/export-csv';
import {
  MAPPING_TARGETS,
  type MappingTarget,
  parseGenericCsv,
} from '../../../src/transfer/importers/generic-csv';
import { IMPORTERS } from '../../../src/transfer/registry';
import type { Importer, ImportInput, ImportResult } from '../../../src/transfer/types';
import { parseItemInput } from '../../../src/vault/item-schema';
import type { Item } from '../../../src/vault/types';
import { seededRandom } from '../seeded-random';
import { IMPORTS } from './helpers';

/** Per input; the slowest real case (a mutated 170 KB 1PUX) takes a few milliseconds. */
const MAX_MS_PER_INPUT = 1_000;

const enc = (s: string) => new TextEncoder().encode(s);

/** Inline samples for formats the corpus has no file for, plus Tessera's own. */
const item: Item = {
  id: 'i',
  name: 'Bank',
  username: 'ann',
  password: '=pw,"x"\n',
  notes: 'n',
  totp: 'otpauth://totp/x?secret=A',
  urls: ['https://bank.example'],
  match: 'host',
  favorite: true,
  fields: [{ name: 'PIN', value: '1', hidden: true }],
  createdAt: 0,
  updatedAt: 0,
};
const INLINE: Record<string, string[]> = {
  'keepassxc-csv': [
    '"Group","Title","Username","Password","URL","Notes","TOTP","Icon","Last Modified","Created"\n"Root/A","T","u","p","https://a.example","n","otpauth://x","0","",""\n',
  ],
  'protonpass-csv': [
    'type,name,url,email,username,password,note,totp,createTime,modifyTime,vault\nlogin,A,https://a.example,e@x,u,p,n,,1,1,V\ncreditCard,C,,,,,"{""number"":""4111"",""note"":""x""}",,1,1,W\n',
  ],
  'tessera-csv': [exportCsv([item, { ...item, name: 'Two', fields: [] }])],
  'bitwarden-json': [exportBitwardenJson([item])],
  'generic-csv': ['Title;Web Site;Login;Pass;Comment\nA;a.example;u;p;"x\ny"\n'],
  '1password-csv': [
    'Title,Url,Username,Password,OTPAuth,Favorite,Archived,Tags,Notes\nA,https://a.example,u,p,,true,false,"x,y",n\n',
  ],
};

/** Corpus samples per importer, read once. */
const CORPUS: Record<string, string[]> = {
  'bitwarden-json': [
    'keepassxc-testdata/bitwarden_export.json',
    'keepassxc-testdata/bitwarden_passkey_export.json',
    'bitwarden/bitwarden-json/password-protected.json',
  ],
  'bitwarden-csv': [
    'bitwarden/bitwarden-csv/login-with-collections.csv',
    'bitwarden/bitwarden-csv/archived.csv',
  ],
  '1password-1pux': [
    'keepassxc-testdata/1PasswordExport.1pux',
    '1password/onepassword-1pux/login-data.json',
    '1password/onepassword-1pux/credit-card.json',
    '1password/onepassword-1pux/identity-data.json',
  ],
  '1password-csv': [
    '1password/onepassword-csv/multiple-items.mac.csv',
    '1password/onepassword-csv/multiple-items.windows.csv',
  ],
  'protonpass-json': [
    'protonpass/protonpass-json/protonpass-latest.json',
    'protonpass/protonpass-json/protonpass.json',
  ],
  'firefox-csv': ['firefox/firefox-csv/firefox-accounts-data.csv'],
  'chrome-csv': ['chrome/chrome-csv/note-data.csv', 'chrome/chrome-csv/android-data.csv'],
  'msecure-csv': ['msecure/msecure-csv/multiple.csv', 'msecure/msecure-csv/legacy-card.csv'],
};

function samplesFor(id: string): ImportInput[] {
  const out: ImportInput[] = (INLINE[id] ?? []).map((text, i) => ({
    name: `${id}-${i}.${id.endsWith('json') ? 'json' : 'csv'}`,
    bytes: enc(text),
  }));
  if (IMPORTS) {
    for (const path of CORPUS[id] ?? [])
      out.push({ name: path.split('/').pop()!, bytes: new Uint8Array(readFileSync(`${IMPORTS}/${path}`)) });
  }
  if (id === 'protonpass-json' && IMPORTS) {
    const data = readFileSync(`${IMPORTS}/protonpass/protonpass-json/protonpass-latest.json`);
    out.push({
      name: 'proton.zip',
      bytes: zipSync({ 'Proton Pass/data.json': new Uint8Array(data) }, { level: 0 }),
    });
  }
  return out;
}

/** Calls parse and checks the contract; returns the kind of outcome for coverage counting. */
function check(parse: () => ImportResult): 'items' | 'error' {
  const start = performance.now();
  let result: ImportResult;
  try {
    result = parse();
  } catch (err) {
    if (!(err instanceof ImportError)) throw err;
    expect(err.message.length).toBeGreaterThan(10);
    if (err.row !== undefined) expect(err.row).toBeGreaterThan(0);
    return 'error';
  } finally {
    expect(performance.now() - start).toBeLessThan(MAX_MS_PER_INPUT);
  }
  expect(result.kinds).toHaveLength(result.items.length);
  expect(result.rows).toHaveLength(result.items.length);
  for (const i of result.items) expect(parseItemInput(i)).toEqual(i);
  for (const s of result.skipped) {
    expect(s.row).toBeGreaterThan(0);
    expect(s.reason.length).toBeGreaterThan(3);
  }
  return 'items';
}

// ---- input generators --------------------------------------------------------------------------

const NAMES = fc.constantFrom(
  'export.csv',
  'export.json',
  'export.1pux',
  'export.zip',
  'export.pgp',
  'export.txt',
);

/** Edits that damage a file the way disks, downloads and hand editing do. */
type Edit =
  | { kind: 'cut'; at: number }
  | { kind: 'flip'; at: number; byte: number }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'delete'; at: number; length: number };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('cut' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({
    kind: fc.constant('flip' as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    byte: fc.integer({ min: 0, max: 255 }),
  }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    text: fc.oneof(
      fc.constantFrom(
        '"',
        ',',
        '\n',
        '\r\n',
        '{',
        '}',
        '[',
        ']',
        ':',
        '|',
        '\\"',
        '""',
        '\u0000',
        '\ufeff',
        'null',
        '-1',
      ),
      fc.string({ maxLength: 8 }),
    ),
  }),
  fc.record({
    kind: fc.constant('delete' as const),
    at: fc.double({ min: 0, max: 1, noNaN: true }),
    length: fc.integer({ min: 1, max: 64 }),
  }),
);

function applyEdits(bytes: Uint8Array, edits: Edit[]): Uint8Array {
  let out = bytes;
  for (const e of edits) {
    const at = Math.floor(e.at * out.length);
    if (e.kind === 'cut') out = out.slice(0, at);
    else if (e.kind === 'flip') {
      out = out.slice();
      if (at < out.length) out[at] = e.byte;
    } else if (e.kind === 'insert')
      out = new Uint8Array([...out.slice(0, at), ...enc(e.text), ...out.slice(at)]);
    else out = new Uint8Array([...out.slice(0, at), ...out.slice(at + e.length)]);
  }
  return out;
}

const WRONG: unknown[] = [
  null,
  0,
  -1,
  1.5,
  1e308,
  true,
  '',
  'x',
  [],
  {},
  [null],
  { a: 1 },
  'y'.repeat(20_000),
  [[[]]],
  '✓',
];

/** Replaces random values in a JSON tree with values of the wrong type (importers must cope). */
function mutateJson(value: unknown, rnd: () => number, rate: number): unknown {
  if (rnd() < rate) return WRONG[Math.floor(rnd() * WRONG.length)];
  if (Array.isArray(value)) return value.map((v) => mutateJson(v, rnd, rate));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mutateJson(v, rnd, rate)]));
  }
  return value;
}

const csvCell = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom('"', '""', '"a"b', 'a,b', '\n', '\r', ' ', '=1', "'", '\\"', 'x'.repeat(11_000)),
);
const csvTable = fc.tuple(
  fc.array(
    fc.constantFrom(
      'name',
      'url',
      'username',
      'password',
      'notes',
      'note',
      'totp',
      'fields',
      'title',
      'folder',
      'favorite',
      'type',
      'vault',
      'Group',
      'Title',
      'x',
    ),
    { minLength: 1, maxLength: 9 },
  ),
  fc.array(fc.array(csvCell, { maxLength: 10 }), { maxLength: 8 }),
  fc.boolean(),
);
function renderCsv([header, rows, quoteAll]: [string[], string[][], boolean]): string {
  const cell = (c: string) => (quoteAll || /[",\n\r]/.test(c) ? `"${c.replaceAll('"', '""')}"` : c);
  return [header, ...rows].map((r) => r.map(cell).join(',')).join('\n');
}

// ---- the properties -------------------------------------------------------------------------------

/** Every JSON sample of every importer, parsed, for the wrong-type mutations. */
const JSON_TREES: unknown[] = IMPORTERS.flatMap((i) => samplesFor(i.id))
  .filter((s) => s.name.endsWith('.json'))
  .map((s) => JSON.parse(new TextDecoder().decode(s.bytes)) as unknown);

describe.each(IMPORTERS.map((i) => [i.id, i] as [string, Importer]))('fuzzing %s', (id, importer) => {
  const samples = samplesFor(id);

  it('random bytes: ImportError or valid items, detect never throws', () => {
    fc.assert(
      fc.property(NAMES, fc.uint8Array({ maxLength: 600 }), (name, bytes) => {
        const input = { name, bytes };
        const confidence = importer.detect(input);
        expect(confidence).toBeGreaterThanOrEqual(0);
        expect(confidence).toBeLessThanOrEqual(1);
        check(() => importer.parse(input));
      }),
      { numRuns: 200 },
    );
  });

  it.skipIf(samples.length === 0)('damaged real samples (cut, flipped, inserted, deleted bytes)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...samples),
        fc.array(edit, { minLength: 1, maxLength: 4 }),
        (sampleInput, edits) => {
          const input = { name: sampleInput.name, bytes: applyEdits(sampleInput.bytes, edits) };
          importer.detect(input);
          check(() => importer.parse(input));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('random CSV tables with quotes, line breaks and oversized cells', () => {
    fc.assert(
      fc.property(csvTable, (table) => {
        const input = { name: 'x.csv', bytes: enc(renderCsv(table)) };
        importer.detect(input);
        check(() => importer.parse(input));
      }),
      { numRuns: 120 },
    );
  });

  // Every importer gets every JSON sample (a CSV importer handed JSON must refuse it cleanly too).
  it('JSON samples with values of the wrong type, bare and zipped', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...JSON_TREES),
        fc.integer(),
        fc.double({ min: 0.01, max: 0.4, noNaN: true }),
        (tree, seed, rate) => {
          const text = JSON.stringify(mutateJson(tree, seededRandom(seed), rate));
          const input = { name: 'x.json', bytes: enc(text) };
          importer.detect(input);
          check(() => importer.parse(input));
          // The same damaged export.data inside a .1pux / Proton zip.
          const zipped = {
            name: 'x.1pux',
            bytes: zipSync({ 'export.data': strToU8(text), 'Proton Pass/data.json': strToU8(text) }),
          };
          importer.detect(zipped);
          check(() => importer.parse(zipped));
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('fuzzing parseGenericCsv with random mappings', () => {
  it('any table with any mapping: ImportError or valid items', () => {
    fc.assert(
      fc.property(
        csvTable,
        fc.array(fc.constantFrom(...MAPPING_TARGETS), { maxLength: 10 }),
        (table, mapping: MappingTarget[]) => {
          const input = { name: 'x.csv', bytes: enc(renderCsv(table)) };
          check(() => parseGenericCsv(input, mapping));
          check(() => parseGenericCsv(input, mapping.slice(0, table[0].length)));
        },
      ),
      { numRuns: 300 },
    );
  });
});
