// The preview before writing (src/transfer/preview.ts): counts per kind, duplicates of items in
// the vault and within the file, skipped rows, and dropping the duplicates the person declines.

import { describe, expect, it } from 'vitest';
import { readImport } from '../../../src/transfer/import';
import { duplicateKey, excludeItems, previewImport } from '../../../src/transfer/preview';
import type { ImportResult } from '../../../src/transfer/types';
import type { ItemOverview } from '../../../src/vault/types';
import { IMPORTS, sample, textFile } from './helpers';

const overview = (id: string, name: string, username: string, urls: string[]): ItemOverview => ({
  id,
  name,
  username,
  urls,
  match: 'domain',
  favorite: false,
  updatedAt: 0,
});

describe('duplicateKey', () => {
  const key = (name: string, username: string, urls: string[]) => duplicateKey({ name, username, urls });

  it('same username on the same registrable domain is the same account', () => {
    expect(key('Gmail', 'Ann@Example.com ', ['https://mail.google.com/x'])).toBe(
      key('Google', 'ann@example.com', ['https://accounts.google.com']),
    );
    expect(key('a', 'ann', ['https://www.example.co.uk/login'])).toBe(key('b', 'ann', ['example.co.uk']));
  });

  it('different users, private suffixes, IPs and app packages stay apart', () => {
    expect(key('a', 'ann', ['https://example.com'])).not.toBe(key('a', 'bob', ['https://example.com']));
    expect(key('a', 'ann', ['https://alice.github.io'])).not.toBe(key('a', 'ann', ['https://bob.github.io']));
    expect(key('a', 'ann', ['http://192.168.1.1'])).not.toBe(key('a', 'ann', ['http://192.168.1.2']));
    expect(key('a', 'ann', ['android://h@com.example.one/'])).not.toBe(
      key('a', 'ann', ['android://h@com.example.two/']),
    );
  });

  it('without URLs, compares name and username', () => {
    expect(key('Wi-Fi ', 'admin', [])).toBe(key('wi-fi', 'ADMIN', []));
    expect(key('Wi-Fi', 'admin', [])).not.toBe(key('Router', 'admin', []));
    expect(key('Wi-Fi', 'admin', [])).not.toBe(key('Wi-Fi', 'admin', ['https://wifi.example']));
  });
});

describe('previewImport', () => {
  const file = textFile(
    'export.csv',
    'name,url,username,password,note\n' +
      'Mail,https://mail.example.com,ann,p1,\n' +
      'Mail again,https://www.example.com/login,ann,p2,\n' +
      'Shop,https://shop.example,bob,p3,\n' +
      ',,,,\n',
  );
  const { result } = readImport(file);
  const existing = [
    overview('id-1', 'Example', 'ANN', ['https://example.com']),
    overview('id-2', 'Other', 'x', []),
  ];

  it('counts, finds duplicates in the vault and in the file, lists skipped rows', () => {
    const preview = previewImport(result, existing);
    expect(preview.total).toBe(3);
    expect(preview.kinds).toEqual({ login: 3, note: 0, card: 0, identity: 0, other: 0 });
    expect(preview.duplicates).toEqual([
      { index: 0, name: 'Mail', existingId: 'id-1', existingName: 'Example' },
      { index: 1, name: 'Mail again', existingId: 'id-1', existingName: 'Example' },
    ]);
    expect(preview.repeatsInFile).toEqual([{ index: 1, firstIndex: 0, name: 'Mail again' }]);
    expect(preview.skipped).toEqual([{ row: 5, reason: 'it is empty' }]);
  });

  it('excludeItems drops the declined items and keeps kinds and rows aligned', () => {
    const kept: ImportResult = excludeItems(result, [0, 1]);
    expect(kept.items.map((i) => i.name)).toEqual(['Shop']);
    expect(kept.kinds).toEqual(['login']);
    expect(kept.rows).toEqual([4]);
    expect(kept.skipped).toBe(result.skipped);
    expect(previewImport(kept, existing).duplicates).toEqual([]);
  });
});

describe.skipIf(IMPORTS === null)('preview of real exports', () => {
  it('KeePassXC 1PUX: counts per kind and the skipped document', () => {
    const { result } = readImport(sample('keepassxc-testdata', '1PasswordExport.1pux'));
    const preview = previewImport(result, []);
    expect(preview.kinds).toEqual({ login: 3, note: 1, card: 1, identity: 1, other: 2 });
    // "Login" and "Login Archived" are the same account on the same site.
    expect(preview.repeatsInFile).toEqual([{ index: 4, firstIndex: 0, name: 'Login Archived' }]);
    expect(preview.skipped.map((s) => s.name)).toEqual(['KeePassXC Logo']);
  });
});
