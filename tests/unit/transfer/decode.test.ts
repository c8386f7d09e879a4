// Bytes to text (src/transfer/decode.ts) and the size limit (limits.ts): BOMs, UTF-16, binary
// files and oversized files are each refused or read with a clear reason.

import { describe, expect, it } from 'vitest';
import { decodeText } from '../../../src/transfer/decode';
import { detectFormat } from '../../../src/transfer/detect';
import { readImport } from '../../../src/transfer/import';
import { checkFileSize, MAX_ARCHIVE_BYTES, MAX_TEXT_BYTES } from '../../../src/transfer/limits';
import { importError } from './helpers';

const CSV = 'name,url,username,password\nSite ü,https://a.example,ann,p€ss\n';

function utf16(text: string, endian: 'le' | 'be', bom = true): Uint8Array {
  const out = new Uint8Array((text.length + (bom ? 1 : 0)) * 2);
  const units = [...(bom ? [0xfeff] : []), ...Array.from(text, (c) => c.charCodeAt(0))];
  units.forEach((u, i) => {
    out[i * 2 + (endian === 'le' ? 0 : 1)] = u & 0xff;
    out[i * 2 + (endian === 'le' ? 1 : 0)] = u >> 8;
  });
  return out;
}

describe('decodeText', () => {
  it('reads UTF-8 with and without a byte-order mark, dropping the mark', () => {
    const plain = new TextEncoder().encode(CSV);
    const withBom = new Uint8Array([0xef, 0xbb, 0xbf, ...plain]);
    expect(decodeText({ name: 'a.csv', bytes: plain })).toBe(CSV);
    expect(decodeText({ name: 'a.csv', bytes: withBom })).toBe(CSV);
  });

  it('reads UTF-16 little and big endian with a byte-order mark', () => {
    expect(decodeText({ name: 'a.csv', bytes: utf16(CSV, 'le') })).toBe(CSV);
    expect(decodeText({ name: 'a.csv', bytes: utf16(CSV, 'be') })).toBe(CSV);
  });

  it('imports a UTF-16 Chrome export exactly like its UTF-8 twin', () => {
    const { result } = readImport({ name: 'Chrome Passwords.csv', bytes: utf16(CSV, 'le') });
    expect(result.items).toHaveLength(1);
    expect(result.items[0]).toMatchObject({ name: 'Site ü', username: 'ann', password: 'p€ss' });
  });

  it('refuses UTF-16 without a byte-order mark, saying so', () => {
    const err = importError(() => decodeText({ name: 'a.csv', bytes: utf16(CSV, 'le', false) }));
    expect(err.code).toBe('encoding');
    expect(err.message).toMatch(/UTF-16 text without a byte-order mark/);
  });

  it('refuses UTF-32', () => {
    const bytes = new Uint8Array([0xff, 0xfe, 0, 0, 0x41, 0, 0, 0]);
    expect(importError(() => decodeText({ name: 'a.csv', bytes })).message).toMatch(/UTF-32/);
  });

  it('refuses text that is not UTF-8 and names the line', () => {
    const bytes = new TextEncoder().encode('name,url\nok,x\nbad,');
    const latin1 = new Uint8Array([...bytes, 0xe9, 0x0a]); // "é" in Windows-1252
    const err = importError(() => decodeText({ name: 'a.csv', bytes: latin1 }));
    expect(err.code).toBe('encoding');
    expect(err.message).toMatch(/not UTF-8 text \(invalid byte at line 3\)/);
  });

  it('refuses binary data', () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);
    expect(importError(() => decodeText({ name: 'a.png', bytes: png })).code).toBe('encoding');
    const nul = new TextEncoder().encode('name,url\u0000,x');
    expect(importError(() => decodeText({ name: 'a.csv', bytes: nul })).message).toMatch(/binary data/);
  });

  it('says an empty file is empty', () => {
    const err = importError(() => detectFormat({ name: 'a.csv', bytes: new Uint8Array() }));
    expect(err.code).toBe('empty');
    expect(err.message).toBe('The file is empty.');
  });

  it('says a zip archive is not a text export', () => {
    const zip = new Uint8Array([0x50, 0x4b, 0x05, 0x06, ...new Array(18).fill(0)]);
    const err = importError(() => decodeText({ name: 'x.csv', bytes: zip }));
    expect(err.message).toMatch(/zip archive, not a text export/);
  });
});

describe('file size limit', () => {
  it('refuses a 50 MB file before decoding it, with the size in the message', () => {
    const big = new Uint8Array(50 * 1024 * 1024).fill(0x61);
    const input = { name: 'passwords.csv', bytes: big };
    for (const attempt of [() => detectFormat(input), () => readImport(input), () => decodeText(input)]) {
      const err = importError(attempt);
      expect(err.code).toBe('too-large');
      expect(err.message).toBe(
        'The file is 50.0 MB; Tessera imports files up to 32.0 MB. Check that this is a password export, or split it into smaller files.',
      );
    }
  });

  it('lets the UI check the size before reading the file', () => {
    expect(() => checkFileSize('a.csv', MAX_TEXT_BYTES)).not.toThrow();
    expect(importError(() => checkFileSize('a.csv', MAX_TEXT_BYTES + 1)).code).toBe('too-large');
    // A .1pux also carries attachments, so the archive may be larger; its export.data may not.
    expect(() => checkFileSize('export.1pux', 100 * 1024 * 1024)).not.toThrow();
    expect(importError(() => checkFileSize('export.1pux', MAX_ARCHIVE_BYTES + 1)).code).toBe('too-large');
  });
});
