// CSV reading shared by every CSV importer (src/transfer/csv.ts): quoting per RFC 4180, damage
// reported by spreadsheet row, blank lines, and files with headings but no entries.

import { describe, expect, it } from 'vitest';
import { readCsv } from '../../../src/transfer/csv';
import { readImport } from '../../../src/transfer/import';
import { chromeCsv } from '../../../src/transfer/importers/chrome-csv';
import { importError, textFile } from './helpers';

describe('quoting', () => {
  it('keeps commas, doubled quotes and newlines inside quoted values', () => {
    const file = textFile(
      'c.csv',
      'name,url,username,password,note\r\n' +
        '"Bank, Inc.","https://bank.example","ann","pa""ss,word","line 1\r\nline ""2"""\r\n' +
        'plain,https://p.example,bob,"x\ny",\r\n',
    );
    const { items } = chromeCsv.parse(file);
    expect(items).toHaveLength(2);
    expect(items[0]).toMatchObject({
      name: 'Bank, Inc.',
      password: 'pa"ss,word',
      notes: 'line 1\r\nline "2"',
    });
    expect(items[1]).toMatchObject({ name: 'plain', password: 'x\ny', notes: '' });
  });

  it('numbers rows as a spreadsheet does (heading = 1), also after multi-line values', () => {
    const table = readCsv(textFile('c.csv', 'a,b\n"1\n2",x\n\n3,y\n'), { header: true });
    expect(table.header).toEqual(['a', 'b']);
    // The blank line is row 3 and is left out; "3,y" keeps its row number 4.
    expect(table.records).toEqual([
      { row: 2, cells: ['1\n2', 'x'] },
      { row: 4, cells: ['3', 'y'] },
    ]);
  });
});

describe('damaged files', () => {
  it('names the row of a quote that is never closed (a cut-off file)', () => {
    const file = textFile(
      'c.csv',
      'name,url,username,password\na,https://a.example,u,p\nb,https://b.example,u,"secr',
    );
    const err = importError(() => readImport(file));
    expect(err.code).toBe('malformed');
    expect(err.row).toBe(3);
    expect(err.message).toBe(
      'Row 3 has a quoted value that is never closed. The file may be cut off or damaged.',
    );
  });

  it('names the row of a quote in the wrong place', () => {
    const file = textFile('c.csv', 'name,url,username,password\na,https://a.example,"u"x,p\n');
    const err = importError(() => readImport(file));
    expect(err.row).toBe(2);
    expect(err.message).toMatch(/^Row 2 has a quote in the wrong place/);
  });

  it('reads a short record before the last as empty values (nothing shifts into the password)', () => {
    const { items } = chromeCsv.parse(
      textFile(
        'c.csv',
        'name,url,username,password\nsite,https://s.example,ann\nfull,https://f.example,bob,pw\n',
      ),
    );
    expect(items[0]).toMatchObject({ username: 'ann', password: '' });
  });

  it('leaves a last record cut short out, and says so (cut-off.test.ts tries every cut)', () => {
    const { items, skipped } = chromeCsv.parse(
      textFile('c.csv', 'name,url,username,password\nsite,https://s.example,ann'),
    );
    expect(items).toEqual([]);
    expect(skipped).toEqual([{ row: 2, reason: expect.stringContaining('it has 3 of the 4 columns') }]);
  });

  it('says a file with headings but no entries has nothing to import', () => {
    for (const text of ['name,url,username,password\n', 'name,url,username,password\r\n\r\n']) {
      const err = importError(() => readImport(textFile('c.csv', text)));
      expect(err.code).toBe('empty');
      expect(err.message).toBe('The file contains no entries to import.');
    }
  });

  it('skips an all-empty record with its row number', () => {
    const { items, skipped } = chromeCsv.parse(
      textFile('c.csv', 'name,url,username,password\n,,,\na,,u,p\n'),
    );
    expect(items).toHaveLength(1);
    expect(skipped).toEqual([{ row: 2, reason: 'it is empty' }]);
  });
});
