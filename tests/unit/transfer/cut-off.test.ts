// A CSV cut off inside its last record (src/transfer/csv.ts, CsvTable.cutOff): for every position
// the file can end at inside the last row, the row is either left out and reported, or the whole
// file is refused (a quote left open) — never imported with a shortened value. Files are written
// in each manager's documented layout (headings as their exporters write them).

import { describe, expect, it } from 'vitest';
import { ImportError } from '../../../src/transfer/errors';
import { exportCsv } from '../../../src/transfer/export-csv';
import { readImport } from '../../../src/transfer/import';
import type { ImportResult } from '../../../src/transfer/types';
import type { Item } from '../../../src/vault/types';
import { textFile } from './helpers';

interface Layout {
  format: string;
  file: string;
  /** Where the last record's final cell starts: cuts from there on keep every cell (see below). */
  lastCell: (text: string) => number;
}

const lastLineStart = (text: string) => text.trimEnd().lastIndexOf('\n') + 1;
const lastComma = (text: string) => text.trimEnd().lastIndexOf(',') + 1;

const LAYOUTS: Layout[] = [
  {
    format: 'chrome-csv',
    file:
      'name,url,username,password,note\n' +
      'bank.example,https://bank.example/,ann,Bank-pass-1,\n' +
      'mail.example,https://mail.example/,bob,Mail-pass-2,Personal\n',
    lastCell: lastComma,
  },
  {
    format: 'bitwarden-csv',
    file:
      'folder,favorite,type,name,notes,fields,reprompt,login_uri,login_username,login_password,login_totp\n' +
      ',,login,Bank,,,0,https://bank.example/,ann,Bank-pass-1,\n' +
      'Work,1,login,Mail,"two\nlines",,0,https://mail.example/,bob,Mail-pass-2,JBSWY3DPEHPK3PXP',
    lastCell: lastComma,
  },
  {
    format: 'keepassxc-csv',
    file:
      '"Group","Title","Username","Password","URL","Notes","TOTP","Icon","Last Modified","Created"\n' +
      '"Root","Bank","ann","Bank-pass-1","https://bank.example/","","","0","2024-01-02T10:00:00Z","2024-01-02T10:00:00Z"\n' +
      '"Root/Work","Mail","bob","Mail-pass-2","https://mail.example/","","","0","2024-01-03T10:00:00Z","2024-01-03T10:00:00Z"\n',
    lastCell: lastComma,
  },
  {
    format: 'firefox-csv',
    file:
      '"url","username","password","httpRealm","formActionOrigin","guid","timeCreated","timeLastUsed","timePasswordChanged"\r\n' +
      '"https://bank.example","ann","Bank-pass-1",,"https://bank.example","{a}","1700000000000","1700000000000","1700000000000"\r\n' +
      '"https://mail.example","bob","Mail-pass-2",,"https://mail.example","{b}","1700000000000","1700000000000","1700000000000"\r\n',
    lastCell: lastComma,
  },
];

function tessera(): Layout {
  const item = (name: string, password: string): Item => ({
    id: name,
    name,
    username: 'ann',
    password,
    notes: '',
    totp: '',
    urls: [`https://${name}.example/`],
    match: 'domain',
    favorite: false,
    fields: [],
    createdAt: 0,
    updatedAt: 0,
  });
  // Tessera's export ends every record with a line break, so any cut in the last row shows.
  return {
    format: 'tessera-csv',
    file: exportCsv([item('bank', 'Bank-pass-1'), item('mail', 'Mail-pass-2')]),
    lastCell: (text) => text.length,
  };
}

/** What reading the file cut at `end` gives: the result, or the refusal. */
function readCut(file: string, end: number): ImportResult | ImportError {
  try {
    return readImport(textFile('export.csv', file.slice(0, end))).result;
  } catch (err) {
    if (err instanceof ImportError) return err;
    throw err;
  }
}

describe('a CSV cut off inside its last record', () => {
  for (const layout of [...LAYOUTS, tessera()]) {
    it(`${layout.format}: the cut row is left out and reported, or the file refused, never half imported`, () => {
      const full = readImport(textFile('export.csv', layout.file));
      expect(full.importer.id).toBe(layout.format);
      expect(full.result.items).toHaveLength(2);
      const lastRow = full.result.rows[1]!;
      const start = lastLineStart(layout.file);
      const keepsEveryCell = layout.lastCell(layout.file);
      let leftOut = 0;
      for (let end = start + 1; end < keepsEveryCell; end += 1) {
        const read = readCut(layout.file, end);
        if (read instanceof ImportError) {
          expect(read.code).toBe('malformed');
          continue;
        }
        // The first row is intact; the cut one is not among the items, and is said to be cut off.
        expect(read.items).toEqual([full.result.items[0]]);
        expect(read.skipped).toEqual([{ row: lastRow, reason: expect.stringContaining('cut off') }]);
        leftOut += 1;
      }
      expect(leftOut).toBeGreaterThan(0);
    });
  }

  it('a layout whose rows all leave trailing cells out is not taken as cut off', () => {
    const { result } = readImport(
      textFile(
        'c.csv',
        'name,url,username,password,note\nbank,https://bank.example/,ann,pw\nmail,https://mail.example/,bob,pw2\n',
      ),
    );
    expect(result.items.map((i) => i.name)).toEqual(['bank', 'mail']);
    expect(result.skipped).toEqual([]);
  });

  it('the reason names how many columns the cut row has', () => {
    const { result } = readImport(
      textFile(
        'c.csv',
        'name,url,username,password,note\nbank,https://bank.example/,ann,pw,\nmail,https://mail.example/,bob,Mail-pa',
      ),
    );
    expect(result.skipped[0]?.reason).toContain(
      'the file ends in the middle of this row (it has 4 of the 5 columns)',
    );
  });

  it('a short last row before a final line break is left out too, in words that fit', () => {
    const { result } = readImport(
      textFile(
        'c.csv',
        'name,url,username,password,note\nbank,https://bank.example/,ann,pw,\nmail,https://mail.example/\n',
      ),
    );
    expect(result.items.map((i) => i.name)).toEqual(['bank']);
    expect(result.skipped[0]?.reason).toContain(
      'this last row is shorter than the others (it has 2 of the 5 columns)',
    );
  });
});
