// Two-factor accounts in text files (src/transfer/importers/otpauth-links.ts): Google
// Authenticator export links and plain otpauth:// links become one login each; export keeps codes.
import { describe, expect, it } from 'vitest';
import { exportBitwardenJson } from '../../../src/transfer/export-bitwarden';
import { exportCsv } from '../../../src/transfer/export-csv';
import { readImport } from '../../../src/transfer/import';
import { emptyItem } from '../../../src/vault/item-schema';
import type { Item } from '../../../src/vault/types';
import { textFile } from './helpers';

// Published two-account export link (see tests/unit/totp/vectors/SOURCES.md).
const EXPORT_LINK =
  'otpauth-migration://offline?data=CkMKFD3GyqSCSm0oh2eyMx4gtDFmy4XZEhxBQ01FIENvOmpvaG4uZG9lQGV4YW1wbGUuY29tGgdBQ01FIENvIAEoATACCjUKCkhlbGxvId6tvu8SGEV4YW1wbGU6YWxpY2VAZ29vZ2xlLmNvbRoHRXhhbXBsZSABKAEwAhABGAEgACjn4Pv4Ag==';
// The one-account link with its type set to HOTP (last byte 2 -> 1).
const HOTP_LINK =
  'otpauth-migration://offline?data=CjEKCkhlbGxvId6tvu8SGEV4YW1wbGU6YWxpY2VAZ29vZ2xlLmNvbRoHRXhhbXBsZTAB';

describe('otpauth links importer', () => {
  it('turns each account of a Google Authenticator export into a login with its code', () => {
    const { importer, result } = readImport(textFile('google.txt', `${EXPORT_LINK}\n`));
    expect(importer.id).toBe('otpauth-links');
    expect(result.items.map((i) => [i.name, i.username])).toEqual([
      ['ACME Co', 'john.doe@example.com'],
      ['Example', 'alice@google.com'],
    ]);
    expect(result.items[0]!.totp).toMatch(
      /^otpauth:\/\/totp\/ACME%20Co:john\.doe%40example\.com\?secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ&/,
    );
    expect(result.kinds).toEqual(['login', 'login']);
  });

  it('reads plain otpauth:// lines too, and skips what gives no time-based code with the reason', () => {
    const text = [
      'otpauth://totp/GitHub:octo?secret=JBSWY3DPEHPK3PXP&issuer=GitHub',
      'otpauth://hotp/Old:me?secret=JBSWY3DPEHPK3PXP&counter=3',
      HOTP_LINK,
    ].join('\r\n');
    const { result } = readImport(textFile('aegis.txt', text));
    expect(result.items.map((i) => [i.name, i.username])).toEqual([['GitHub', 'octo']]);
    expect(result.skipped).toEqual([
      { row: 2, reason: expect.stringContaining('counter-based (HOTP)') },
      { row: 3, reason: 'it is a counter-based (HOTP) account', name: 'Example' },
    ]);
  });

  it('is not chosen for a text file that holds anything else', () => {
    expect(() => readImport(textFile('notes.txt', `hello\n${EXPORT_LINK}\n`))).toThrow();
  });
});

describe('exports keep two-factor secrets', () => {
  const item: Item = {
    ...emptyItem(),
    id: 'abc',
    name: 'GitHub',
    username: 'octo',
    password: 'pw',
    urls: ['https://github.com'],
    totp: 'otpauth://totp/GitHub:octo?secret=JBSWY3DPEHPK3PXP&issuer=GitHub',
    createdAt: 1,
    updatedAt: 2,
  };

  it('Bitwarden JSON carries it as login.totp and reads back the same', () => {
    const text = exportBitwardenJson([item]);
    expect(JSON.parse(text).items[0].login.totp).toBe(item.totp);
    expect(readImport(textFile('bitwarden.json', text)).result.items[0]!.totp).toBe(item.totp);
  });

  it('CSV carries it in the totp column and reads back the same', () => {
    const { result } = readImport(textFile('tessera.csv', exportCsv([item])));
    expect(result.items[0]!.totp).toBe(item.totp);
  });
});
