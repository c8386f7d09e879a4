// The import pipeline (src/transfer/import.ts) against a real vault (fake IndexedDB): one putMany,
// progress phases in order, nothing written when anything fails, and a 10,000-row CSV parsed
// well within the time the import_csv_10k_ms budget leaves for parsing.

import { describe, expect, it } from 'vitest';
import { ImportError } from '../../../src/transfer/errors';
import {
  type ImportProgress,
  type ImportTarget,
  importFile,
  readImport,
  saveImport,
} from '../../../src/transfer/import';
import { ResultBuilder } from '../../../src/transfer/result';
import { VaultError } from '../../../src/vault/errors';
import { UnlockedVault } from '../../../src/vault/vault';
import { freshDb, snapshot, TEST_COST } from '../vault/helpers';
import { IMPORTS, importError, sample, textFile } from './helpers';

function chromeCsv(rows: number): string {
  const lines = ['name,url,username,password,note'];
  for (let i = 0; i < rows; i++) {
    lines.push(
      `site${i}.example,https://site${i}.example/login,user${i}@mail.example,"p@ss,${i}""x",note ${i}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

async function rejection(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => null,
    (e: unknown) => e,
  );
}

describe('importFile into a vault', () => {
  it('stores every item with one putMany and reports the phases in order', async () => {
    const db = await freshDb();
    const vault = await UnlockedVault.create(db, 'master password', TEST_COST);
    let calls = 0;
    const target: ImportTarget = {
      putMany: (inputs, options) => {
        calls += 1;
        return vault.putMany(inputs, options);
      },
    };
    const phases: ImportProgress[] = [];
    const { read, stored } = await importFile(textFile('Chrome Passwords.csv', chromeCsv(25)), target, (p) =>
      phases.push(p),
    );
    expect(read.importer.id).toBe('chrome-csv');
    expect(calls).toBe(1);
    expect(stored).toHaveLength(25);
    expect(phases).toEqual([
      { phase: 'parsing', items: 0 },
      { phase: 'validating', items: 25 },
      { phase: 'saving', items: 25 },
      { phase: 'done', items: 25 },
    ]);
    expect(vault.list()).toHaveLength(25);
    const back = await vault.get(stored[3]!.id);
    expect(back).toMatchObject({
      name: 'site3.example',
      username: 'user3@mail.example',
      password: 'p@ss,3"x',
      notes: 'note 3',
    });
  });

  it.skipIf(IMPORTS === null)('imports a real 1Password export end to end', async () => {
    const db = await freshDb();
    const vault = await UnlockedVault.create(db, 'master password', TEST_COST);
    const { stored } = await importFile(sample('keepassxc-testdata', '1PasswordExport.1pux'), vault);
    expect(stored.map((i) => i.name)).toContain('Credit Card');
    expect(vault.size).toBe(8);
  });

  it('writes nothing when the file is bad', async () => {
    const db = await freshDb();
    const vault = await UnlockedVault.create(db, 'master password', TEST_COST);
    const before = await snapshot(db);
    const err = await rejection(importFile(textFile('c.csv', 'name,url,username,password\na,b,c,"d'), vault));
    expect(err).toBeInstanceOf(ImportError);
    expect((err as ImportError).row).toBe(2);
    expect(await snapshot(db)).toBe(before);
  });

  it('writes nothing when the vault refuses the batch (all or nothing)', async () => {
    const db = await freshDb();
    const vault = await UnlockedVault.create(db, 'master password', TEST_COST);
    const before = await snapshot(db);
    // The transaction aborts after the first item is written: putMany's one transaction keeps none.
    const failing: ImportTarget = {
      putMany: (inputs) => vault.putMany(inputs, { hooks: { afterFirstWrite: (tx) => tx.abort() } }),
    };
    const err = await rejection(importFile(textFile('c.csv', chromeCsv(5)), failing));
    expect(err).toBeInstanceOf(VaultError);
    expect((err as VaultError).code).toBe('storage-failed');
    expect(await snapshot(db)).toBe(before);
    expect(vault.list()).toHaveLength(0);
  });

  it('refuses to save when every entry was skipped, naming the first reason', async () => {
    const { result } = readImport(textFile('c.csv', 'name,url,username,password\n,,,\n'));
    const target: ImportTarget = { putMany: async () => [] };
    const err = (await rejection(saveImport(result, target))) as ImportError;
    expect(err).toBeInstanceOf(ImportError);
    expect(err.code).toBe('nothing-to-save');
    expect(err.message).toBe('Nothing to import: all 1 entries were skipped (row 2: it is empty).');
  });

  it('skips an entry over the vault limits with the reason, instead of failing the import', () => {
    const long = 'x'.repeat(10_001);
    const { result } = readImport(
      textFile(
        'c.csv',
        `name,url,username,password\nok,https://a.example,u,p\nbig,https://b.example,u,${long}\n`,
      ),
    );
    expect(result.items.map((i) => i.name)).toEqual(['ok']);
    expect(result.skipped).toEqual([
      {
        row: 3,
        reason: 'its password is 10,001 characters long; Tessera stores at most 10,000',
        name: 'big',
      },
    ]);
  });
});

// Timings are the bench's (`npm run bench import`: import_csv_10k), never a test's: a busy machine
// must not fail a correct import.
describe('size', () => {
  it('parses and validates a 10,000-row CSV', () => {
    const { result } = readImport(textFile('Chrome Passwords.csv', chromeCsv(10_000)));
    expect(result.items).toHaveLength(10_000);
    expect(result.items[9_999]).toMatchObject({ password: 'p@ss,9999"x' });
  });

  it('refuses an oversized file before reading a byte of it', () => {
    const bytes = new Uint8Array(50 * 1024 * 1024);
    // Any read of the content (an index, a decode, a copy) would go through this proxy and throw.
    const untouchable = new Proxy(bytes, {
      get(target, key) {
        if (key === 'byteLength' || key === 'length') return target[key];
        throw new Error(`the content was read (${String(key)})`);
      },
    });
    const input = { name: 'big.csv', bytes: untouchable };
    expect(importError(() => readImport(input)).code).toBe('too-large');
  });
});

describe('entry limit', () => {
  it('refuses a file with more than 50,000 entries, naming the limit', () => {
    // Skipped entries count too, and skipping is the cheapest way to reach the limit.
    const out = new ResultBuilder();
    for (let i = 0; i < 49_999; i++) out.skip(i + 2, 'it is empty');
    out.add(50_001, {}); // an empty draft is skipped inside add(), and counted once
    const err = importError(() => out.skip(50_002, 'it is empty'));
    expect(err.code).toBe('too-large');
    expect(err.message).toMatch(
      /^The file has more than 50,000 entries; Tessera imports at most that many at a time\./,
    );
  });
});
