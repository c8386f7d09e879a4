// Format detection (src/transfer/detect.ts): every corpus sample of a supported format goes to
// its importer, and files Tessera cannot read get a clear "unknown format" (or the real problem).

import { describe, expect, it } from 'vitest';
import { detectFormat } from '../../../src/transfer/detect';
import { IMPORTERS } from '../../../src/transfer/registry';
import { IMPORTS, importError, sample, textFile } from './helpers';

const EXPECTED: [string, string][] = [
  ['bitwarden/bitwarden-csv/archived.csv', 'bitwarden-csv'],
  ['bitwarden/bitwarden-csv/collections-only.csv', 'bitwarden-csv'],
  ['bitwarden/bitwarden-csv/login-with-collections.csv', 'bitwarden-csv'],
  ['bitwarden/bitwarden-csv/missing-fields.csv', 'bitwarden-csv'],
  ['bitwarden/bitwarden-csv/no-archived-date.csv', 'bitwarden-csv'],
  ['bitwarden/bitwarden-csv/secure-note.csv', 'bitwarden-csv'],
  ['bitwarden/bitwarden-json/account-encrypted.json', 'bitwarden-json'],
  ['bitwarden/bitwarden-json/password-protected.json', 'bitwarden-json'],
  ['bitwarden/bitwarden-json/unencrypted.json', 'bitwarden-json'],
  ['keepassxc-testdata/bitwarden_export.json', 'bitwarden-json'],
  ['keepassxc-testdata/bitwarden_passkey_export.json', 'bitwarden-json'],
  ['keepassxc-testdata/bitwarden_encrypted_export.json', 'bitwarden-json'],
  ['keepassxc-testdata/bitwarden_encrypted_argon2id_export.json', 'bitwarden-json'],
  ['keepassxc-testdata/1PasswordExport.1pux', '1password-1pux'],
  ['chrome/chrome-csv/android-data.csv', 'chrome-csv'],
  ['chrome/chrome-csv/note-data.csv', 'chrome-csv'],
  ['chrome/chrome-csv/simple-password-data.csv', 'chrome-csv'],
  ['firefox/firefox-csv/firefox-accounts-data.csv', 'firefox-csv'],
  ['firefox/firefox-csv/simple-password-data.csv', 'firefox-csv'],
  ['msecure/msecure-csv/credit-card.csv', 'msecure-csv'],
  ['msecure/msecure-csv/legacy-card.csv', 'msecure-csv'],
  ['msecure/msecure-csv/login-with-notes.csv', 'msecure-csv'],
  ['msecure/msecure-csv/login-with-tag.csv', 'msecure-csv'],
  ['msecure/msecure-csv/login.csv', 'msecure-csv'],
  ['msecure/msecure-csv/multiple.csv', 'msecure-csv'],
  ['protonpass/protonpass-json/protonpass-latest.json', 'protonpass-json'],
  ['protonpass/protonpass-json/protonpass.json', 'protonpass-json'],
  ['1password/onepassword-csv/credit-card.mac.csv', '1password-csv'],
  ['1password/onepassword-csv/credit-card.windows.csv', '1password-csv'],
  ['1password/onepassword-csv/identity.mac.csv', '1password-csv'],
  ['1password/onepassword-csv/identity.windows.csv', '1password-csv'],
  ['1password/onepassword-csv/multiple-items.mac.csv', '1password-csv'],
  ['1password/onepassword-csv/multiple-items.windows.csv', '1password-csv'],
  ['1password/onepassword-1pux/login-data.json', '1password-1pux'],
  ['1password/onepassword-1pux/sanitized-export.json', '1password-1pux'],
];

describe.skipIf(IMPORTS === null)('detectFormat on the corpus', () => {
  for (const [path, id] of EXPECTED) {
    it(`${path} → ${id}`, () => {
      const detection = detectFormat(sample(...path.split('/')));
      expect(detection.importer.id).toBe(id);
      expect(detection.confidence).toBeGreaterThanOrEqual(0.5);
    });
  }

  it('every 1PUX export.data sample is 1Password', () => {
    for (const file of ['credit-card.json', 'identity-data.json', 'password.json', 'wireless-router.json']) {
      expect(detectFormat(sample('1password', 'onepassword-1pux', file)).importer.id).toBe('1password-1pux');
    }
  });

  it('exactly one importer claims each sample with high confidence (no ambiguous formats)', () => {
    for (const [path] of EXPECTED) {
      const input = sample(...path.split('/'));
      const confident = IMPORTERS.filter((i) => i.detect(input) >= 0.5).map((i) => i.id);
      expect(confident, path).toHaveLength(1);
    }
  });

  it('formats Tessera does not read are refused as unknown', () => {
    for (const path of [
      'keepass2/keepass2-xml/keepass2-xml-importer-testdata.TestData.xml',
      'psono/psono-json/notes.json',
      'enpass/enpass-json/login.json',
    ]) {
      const err = importError(() => detectFormat(sample(...path.split('/'))));
      expect(err.code, path).toBe('unknown-format');
    }
  });
});

describe('formats without a corpus sample', () => {
  const cases: [string, string][] = [
    [
      'tessera-csv',
      '"name","url","username","password","notes","totp","favorite","match","fields"\r\n"a","","u","p","","","false","domain",""\r\n',
    ],
    [
      'protonpass-csv',
      'type,name,url,email,username,password,note,totp,createTime,modifyTime,vault\nlogin,a,,,u,p,,,1,1,V\n',
    ],
    [
      'keepassxc-csv',
      '"Group","Title","Username","Password","URL","Notes","TOTP","Icon","Last Modified","Created"\n"Root","a","u","p","","","","0","",""\n',
    ],
    [
      '1password-csv',
      'Title,Url,Username,Password,OTPAuth,Favorite,Archived,Tags,Notes\na,,u,p,,false,false,,\n',
    ],
    ['generic-csv', 'Site;Login;Passwort\na;u;p\n'],
  ];
  for (const [id, text] of cases) {
    it(`${id} is detected, and no other importer is as confident`, () => {
      const input = textFile('export.csv', text);
      const detection = detectFormat(input);
      expect(detection.importer.id).toBe(id);
      const others = IMPORTERS.filter((i) => i.id !== id && i.detect(input) >= detection.confidence);
      expect(others.map((i) => i.id)).toEqual([]);
    });
  }
});

describe('unknown or damaged files', () => {
  it('a JSON file of another shape', () => {
    const err = importError(() => detectFormat(textFile('x.json', '{"hello": "world"}')));
    expect(err.code).toBe('unknown-format');
    expect(err.message).toMatch(
      /^This JSON file is not an export Tessera recognises\. Tessera reads exports from Bitwarden/,
    );
  });

  it('a JSON file cut in the middle says it was cut off', () => {
    const err = importError(() =>
      detectFormat(textFile('bitwarden.json', '{"encrypted": false, "items": [{"name": "a", "log')),
    );
    expect(err.code).toBe('malformed');
    expect(err.message).toBe(
      'The file ends in the middle of the data: it was cut off while saving or copying. Export it again.',
    );
  });

  it('damaged JSON names the line and column', () => {
    const err = importError(() =>
      detectFormat(textFile('bitwarden.json', '{\n  "items": [\n    {"name": "a",, }\n  ]\n}')),
    );
    expect(err.code).toBe('malformed');
    expect(err.message).toBe('The file is not valid JSON: it is damaged at line 3, column 18.');
  });

  it('a CSV whose columns mean nothing', () => {
    const err = importError(() => detectFormat(textFile('x.csv', 'colour,shape\nred,round\n')));
    expect(err.code).toBe('unknown-format');
    expect(err.message).toMatch(/^The file's columns do not match any export Tessera knows/);
  });

  it('plain text and a lone word', () => {
    expect(importError(() => detectFormat(textFile('notes.txt', 'just some text'))).code).toBe(
      'unknown-format',
    );
    expect(importError(() => detectFormat(textFile('blank.csv', '\n\n  \n'))).code).toBe('empty');
  });

  it('a zip archive that is neither 1Password, Bitwarden nor Proton Pass', async () => {
    const { strToU8, zipSync } = await import('fflate');
    const err = importError(() =>
      detectFormat({ name: 'photos.zip', bytes: zipSync({ 'a.jpg': strToU8('x') }) }),
    );
    expect(err.message).toMatch(
      /^This zip archive is not an export Tessera recognises: it holds no 1Password export.data and no Bitwarden or Proton Pass data.json\./,
    );
  });
});
