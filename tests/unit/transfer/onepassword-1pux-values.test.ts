// 1Password 1PUX: every value shape 1Password 8 writes (its export.data as documented in the 1PUX
// format: login fields { value, designation, fieldType }, section fields { title, id, value:
// { <type>: ... } }) reaches the item, and what has no place is kept as a field or listed.
// Built from the format, not from the corpus: the corpus has no masked email or SSH key.

import { describe, expect, it } from 'vitest';
import { onePassword1pux } from '../../../src/transfer/importers/onepassword-1pux';
import type { ImportResult } from '../../../src/transfer/types';
import { fieldsOf, textFile } from './helpers';

function exportData(items: unknown[]): ImportResult {
  const data = { accounts: [{ attrs: { name: 'Ann' }, vaults: [{ attrs: { name: 'Private' }, items }] }] };
  return onePassword1pux.parse(textFile('export.data', JSON.stringify(data)));
}

const login = (loginFields: unknown[], sections: unknown[] = []) => ({
  uuid: 'u1',
  favIndex: 0,
  createdAt: 1700000000,
  updatedAt: 1700000000,
  state: 'active',
  categoryUuid: '001',
  overview: { title: 'Forwarded mail', url: 'https://shop.example/', tags: [] },
  details: { loginFields, notesPlain: '', sections, passwordHistory: [] },
});

describe('1PUX login fields whose value is not a string', () => {
  it('a masked email username ({ email_address, provider }) becomes the username, provider kept', () => {
    const result = exportData([
      login([
        {
          value: { email_address: 'shop.x7q@fastmail.example', provider: 'fastmail' },
          id: 'username',
          name: 'username',
          fieldType: 'E',
          designation: 'username',
        },
        { value: 'S3cret!', id: 'password', name: 'password', fieldType: 'P', designation: 'password' },
      ]),
    ]);
    expect(result.items[0]).toMatchObject({ username: 'shop.x7q@fastmail.example', password: 'S3cret!' });
    expect(fieldsOf(result.items[0])).toEqual([['Email provider', 'fastmail', false]]);
    expect(result.changed).toEqual([]);
  });

  it('a login field with an object of unknown shape is kept as text and the item listed as changed', () => {
    const result = exportData([
      login([
        { value: 'ann', designation: 'username', name: 'username', fieldType: 'T' },
        { value: { kind: 'future', data: [1, 2] }, name: 'extra', fieldType: 'T' },
        { value: 42, name: 'number', fieldType: 'N' },
        { value: true, name: 'remember', fieldType: 'C' },
      ]),
    ]);
    expect(fieldsOf(result.items[0])).toEqual([
      ['extra', '{"kind":"future","data":[1,2]}', true],
      ['number', '42', false],
      ['remember', 'true', false],
    ]);
    expect(result.changed).toEqual([
      { row: 1, name: 'Forwarded mail', reason: expect.stringContaining('its field "extra"') },
    ]);
  });
});

describe('1PUX section values of every type', () => {
  const field = (title: string, value: unknown) => ({
    title,
    id: title.toLowerCase(),
    value,
    guarded: false,
  });

  it('reads each documented value type', () => {
    const result = exportData([
      login(
        [],
        [
          {
            title: 'Details',
            name: 'details',
            fields: [
              field('Text', { string: 'plain' }),
              field('Secret', { concealed: 'hunter2' }),
              field('Mail', { email: { email_address: 'a@b.example', provider: null } }),
              field('Phone', { phone: '+1 555 0100' }),
              field('Site', { url: 'https://x.example' }),
              field('Date', { date: 1700000000 }),
              field('Expiry', { monthYear: 202612 }),
              field('Home', {
                address: { street: '1 Main St', city: 'Town', state: 'CA', zip: '90000', country: 'us' },
              }),
              field('Card', { creditCardNumber: '4111111111111111' }),
              field('Brand', { creditCardType: 'visa' }),
              field('Choice', { menu: 'b' }),
              field('Gender', { gender: 'female' }),
              field('Link', { reference: 'abcdefghijklmnopqrstuvwxyz' }),
              field('Code', { totp: 'otpauth://totp/x?secret=JBSWY3DPEHPK3PXP' }),
            ],
          },
        ],
      ),
    ]);
    const [item] = result.items;
    expect(item?.totp).toBe('otpauth://totp/x?secret=JBSWY3DPEHPK3PXP');
    expect(fieldsOf(item)).toEqual(
      [
        ['Text', 'plain', false],
        ['Secret', 'hunter2', true],
        ['Mail', 'a@b.example', false],
        ['Phone', '+1 555 0100', false],
        ['Site', 'https://x.example', false],
        ['Date', '2023-11-14', false],
        ['Expiry', '12/2026', false],
        ['Home', '1 Main St, Town, CA, 90000, us', false],
        ['Card', '4111111111111111', true],
        ['Brand', 'visa', false],
        ['Choice', 'b', false],
        ['Gender', 'female', false],
        ['Link', 'abcdefghijklmnopqrstuvwxyz', false],
        ['Tags', '', false],
      ].filter(([name]) => name !== 'Tags') as [string, string, boolean][],
    );
    expect(result.changed).toEqual([]);
  });

  it('an SSH key keeps its private key, public key, fingerprint and key type', () => {
    const result = exportData([
      {
        ...login([]),
        categoryUuid: '114',
        overview: { title: 'Deploy key', tags: [] },
        details: {
          loginFields: [],
          sections: [
            {
              title: '',
              fields: [
                field('private key', {
                  sshKey: {
                    privateKey:
                      '-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n-----END OPENSSH PRIVATE KEY-----\n',
                    metadata: {
                      privateKey: '-----BEGIN PRIVATE KEY-----\nabc\n-----END PRIVATE KEY-----\n',
                      publicKey: 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI deploy@example',
                      fingerprint: 'SHA256:2mQx0nqS1oQd4B1y4cXlqOa5k0lXq7FQ5fZc3nF1tQ4',
                      keyType: 'ed25519',
                    },
                  },
                }),
              ],
            },
          ],
        },
      },
    ]);
    expect(fieldsOf(result.items[0])).toEqual([
      ['private key', '-----BEGIN OPENSSH PRIVATE KEY-----\nabc\n-----END OPENSSH PRIVATE KEY-----\n', true],
      ['Public key', 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI deploy@example', false],
      ['Fingerprint', 'SHA256:2mQx0nqS1oQd4B1y4cXlqOa5k0lXq7FQ5fZc3nF1tQ4', false],
      ['Key type', 'ed25519', false],
    ]);
  });
});
