// Zip exports are named for what they are (src/transfer/detect.ts, zip.ts): Bitwarden's "ZIP
// (with attachments)" (data.json at the top, files under attachments/) is read as Bitwarden, not
// taken for Proton Pass ("Proton Pass/data.json"); an archive cut off or damaged is called that,
// never "not a 1Password file". Archives are built here in each manager's documented layout.

import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../../src/transfer/detect';
import { readImport } from '../../../src/transfer/import';
import type { ImportInput } from '../../../src/transfer/types';
import { importError } from './helpers';

const BITWARDEN_DATA = {
  encrypted: false,
  folders: [],
  items: [
    {
      id: 'c1',
      type: 1,
      name: 'Bank',
      notes: null,
      favorite: false,
      login: { uris: [{ match: null, uri: 'https://bank.example/' }], username: 'ann', password: 'pw' },
    },
  ],
};

const PROTON_DATA = {
  version: '1.21.2',
  userId: 'u',
  encrypted: false,
  vaults: {
    v1: {
      name: 'Personal',
      items: [
        {
          itemId: 'i1',
          state: 1,
          data: {
            metadata: { name: 'Mail', note: '' },
            type: 'login',
            content: { itemUsername: 'bob', password: 'pw2', urls: ['https://mail.example/'] },
            extraFields: [],
          },
        },
      ],
    },
  },
};

const ONEPUX_DATA = {
  accounts: [
    {
      attrs: { name: 'Ann' },
      vaults: [
        {
          attrs: { name: 'Private' },
          items: [
            {
              uuid: 'x',
              categoryUuid: '001',
              overview: { title: 'Bank', url: 'https://bank.example/' },
              details: {
                loginFields: [
                  { value: 'ann', name: 'username', fieldType: 'T', designation: 'username' },
                  { value: 'pw', name: 'password', fieldType: 'P', designation: 'password' },
                ],
                sections: [],
              },
            },
          ],
        },
      ],
    },
  ],
};

const json = (v: unknown) => strToU8(JSON.stringify(v));

function zip(name: string, files: Record<string, Uint8Array>): ImportInput {
  return { name, bytes: zipSync(files) };
}

describe('zip exports are named for what they are', () => {
  const bitwardenZip = zip('bitwarden_export_20250101.zip', {
    'data.json': json(BITWARDEN_DATA),
    'attachments/c1/statement.pdf': strToU8('%PDF'),
    'attachments/c1/card.png': strToU8('PNG'),
  });

  it("Bitwarden's ZIP with attachments is read as Bitwarden, and its files are counted", () => {
    expect(detectFormat(bitwardenZip).importer.id).toBe('bitwarden-json');
    const { result } = readImport(bitwardenZip);
    expect(result.items).toMatchObject([{ name: 'Bank', username: 'ann', password: 'pw' }]);
    expect(result.warnings).toEqual([
      '2 attached files were not imported: Tessera does not store files. They stay in the zip archive.',
    ]);
  });

  it("Proton Pass's zip is still Proton Pass", () => {
    const proton = zip('Proton Pass_export.zip', { 'Proton Pass/data.json': json(PROTON_DATA) });
    expect(detectFormat(proton).importer.id).toBe('protonpass-json');
    expect(readImport(proton).result.items).toMatchObject([{ name: 'Mail', username: 'bob' }]);
  });

  it('a data.json of neither shape is not claimed by either', () => {
    const other = zip('other.zip', { 'data.json': json({ entries: [] }) });
    const err = importError(() => detectFormat(other));
    expect(err.code).toBe('unknown-format');
    expect(err.message).toContain('not an export Tessera recognises');
  });
});

describe('a damaged or cut-off archive is called that', () => {
  const onePux = zip('1PasswordExport-ABC.1pux', {
    'export.attributes': json({ version: 3 }),
    'export.data': json(ONEPUX_DATA),
  });

  it('the whole .1pux reads', () => {
    expect(readImport(onePux).result.items).toMatchObject([{ name: 'Bank', username: 'ann' }]);
  });

  it('a .1pux cut off anywhere after its first bytes: "damaged or cut off", never "not 1Password"', () => {
    const { bytes } = onePux;
    for (const end of [8, 40, Math.floor(bytes.length / 2), bytes.length - 30, bytes.length - 1]) {
      const err = importError(() => readImport({ name: onePux.name, bytes: bytes.slice(0, end) }));
      expect(err.code).toBe('malformed');
      expect(err.message).toMatch(/^This 1Password export \(\.1pux\) is damaged or cut off/);
    }
  });

  it('a cut-off Bitwarden or Proton Pass zip says the same, without naming a manager it is not', () => {
    const proton = zip('Proton Pass_export.zip', { 'Proton Pass/data.json': json(PROTON_DATA) });
    const cut = proton.bytes.slice(0, proton.bytes.length - 10);
    const err = importError(() => readImport({ name: proton.name, bytes: cut }));
    expect(err.code).toBe('malformed');
    expect(err.message).toMatch(/^This zip archive is damaged or cut off/);
  });
});
