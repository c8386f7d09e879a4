// Google Authenticator export links (otpauth-migration://), decoded by src/totp/migration.ts.
// The two links are published examples (origins in vectors/SOURCES.md): one account from
// scito/extract_otp_secrets and the otpauth_migration Dart package; two accounts with batch
// fields from the Dart package's README, which also gives the otpauth URIs they were made from.
import { describe, expect, it } from 'vitest';
import { currentCode, isOtpError, parseMigrationUri, parseOtpSecret } from '@/src/totp';

const ONE =
  'otpauth-migration://offline?data=CjEKCkhlbGxvId6tvu8SGEV4YW1wbGU6YWxpY2VAZ29vZ2xlLmNvbRoHRXhhbXBsZTAC';
const TWO =
  'otpauth-migration://offline?data=CkMKFD3GyqSCSm0oh2eyMx4gtDFmy4XZEhxBQ01FIENvOmpvaG4uZG9lQGV4YW1wbGUuY29tGgdBQ01FIENvIAEoATACCjUKCkhlbGxvId6tvu8SGEV4YW1wbGU6YWxpY2VAZ29vZ2xlLmNvbRoHRXhhbXBsZSABKAEwAhABGAEgACjn4Pv4Ag==';

function secretOf(uri: string | null): string {
  const url = new URL(uri ?? '');
  return url.searchParams.get('secret') ?? '';
}

describe('parseMigrationUri', () => {
  it('decodes the one-account example to the secret, issuer and name it was made from', () => {
    const batch = parseMigrationUri(ONE);
    expect(batch).toMatchObject({ batchIndex: 0, batchSize: 1 });
    expect(batch.accounts).toHaveLength(1);
    const [account] = batch.accounts;
    expect(account).toMatchObject({ issuer: 'Example', name: 'alice@google.com' });
    expect(secretOf(account!.uri)).toBe('JBSWY3DPEHPK3PXP');
  });

  it('decodes the two-account example in order, with its batch fields', () => {
    const batch = parseMigrationUri(TWO);
    expect(batch).toMatchObject({ batchIndex: 0, batchSize: 1 });
    expect(batch.accounts.map((a) => [a.issuer, a.name, secretOf(a.uri)])).toEqual([
      ['ACME Co', 'john.doe@example.com', 'HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ'],
      ['Example', 'alice@google.com', 'JBSWY3DPEHPK3PXP'],
    ]);
  });

  it('gives otpauth URIs that parse to the same code as the original secret', () => {
    const [acme] = parseMigrationUri(TWO).accounts;
    const fromExport = parseOtpSecret(acme!.uri!);
    const original = parseOtpSecret(
      'otpauth://totp/ACME%20Co:john.doe@example.com?secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ&issuer=ACME+Co',
    );
    if (isOtpError(fromExport) || isOtpError(original)) throw new Error('expected both to parse');
    expect(fromExport).toMatchObject({ issuer: 'ACME Co', account: 'john.doe@example.com', digits: 6 });
    expect(currentCode(fromExport, 1_700_000_000_000).code).toBe(
      currentCode(original, 1_700_000_000_000).code,
    );
  });

  it('accepts percent-encoded data and a "+" that became a space', () => {
    const encoded = `otpauth-migration://offline?data=${encodeURIComponent(TWO.split('data=')[1]!)}`;
    expect(parseMigrationUri(encoded).accounts).toHaveLength(2);
    const withPlus =
      'otpauth-migration://offline?data=CjEKCkhlbGxvId6tvu8SGEV4YW1wbGU6YWxpY2VAZ29vZ2xlLmNvbRoHRXhhbXBsZTAC';
    expect(parseMigrationUri(withPlus.replace('offline', 'OFFLINE')).accounts).toHaveLength(1);
  });

  it('marks counter-based accounts instead of inventing a time-based code', () => {
    // The one-account example with its type changed from 2 (TOTP) to 1 (HOTP): last byte 0x02 -> 0x01.
    const hotp = ONE.replace(/AC$/, 'AB');
    const [account] = parseMigrationUri(hotp).accounts;
    expect(account).toMatchObject({ uri: null, problem: 'a counter-based (HOTP) account' });
  });

  it.each([
    ['not a migration link', 'otpauth://totp/x?secret=JBSWY3DPEHPK3PXP', /not a Google Authenticator export/],
    ['no data', 'otpauth-migration://offline?x=1', /has no data/],
    ['data that is not base64', 'otpauth-migration://offline?data=@@@@', /not base64/],
    ['a truncated payload', 'otpauth-migration://offline?data=CjEKCkhlbGxv', /cannot be read/],
  ])('refuses %s with a clear message', (_, uri, message) => {
    expect(() => parseMigrationUri(uri)).toThrow(message);
  });
});
