// Tessera's passkey ceremonies verified by a real relying-party library (@simplewebauthn/server):
// registration and sign-in accepted with the right flags, counter, rpIdHash and origin, and refused
// when the RP ID, the origin, the challenge or excludeCredentials say so.
import { generateAuthenticationOptions, verifyAuthenticationResponse } from '@simplewebauthn/server';
import { decodeAttestationObject, isoCBOR, parseAuthenticatorData } from '@simplewebauthn/server/helpers';
import { describe, expect, it } from 'vitest';
import { createPasskey, signAssertion } from '../../../src/passkeys/authenticator';
import { TESSERA_AAGUID } from '../../../src/passkeys/authenticator-data';
import { authenticate, CALLER, ORIGIN, RP_ID, register, registrationOptions } from './relying-party';

/** base64url to bytes on a plain ArrayBuffer, as the library's and WebCrypto's types want. */
const bytes = (text: string) => Uint8Array.from(Buffer.from(text, 'base64url'));

describe('registration, verified by @simplewebauthn/server', () => {
  it('is accepted: attestation none, Tessera AAGUID, ES256 key, UP UV BE BS set, counter 0', async () => {
    const { verification, passkey, response } = await register();
    expect(verification.verified).toBe(true);
    const info = verification.registrationInfo!;
    expect(info.fmt).toBe('none');
    expect(info.aaguid).toBe(TESSERA_AAGUID);
    expect(info.credential.id).toBe(passkey.credentialId);
    expect(info.credential.counter).toBe(0);
    expect(info.credentialDeviceType).toBe('multiDevice');
    expect(info.credentialBackedUp).toBe(true);
    expect(info.userVerified).toBe(true);
    expect(info.origin).toBe(ORIGIN);
    expect(info.rpID).toBe(RP_ID);
    expect(bytes(passkey.credentialId)).toHaveLength(16);
    expect(response.response.publicKeyAlgorithm).toBe(-7);

    const authData = parseAuthenticatorData(bytes(response.response.authenticatorData));
    expect(authData.flags).toMatchObject({ up: true, uv: true, be: true, bs: true, at: true, ed: false });
  });

  it('stores what the site said about the user, and the private key only as PKCS#8', async () => {
    const { passkey, options } = await register(CALLER, 'grace@example.com');
    expect(passkey).toMatchObject({
      rpId: RP_ID,
      userHandle: options.user.id,
      userName: 'grace@example.com',
      userDisplayName: 'Ada Lovelace',
      algorithm: -7,
      counter: 0,
      discoverable: true,
    });
    // PKCS#8 for P-256: a DER SEQUENCE, importable by WebCrypto.
    const der = bytes(passkey.privateKey);
    expect(der[0]).toBe(0x30);
    await expect(
      crypto.subtle.importKey('pkcs8', der, { name: 'ECDSA', namedCurve: 'P-256' }, false, ['sign']),
    ).resolves.toBeDefined();
  });

  it('writes the attestation object in canonical CBOR that the library decodes', async () => {
    const { response } = await register();
    const attestation = decodeAttestationObject(bytes(response.response.attestationObject));
    expect(attestation.get('fmt')).toBe('none');
    expect(attestation.get('attStmt').size).toBe(0);
    // Re-encoding what was decoded gives the same bytes: keys sorted, shortest heads.
    const encoded = bytes(response.response.attestationObject);
    expect(isoCBOR.encode(isoCBOR.decodeFirst(encoded))).toEqual(encoded);
  });

  it('is refused by the relying party for another origin, RP ID or challenge', async () => {
    const { response, options } = await register();
    const { verifyRegistrationResponse } = await import('@simplewebauthn/server');
    const base = {
      response,
      expectedChallenge: options.challenge,
      expectedOrigin: ORIGIN,
      expectedRPID: RP_ID,
    };
    await expect(
      verifyRegistrationResponse({ ...base, expectedOrigin: 'https://evil.example' }),
    ).rejects.toThrow(/origin/i);
    await expect(verifyRegistrationResponse({ ...base, expectedRPID: 'other.com' })).rejects.toThrow(
      /RP ID/i,
    );
    await expect(
      verifyRegistrationResponse({ ...base, expectedChallenge: 'AAAAAAAAAAAAAAAAAAAAAA' }),
    ).rejects.toThrow(/challenge/i);
  });

  it('refuses with InvalidStateError when excludeCredentials names a passkey Tessera holds', async () => {
    const first = await register();
    const options = await registrationOptions('ada@example.com', [first.passkey.credentialId]);
    await expect(createPasskey(options, CALLER, [first.passkey])).rejects.toMatchObject({
      name: 'InvalidStateError',
    });
    // The same id held for another RP does not count: credential ids are per RP.
    const elsewhere = { ...first.passkey, rpId: 'other.example' };
    await expect(createPasskey(options, CALLER, [elsewhere])).resolves.toBeDefined();
  });

  it('refuses a site that accepts no ES256 key with NotSupportedError', async () => {
    const options = await registrationOptions();
    const rsaOnly = { ...options, pubKeyCredParams: [{ type: 'public-key', alg: -257 }] };
    await expect(createPasskey(rsaOnly, CALLER, [])).rejects.toMatchObject({ name: 'NotSupportedError' });
    // An empty list means "the defaults", which include ES256 (WebAuthn §5.1.3 step 10).
    await expect(createPasskey({ ...options, pubKeyCredParams: [] }, CALLER, [])).resolves.toBeDefined();
  });

  it('refuses a user id that is empty or over 64 bytes, and a challenge that is not base64url', async () => {
    const options = await registrationOptions();
    const long = Buffer.alloc(65, 1).toString('base64url');
    for (const bad of [
      { ...options, user: { ...options.user, id: '' } },
      { ...options, user: { ...options.user, id: long } },
      { ...options, challenge: 'not base64url!' },
    ]) {
      await expect(createPasskey(bad, CALLER, [])).rejects.toMatchObject({ name: 'TypeError' });
    }
  });

  it('refuses an RP ID that is not the caller origin or its registrable parent (SecurityError)', async () => {
    const options = await registrationOptions('ada@example.com', [], 'bank.com');
    await expect(createPasskey(options, CALLER, [])).rejects.toMatchObject({ name: 'SecurityError' });
  });
});

describe('sign-in, verified by @simplewebauthn/server', () => {
  it('is accepted with the registered public key; the counter stays 0 and the library accepts it', async () => {
    const reg = await register();
    const publicKey = reg.verification.registrationInfo!.credential.publicKey;
    const first = await authenticate(reg.passkey, publicKey, 0);
    expect(first.verification.verified).toBe(true);
    expect(first.verification.authenticationInfo).toMatchObject({
      newCounter: 0,
      userVerified: true,
      credentialDeviceType: 'multiDevice',
      credentialBackedUp: true,
      origin: ORIGIN,
      rpID: RP_ID,
    });
    const second = await authenticate(
      reg.passkey,
      publicKey,
      first.verification.authenticationInfo.newCounter,
    );
    expect(second.verification.verified).toBe(true);
    expect(first.response.response.userHandle).toBe(reg.options.user.id);
    const flags = parseAuthenticatorData(bytes(first.response.response.authenticatorData)).flags;
    expect(flags).toMatchObject({ up: true, uv: true, be: true, bs: true, at: false });
  });

  it('works without allowCredentials (a discoverable sign-in), returning the user handle', async () => {
    const reg = await register();
    const publicKey = reg.verification.registrationInfo!.credential.publicKey;
    const { verification, response } = await authenticate(reg.passkey, publicKey, 0, CALLER, []);
    expect(verification.verified).toBe(true);
    expect(response.response.userHandle).toBe(reg.passkey.userHandle);
  });

  it('carries crossOrigin and topOrigin truthfully for a framed caller', async () => {
    const reg = await register();
    const publicKey = reg.verification.registrationInfo!.credential.publicKey;
    const framed = { origin: ORIGIN, topOrigin: 'https://shop.example.net' };
    const options = await generateAuthenticationOptions({ rpID: RP_ID, allowCredentials: [] });
    const response = await signAssertion(reg.passkey, options, framed);
    const clientData = JSON.parse(Buffer.from(response.response.clientDataJSON, 'base64url').toString());
    expect(clientData).toEqual({
      type: 'webauthn.get',
      challenge: options.challenge,
      origin: ORIGIN,
      crossOrigin: true,
      topOrigin: 'https://shop.example.net',
    });
    // The relying party accepts it only if it expects that top origin.
    const verify = (expectedTopOrigin?: string) =>
      verifyAuthenticationResponse({
        response,
        expectedChallenge: options.challenge,
        expectedOrigin: ORIGIN,
        expectedRPID: RP_ID,
        credential: { id: reg.passkey.credentialId, publicKey, counter: 0 },
        ...(expectedTopOrigin ? { expectedTopOrigin } : {}),
      } as Parameters<typeof verifyAuthenticationResponse>[0]);
    await expect(verify('https://shop.example.net')).resolves.toMatchObject({ verified: true });

    // A same-origin frame is not cross-origin, and names no top origin.
    const same = await signAssertion(reg.passkey, options, { origin: ORIGIN, topOrigin: ORIGIN });
    const sameData = JSON.parse(Buffer.from(same.response.clientDataJSON, 'base64url').toString());
    expect(sameData).toEqual({
      type: 'webauthn.get',
      challenge: options.challenge,
      origin: ORIGIN,
      crossOrigin: false,
    });
  });

  it('is refused by the relying party for a tampered signature, another challenge or another origin', async () => {
    const reg = await register();
    const publicKey = reg.verification.registrationInfo!.credential.publicKey;
    const options = await generateAuthenticationOptions({ rpID: RP_ID, allowCredentials: [] });
    const response = await signAssertion(reg.passkey, options, CALLER);
    const base = {
      response,
      expectedChallenge: options.challenge,
      expectedOrigin: ORIGIN,
      expectedRPID: RP_ID,
      credential: { id: reg.passkey.credentialId, publicKey, counter: 0 },
    };
    await expect(
      verifyAuthenticationResponse({ ...base, expectedChallenge: 'AAAAAAAAAAAAAAAAAAAAAA' }),
    ).rejects.toThrow(/challenge/i);
    await expect(
      verifyAuthenticationResponse({ ...base, expectedOrigin: 'https://evil.example' }),
    ).rejects.toThrow(/origin/i);
    // Another key (a second registration) does not verify this signature.
    const other = await register();
    const wrongKey = {
      ...base.credential,
      publicKey: other.verification.registrationInfo!.credential.publicKey,
    };
    await expect(verifyAuthenticationResponse({ ...base, credential: wrongKey })).resolves.toMatchObject({
      verified: false,
    });
  });

  it('refuses to sign for another site: a hostile origin naming this RP ID gets SecurityError', async () => {
    const reg = await register();
    const options = await generateAuthenticationOptions({ rpID: RP_ID, allowCredentials: [] });
    await expect(
      signAssertion(reg.passkey, options, { origin: 'https://example.com.evil.net' }),
    ).rejects.toMatchObject({ name: 'SecurityError' });
    // ...and an RP ID the caller may use but that is not the passkey's own.
    const own = await generateAuthenticationOptions({ rpID: 'evil.net', allowCredentials: [] });
    await expect(signAssertion(reg.passkey, own, { origin: 'https://evil.net' })).rejects.toMatchObject({
      name: 'SecurityError',
    });
  });

  it('refuses with NotAllowedError when allowCredentials names other credentials only', async () => {
    const reg = await register();
    const options = await generateAuthenticationOptions({
      rpID: RP_ID,
      allowCredentials: [{ id: 'c2VjdXJpdHkta2V5LWlk' }],
    });
    await expect(signAssertion(reg.passkey, options, CALLER)).rejects.toMatchObject({
      name: 'NotAllowedError',
    });
  });
});
