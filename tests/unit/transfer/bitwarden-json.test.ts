// Bitwarden JSON (src/transfer/importers/bitwarden-json.ts): KeePassXC's real Bitwarden exports
// (logins, notes, cards, identities, passkeys), Bitwarden's empty and encrypted samples.

import { describe, expect, it } from 'vitest';
import { readImport } from '../../../src/transfer/import';
import { bitwardenJson } from '../../../src/transfer/importers/bitwarden-json';
import { expectConsistent, fieldsOf, IMPORTS, importError, sample, textFile } from './helpers';

const ENCRYPT_ADVICE =
  'In Bitwarden, export again with the file format "JSON" (not "JSON (Encrypted)"), import that file, then delete it.';

describe.skipIf(IMPORTS === null)('Bitwarden JSON corpus', () => {
  it('bitwarden_export.json: a note, a card, an identity and a login, all with everything kept', () => {
    const input = sample('keepassxc-testdata', 'bitwarden_export.json');
    expect(bitwardenJson.detect(input)).toBe(0.95);
    const result = bitwardenJson.parse(input);
    expectConsistent(result);
    expect(result.items).toHaveLength(4);
    expect(result.kinds).toEqual(['note', 'card', 'identity', 'login']);
    expect(result.skipped).toEqual([]);
    expect(result.warnings).toEqual([]);
    const [note, card, identity, login] = result.items;
    const custom = (bool: string): [string, string, boolean][] => [
      ['Text Field', 'text-field-value', false],
      ['Hidden Field', 'hidden-field-value', true],
      ['Boolean Field', bool, false],
    ];

    expect(note).toMatchObject({
      name: 'My Secure Note',
      notes: '1st line of secure note\n2nd line of secure note\n3rd line of secure note',
      username: '',
      password: '',
      urls: [],
    });
    expect(fieldsOf(note)).toEqual([...custom('false'), ['Folder', 'My Folder', false]]);

    expect(card).toMatchObject({ name: 'Card Name', notes: '1st line of note text\n2nd line of note text' });
    expect(fieldsOf(card)).toEqual([
      ...custom('false'),
      ['Cardholder name', 'Jane Doe', false],
      ['Brand', 'Visa', false],
      ['Number', '1234567891011121', true],
      ['Expiration', '10/2021', false],
      ['Security code', '123', true],
      ['Folder', 'Second Folder', false],
    ]);

    expect(identity).toMatchObject({ name: 'My Identity', notes: '1st line of a note\n2nd line of a note' });
    expect(fieldsOf(identity)).toEqual([
      ...custom('true'),
      ['Title', 'Mrs', false],
      ['First name', 'Jane', false],
      ['Middle name', 'A', false],
      ['Last name', 'Doe', false],
      ['Username', 'myusername', false],
      ['Company', 'My Employer', false],
      ['Email', 'myemail@gmail.com', false],
      ['Phone', '123-123-1234', false],
      ['Address 1', ' 1 North Calle Cesar Chavez ', false],
      ['City', 'Santa Barbara', false],
      ['State / province', 'CA', false],
      ['Postal code', '93103', false],
      ['Country', 'United States ', false],
      ['Social security number', '123-12-1234', true],
      ['Passport number', '123456789', true],
      ['License number', '123456789', true],
      ['Folder', 'My Folder', false],
    ]);

    expect(login).toEqual({
      name: 'Login Name',
      username: 'myusername@gmail.com',
      password: 'mypassword',
      notes: '1st line of note text\n2nd Line of note text',
      totp: 'otpauth://totp/Google:myusername%40gmail.com?secret=DFDFDEF%3D&period=30&digits=6&issuer=Google',
      urls: ['https://mail.google.com', 'https://google.com', 'https://gmail.com'],
      match: 'domain',
      favorite: true,
      fields: [
        { name: 'Text Field', value: 'text-field-value', hidden: false },
        { name: 'Hidden Field', value: 'hidden-field-value', hidden: true },
        { name: 'Boolean Field', value: 'true', hidden: false },
        { name: 'Folder', value: 'My Folder', hidden: false },
      ],
    });
  });

  it('bitwarden_passkey_export.json: both logins with their passkeys, UUID and b64 credential ids', () => {
    const result = bitwardenJson.parse(sample('keepassxc-testdata', 'bitwarden_passkey_export.json'));
    expect(result.items.map((i) => [i.name, i.username, i.password, i.urls])).toEqual([
      ['webauthn.io', 'KPXC_BITWARDEN', '', ['https://webauthn.io/']],
      ['webauthn.io b64', 'KPXC_BITWARDEN', '', ['https://webauthn.io/']],
    ]);
    expect(result.warnings).toEqual([]);
    const [uuid, b64] = result.items.map((i) => i.passkeys?.[0]);
    // a3e15f8b-27c1-42ae-90cf-a615ad87854f is the same 16 bytes as b64.o-FfiyfBQq6Qz6YVrYeFTw.
    expect(uuid?.credentialId).toBe('o-FfiyfBQq6Qz6YVrYeFTw');
    expect(b64).toEqual(uuid);
    expect(uuid).toMatchObject({
      rpId: 'webauthn.io',
      userHandle: 'aTFtdmFnOHYtS2dxVEJ0by1rSFpLWGg0enlTVC1iUVJReDZ5czJXa3c2aw',
      userName: 'KPXC_BITWARDEN',
      userDisplayName: 'KPXC_BITWARDEN',
      algorithm: -7,
      counter: 0,
      discoverable: true,
      createdAt: Date.parse('2024-10-23T16:38:08.617Z'),
    });
    expect(uuid?.privateKey.startsWith('MIGHAgEAMBMGByqGSM49')).toBe(true);
  });

  it('unencrypted.json (an empty vault): says there is nothing to import', () => {
    const err = importError(() => readImport(sample('bitwarden', 'bitwarden-json', 'unencrypted.json')));
    expect(err.code).toBe('empty');
    expect(err.message).toBe('The file contains no entries to import.');
  });

  for (const [dir, file, kind] of [
    ['bitwarden/bitwarden-json', 'password-protected.json', 'password-protected'],
    ['keepassxc-testdata', 'bitwarden_encrypted_export.json', 'password-protected'],
    ['keepassxc-testdata', 'bitwarden_encrypted_argon2id_export.json', 'password-protected'],
    ['bitwarden/bitwarden-json', 'account-encrypted.json', 'encrypted with your Bitwarden account key'],
  ] as const) {
    it(`${file}: refused as encrypted, with how to export unencrypted`, () => {
      const input = sample(...dir.split('/'), file);
      const err = importError(() => readImport(input));
      expect(err.code).toBe('encrypted');
      expect(err.message).toContain(`This Bitwarden export is ${kind}, which Tessera cannot read.`);
      expect(err.message).toContain(ENCRYPT_ADVICE);
    });
  }
});

describe('Bitwarden JSON details', () => {
  const file = (items: unknown[], extra: Record<string, unknown> = {}) =>
    textFile('bitwarden.json', JSON.stringify({ encrypted: false, folders: [], items, ...extra }));

  it('maps URI match rules, skips trashed items, and reports history, linked fields and re-prompt', () => {
    const result = bitwardenJson.parse(
      file([
        {
          type: 1,
          name: 'A',
          reprompt: 1,
          login: { uris: [{ uri: 'https://a.example', match: 1 }], username: 'u', password: 'p' },
          passwordHistory: [{ password: 'old1' }, { password: 'old2' }],
          fields: [{ name: 'link', value: null, type: 3, linkedId: 100 }],
        },
        { type: 1, name: 'B', login: { uris: [{ uri: 'https://b.example', match: 5 }] } },
        { type: 1, name: 'C', login: { uris: [{ uri: '^https://c\\.example', match: 4 }] } },
        { type: 1, name: 'Gone', deletedDate: '2024-01-01T00:00:00Z', login: {} },
        'not an item',
      ]),
    );
    expect(result.items.map((i) => [i.name, i.match])).toEqual([
      ['A', 'host'],
      ['B', 'never'],
      ['C', 'host'],
    ]);
    expect(result.items[0]?.fields).toEqual([]);
    expect(JSON.stringify(result.items)).not.toContain('old1');
    expect(result.skipped).toEqual([
      { row: 4, reason: 'it is in the Bitwarden trash', name: 'Gone' },
      { row: 5, reason: 'it is not an item' },
    ]);
    expect(result.warnings).toEqual([
      '1 linked custom field was left out: it only points at the username or password, which were imported.',
      '2 old passwords (password history) were not imported: Tessera keeps only the current password.',
      '1 item asks for the master password again before filling in Bitwarden; Tessera has no such setting, so it fills like any other item.',
      '1 item uses a Bitwarden regular-expression URI; Tessera matches it by host, so check its URL.',
    ]);
  });

  it('keeps SSH keys and organisation collections', () => {
    const result = bitwardenJson.parse(
      file(
        [
          {
            type: 5,
            name: 'server key',
            collectionIds: ['c1', 'c2'],
            sshKey: {
              privateKey: '-----BEGIN OPENSSH PRIVATE KEY-----\nabc',
              publicKey: 'ssh-ed25519 AAA',
              keyFingerprint: 'SHA256:xyz',
            },
          },
        ],
        {
          collections: [
            { id: 'c1', name: 'Ops' },
            { id: 'c2', name: 'Infra/Keys' },
          ],
        },
      ),
    );
    expect(result.kinds).toEqual(['other']);
    expect(fieldsOf(result.items[0])).toEqual([
      ['Private key', '-----BEGIN OPENSSH PRIVATE KEY-----\nabc', true],
      ['Public key', 'ssh-ed25519 AAA', false],
      ['Fingerprint', 'SHA256:xyz', false],
      ['Collections', 'Ops, Infra/Keys', false],
    ]);
  });

  it('refuses a JSON file without an items list', () => {
    const err = importError(() => bitwardenJson.parse(textFile('x.json', '{"encrypted":false}')));
    expect(err.code).toBe('unknown-format');
    expect(err.message).toBe('This is not a Bitwarden export: it has no "items" list.');
  });
});
