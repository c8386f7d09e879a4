// A relying party for tests: @simplewebauthn/server (a maintained server library, not ours) makes the
// options and verifies what Tessera's authenticator answers, as a real site would.
import {
  generateAuthenticationOptions,
  generateRegistrationOptions,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';
import type { Caller, StoredPasskey } from '../../../src/passkeys/authenticator';
import { createPasskey, signAssertion } from '../../../src/passkeys/authenticator';

export const RP_ID = 'example.com';
export const ORIGIN = 'https://login.example.com';
export const CALLER: Caller = { origin: ORIGIN };

export async function registrationOptions(
  userName = 'ada@example.com',
  exclude: string[] = [],
  rpID = RP_ID,
) {
  return generateRegistrationOptions({
    rpName: 'Example',
    rpID,
    userName,
    userDisplayName: 'Ada Lovelace',
    attestationType: 'none',
    excludeCredentials: exclude.map((id) => ({ id })),
    authenticatorSelection: { residentKey: 'required', userVerification: 'preferred' },
  });
}

/** Registers a passkey with the RP library's options and has the library verify it. */
export async function register(caller: Caller = CALLER, userName?: string) {
  const options = await registrationOptions(userName);
  const made = await createPasskey(options, caller, []);
  const verification = await verifyRegistrationResponse({
    response: made.response,
    expectedChallenge: options.challenge,
    expectedOrigin: caller.origin,
    expectedRPID: RP_ID,
    requireUserVerification: true,
  });
  return { options, ...made, verification };
}

/** Signs in with `passkey` and has the RP library verify the assertion against the stored public key. */
export async function authenticate(
  passkey: StoredPasskey,
  publicKey: Uint8Array<ArrayBuffer>,
  storedCounter: number,
  caller: Caller = CALLER,
  allow: string[] = [passkey.credentialId],
) {
  const options = await generateAuthenticationOptions({
    rpID: RP_ID,
    allowCredentials: allow.map((id) => ({ id })),
    userVerification: 'preferred',
  });
  const response = await signAssertion(passkey, options, caller);
  const verification = await verifyAuthenticationResponse({
    response,
    expectedChallenge: options.challenge,
    expectedOrigin: caller.origin,
    expectedRPID: RP_ID,
    credential: { id: passkey.credentialId, publicKey, counter: storedCounter },
    requireUserVerification: true,
  });
  return { options, response, verification };
}
