// Per-URL "never fill" rules (src/transfer/url-rules.ts): Bitwarden's per-URI match and Proton
// Pass's per-URL autofill mode. A URL marked never never becomes a URL Tessera fills on: it is kept
// in a "Never fill on" field and the item listed as changed; an item whose only rule was never
// stays never, also through Tessera's own exports and back. Files follow each manager's format.

import { describe, expect, it } from 'vitest';
import { exportBitwardenJson } from '../../../src/transfer/export-bitwarden';
import { exportCsv } from '../../../src/transfer/export-csv';
import { readImport } from '../../../src/transfer/import';
import type { Item } from '../../../src/vault/types';
import { fieldsOf, protonPassFile, textFile } from './helpers';

type Uri = { uri: string; match: number | null };

function bitwarden(...uriLists: Uri[][]) {
  return textFile(
    'bitwarden_export.json',
    JSON.stringify({
      encrypted: false,
      folders: [],
      items: uriLists.map((uris, i) => ({
        id: `c${i}`,
        type: 1,
        name: `Item ${i}`,
        notes: null,
        favorite: false,
        reprompt: 0,
        login: { uris, username: 'ann', password: 'pw', totp: null },
      })),
    }),
  );
}

describe('Bitwarden per-URI match rules', () => {
  it('a URI set to never after one that fills is kept out of autofill, in a field, and said so', () => {
    const { result } = readImport(
      bitwarden([
        { uri: 'https://shop.example/', match: null },
        { uri: 'https://pay.shop-partner.example/', match: 5 },
      ]),
    );
    const [item] = result.items;
    expect(item).toMatchObject({ urls: ['https://shop.example/'], match: 'domain' });
    expect(fieldsOf(item)).toEqual([['Never fill on', 'https://pay.shop-partner.example/', false]]);
    expect(result.changed).toEqual([
      {
        row: 1,
        name: 'Item 0',
        reason: expect.stringMatching(
          /^its URL "https:\/\/pay\.shop-partner\.example\/" was marked never to fill; .* kept in the field "Never fill on" and Tessera does not fill there$/,
        ),
      },
    ]);
  });

  it('rules differing beyond the first take the strictest, never the first', () => {
    const { result } = readImport(
      bitwarden([
        { uri: 'https://a.example/', match: 0 },
        { uri: 'https://b.example/', match: 3 },
      ]),
    );
    expect(result.items[0]).toMatchObject({
      urls: ['https://a.example/', 'https://b.example/'],
      match: 'host',
    });
    expect(result.changed[0]?.reason).toContain('the stricter one');
  });

  it('an item whose every URI is never stays never, with its URLs, unchanged', () => {
    const { result } = readImport(bitwarden([{ uri: 'https://intranet.example/', match: 5 }]));
    expect(result.items[0]).toMatchObject({ urls: ['https://intranet.example/'], match: 'never' });
    expect(result.items[0]?.fields).toEqual([]);
    expect(result.changed).toEqual([]);
  });
});

describe('Proton Pass per-URL autofill modes', () => {
  const proton = (autofillUrls: unknown[]) =>
    protonPassFile([
      {
        itemId: 'i',
        state: 1,
        data: {
          metadata: { name: 'Shop', note: '' },
          type: 'login',
          content: { itemUsername: 'ann', password: 'pw', urls: [], autofillUrls },
          extraFields: [],
        },
      },
    ]);

  it('a URL in mode never is not a fill URL; an unknown mode is not guessed to fill', () => {
    const { result } = readImport(
      proton([
        { url: 'https://shop.example/', mode: 'default' },
        { url: 'https://old.shop.example/', mode: 'never' },
        { url: 'https://beta.shop.example/', mode: 'somethingNew' },
      ]),
    );
    const [item] = result.items;
    expect(item).toMatchObject({ urls: ['https://shop.example/'], match: 'domain' });
    expect(fieldsOf(item)).toEqual([
      ['Never fill on', 'https://old.shop.example/\nhttps://beta.shop.example/', false],
    ]);
    expect(result.changed).toHaveLength(1);
    expect(result.changed[0]?.reason).toContain('"somethingNew"');
  });

  it('the CSV autofillUrls column is read the same way', () => {
    const csv =
      'type,name,url,email,username,password,note,totp,createTime,modifyTime,vault,autofillUrls\n' +
      `login,Shop,https://shop.example/,,ann,pw,,,1700000000,1700000000,Personal,"${JSON.stringify([
        { url: 'https://shop.example/', mode: 'default' },
        { url: 'https://old.shop.example/', mode: 'never' },
      ]).replaceAll('"', '""')}"\n`;
    const { result } = readImport(textFile('Proton Pass_export.csv', csv));
    expect(result.items[0]).toMatchObject({ urls: ['https://shop.example/'], match: 'domain' });
    expect(fieldsOf(result.items[0])).toEqual([['Never fill on', 'https://old.shop.example/', false]]);
  });
});

describe('an item whose only rule was never, through our own exports', () => {
  const base: Item = {
    id: 'x',
    name: 'Intranet',
    username: 'ann',
    password: 'pw',
    notes: '',
    totp: '',
    urls: ['https://intranet.example/'],
    match: 'never',
    favorite: false,
    fields: [],
    createdAt: 0,
    updatedAt: 0,
  };

  for (const item of [base, { ...base, urls: [] }, { ...base, urls: [], username: '', password: '' }]) {
    it(`keeps never (${item.urls.length} URL, ${item.password ? 'login' : 'note'})`, () => {
      for (const text of [exportCsv([item]), exportBitwardenJson([item])]) {
        const { result } = readImport(textFile('export', text));
        expect(result.items[0]).toMatchObject({ urls: item.urls, match: 'never' });
        expect(result.changed).toEqual([]);
      }
    });
  }
});
