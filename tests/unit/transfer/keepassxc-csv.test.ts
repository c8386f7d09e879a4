// KeePassXC CSV (src/transfer/importers/keepassxc-csv.ts). The shared corpus has no KeePassXC CSV
// export, so the samples are written here in the exact layout of KeePassXC 2.7's CsvExporter
// (every value quoted, group path from the root group).

import { describe, expect, it } from 'vitest';
import { keepassxcCsv } from '../../../src/transfer/importers/keepassxc-csv';
import { emptyItem } from '../../../src/vault/item-schema';
import { expectConsistent, textFile } from './helpers';

const HEADER = '"Group","Title","Username","Password","URL","Notes","TOTP","Icon","Last Modified","Created"';

describe('KeePassXC CSV', () => {
  const file = textFile(
    'keepassxc.csv',
    [
      HEADER,
      '"Root","GitHub","octo","gh-pass","https://github.com","line1\nline2","otpauth://totp/GitHub:octo?secret=JBSWY3DPEHPK3PXP&issuer=GitHub","0","2024-05-01T10:00:00Z","2024-01-01T10:00:00Z"',
      '"Root/Work/Servers","db ""primary""","root","p,w","ssh://db.example","","","12","2024-05-01T10:00:00Z","2024-01-01T10:00:00Z"',
      '"Root/Recycle Bin","Old","x","y","https://old.example","","","0","2024-05-01T10:00:00Z","2024-01-01T10:00:00Z"',
      '',
    ].join('\n'),
  );

  it('is detected by its headings', () => {
    expect(keepassxcCsv.detect(file)).toBe(0.9);
    // KeePassXC before 2.6 wrote only the first six columns.
    expect(
      keepassxcCsv.detect(textFile('k.csv', '"Group","Title","Username","Password","URL","Notes"\n')),
    ).toBe(0.9);
  });

  it('keeps title, username, password, URL, notes, TOTP and the group path', () => {
    const result = keepassxcCsv.parse(file);
    expectConsistent(result);
    expect(result.items).toEqual([
      {
        ...emptyItem(),
        name: 'GitHub',
        username: 'octo',
        password: 'gh-pass',
        urls: ['https://github.com'],
        notes: 'line1\nline2',
        totp: 'otpauth://totp/GitHub:octo?secret=JBSWY3DPEHPK3PXP&issuer=GitHub',
      },
      {
        ...emptyItem(),
        name: 'db "primary"',
        username: 'root',
        password: 'p,w',
        urls: ['ssh://db.example'],
        fields: [{ name: 'Folder', value: 'Work/Servers', hidden: false }],
      },
    ]);
    expect(result.skipped).toEqual([{ row: 4, reason: 'it is in the KeePassXC Recycle Bin', name: 'Old' }]);
  });
});

describe('KeePassXC CSV from a KeePassXC in another language', () => {
  const entry = (group: string, title: string) =>
    `"${group}","${title}","u","p","https://${title.toLowerCase()}.example","","","0","2024-05-01T10:00:00Z","2024-01-01T10:00:00Z"`;

  it('skips the translated Recycle Bin, whatever the language, and says what it was called', () => {
    const bins = [
      'Papierkorb',
      'Corbeille',
      'Papelera',
      'Cestino',
      'Prullenbak',
      'Kosz',
      'Корзина',
      'ごみ箱',
      '回收站',
    ];
    const file = textFile(
      'keepassxc.csv',
      [
        HEADER,
        entry('Passwörter', 'Live'),
        ...bins.map((bin, i) => entry(`Passwörter/${bin}`, `Old${i}`)),
        '',
      ].join('\n'),
    );
    const result = keepassxcCsv.parse(file);
    expect(result.items.map((i) => i.name)).toEqual(['Live']);
    expect(result.skipped).toHaveLength(bins.length);
    expect(result.skipped[0]).toEqual({
      row: 3,
      name: 'Old0',
      reason: 'it is in the KeePassXC Recycle Bin (named "Papierkorb" in KeePassXC\'s language)',
    });
  });

  it('a group of that name deeper down is an ordinary group', () => {
    const result = keepassxcCsv.parse(
      textFile('keepassxc.csv', [HEADER, entry('Root/Büro/Papierkorb', 'Kept'), ''].join('\n')),
    );
    expect(result.items.map((i) => i.name)).toEqual(['Kept']);
    expect(result.skipped).toEqual([]);
  });
});
