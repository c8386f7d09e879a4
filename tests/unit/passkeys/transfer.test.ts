// Passkeys through Bitwarden's JSON (login.fido2Credentials): a Tessera export re-imports with the
// same passkey, which still signs a sign-in the relying party accepts; keys Tessera cannot use are
// counted in a warning, never half-imported.
import { createPrivateKey, createPublicKey, verify } from 'node:crypto';
import { generateAuthenticationOptions } from '@simplewebauthn/server';
import { describe, expect, it } from 'vitest';
import { signAssertion } from '../../../src/passkeys/authenticator';
import { newPasskeyLogin } from '../../../src/passkeys/item-passkeys';
import { exportBitwardenJson } from '../../../src/transfer/export-bitwarden';
import { bitwardenJson } from '../../../src/transfer/importers/bitwarden-json';
import { protonPassJson } from '../../../src/transfer/importers/protonpass-json';
import type { Item } from '../../../src/vault/types';
import { protonPassFile, textFile } from '../transfer/helpers';
import { authenticate, CALLER, ORIGIN, register } from './relying-party';

async function exportedItem() {
  const reg = await register();
  const item: Item = { ...newPasskeyLogin(reg.passkey, ORIGIN), id: 'i1', createdAt: 1, updatedAt: 2 };
  return { reg, item, json: exportBitwardenJson([item]) };
}

describe('Bitwarden JSON passkeys', () => {
  it('export writes fido2Credentials in Bitwarden shape, with the PKCS#8 key', async () => {
    const { reg, json } = await exportedItem();
    const login = JSON.parse(json).items[0].login;
    expect(login.fido2Credentials).toEqual([
      {
        credentialId: `b64.${reg.passkey.credentialId}`,
        keyType: 'public-key',
        keyAlgorithm: 'ECDSA',
        keyCurve: 'P-256',
        keyValue: reg.passkey.privateKey,
        rpId: 'example.com',
        userHandle: reg.passkey.userHandle,
        userName: reg.passkey.userName,
        counter: '0',
        rpName: 'example.com',
        userDisplayName: reg.passkey.userDisplayName,
        discoverable: 'true',
        creationDate: new Date(reg.passkey.createdAt).toISOString(),
      },
    ]);
  });

  it('an export re-imports with the same passkey, and the relying party accepts its sign-in', async () => {
    const { reg, json } = await exportedItem();
    const result = bitwardenJson.parse(textFile('bitwarden.json', json));
    expect(result.warnings).toEqual([]);
    expect(result.items[0]?.passkeys).toEqual([reg.passkey]);
    const publicKey = reg.verification.registrationInfo!.credential.publicKey;
    const { verification } = await authenticate(result.items[0]!.passkeys![0]!, publicKey, 0);
    expect(verification.verified).toBe(true);
  });

  it("a corpus passkey's key (KeePassXC's Bitwarden export) signs, checked with its own public key", async () => {
    const json = JSON.stringify({
      encrypted: false,
      items: [
        {
          type: 1,
          name: 'webauthn.io',
          login: {
            // The key of ../shared/corpus/imports/keepassxc-testdata/bitwarden_passkey_export.json.
            fido2Credentials: [
              {
                credentialId: 'a3e15f8b-27c1-42ae-90cf-a615ad87854f',
                keyType: 'public-key',
                keyAlgorithm: 'ECDSA',
                keyCurve: 'P-256',
                keyValue:
                  'MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgmr4GQQjerojFuf0ZouOuUllMvAwxZSZAfB6gwDYcLiehRANCAAT0WR5zVSp6ieusvjkLkzaGc7fjGBmwpiuLPxR_d-ZjqMI9L2DKh-takp6wGt2x0n4jzr1KA352NZg0vjZX9CHh',
                rpId: 'example.com',
                userHandle: 'aTFtdmFnOHYtS2dxVEJ0by1rSFpLWGg0enlTVC1iUVJReDZ5czJXa3c2aw',
                counter: '7',
                discoverable: 'true',
              },
            ],
          },
        },
      ],
    });
    const passkey = bitwardenJson.parse(textFile('bw.json', json)).items[0]!.passkeys![0]!;
    expect(passkey.counter).toBe(0);
    const options = await generateAuthenticationOptions({ rpID: 'example.com', allowCredentials: [] });
    const response = await signAssertion(passkey, options, CALLER);
    const publicKey = createPublicKey(
      createPrivateKey({ key: Buffer.from(passkey.privateKey, 'base64url'), format: 'der', type: 'pkcs8' }),
    );
    const authData = Buffer.from(response.response.authenticatorData, 'base64url');
    const hash = await crypto.subtle.digest(
      'SHA-256',
      Buffer.from(response.response.clientDataJSON, 'base64url'),
    );
    const signed = Buffer.concat([authData, Buffer.from(hash)]);
    expect(verify('sha256', signed, publicKey, Buffer.from(response.response.signature, 'base64url'))).toBe(
      true,
    );
  });

  it('counts passkeys it cannot use (another curve, no key, a broken key) and keeps the login', () => {
    const base = { keyType: 'public-key', keyAlgorithm: 'ECDSA', keyCurve: 'P-256', rpId: 'a.example' };
    const json = JSON.stringify({
      encrypted: false,
      items: [
        {
          type: 1,
          name: 'Site',
          login: {
            username: 'u',
            fido2Credentials: [
              { ...base, credentialId: 'b64.AAAA', keyCurve: 'P-384', keyValue: 'MIGHAgEAMBMGByqGSM49' },
              { ...base, credentialId: 'b64.AAAA' },
              { ...base, credentialId: 'b64.AAAA', keyValue: 'bm90IGEga2V5' },
              { ...base, credentialId: 'not an id', keyValue: 'MIGHAgEAMBMGByqGSM49' },
            ],
          },
        },
      ],
    });
    const result = bitwardenJson.parse(textFile('bw.json', json));
    expect(result.items).toHaveLength(1);
    expect(result.items[0]?.passkeys).toBeUndefined();
    expect(result.warnings).toEqual([
      '4 passkeys were not imported: their keys are missing or of a kind Tessera cannot use (only ECDSA P-256). They stay in Bitwarden.',
    ]);
  });
});

describe('Proton Pass passkeys', () => {
  it('are counted as not imported, with the reason, and the login is kept without them', () => {
    const login = {
      itemId: 'p1',
      state: 1,
      data: {
        metadata: { name: 'Site', note: '' },
        type: 'login',
        content: {
          itemUsername: 'ann',
          password: 'pw',
          urls: [],
          passkeys: [{ keyId: 'k', content: 'opaque' }],
        },
        extraFields: [],
      },
    };
    const result = protonPassJson.parse(protonPassFile([login]));
    expect(result.items.map((i) => [i.name, i.password, i.passkeys])).toEqual([['Site', 'pw', undefined]]);
    expect(result.warnings).toContain(
      "1 passkey was not imported: Tessera cannot read Proton Pass's passkey format. It stays in Proton Pass.",
    );
  });
});
