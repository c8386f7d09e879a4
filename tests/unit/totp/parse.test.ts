// parseOtpSecret: what people paste (URIs, bare keys in any case/spacing, steam://) and every
// refusal, whose message must be clear and must never repeat the secret.
import { base32 } from '@scure/base';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isOtpError, type OtpError, type OtpParams, parseOtpSecret } from '@/src/totp';

const KEY = 'JBSWY3DPEHPK3PXP'; // "Hello!\xde\xad\xbe\xef"
const KEY_BYTES = base32.decode(KEY);

function ok(input: string): OtpParams {
  const result = parseOtpSecret(input);
  if (isOtpError(result)) throw new Error(`unexpected error: ${result.message}`);
  return result;
}

function refused(input: string): OtpError {
  const result = parseOtpSecret(input);
  if (!isOtpError(result)) throw new Error('expected a refusal');
  return result;
}

describe('bare base32 keys', () => {
  it('reads a plain key with the RFC 6238 defaults', () => {
    expect(ok(KEY)).toEqual({
      kind: 'totp',
      secret: KEY_BYTES,
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      encoder: 'decimal',
      issuer: '',
      account: '',
    });
  });

  it.each([
    ['lower case', 'jbswy3dpehpk3pxp'],
    ['groups of four with spaces', 'jbsw y3dp ehpk 3pxp'],
    ['dashes', 'JBSW-Y3DP-EHPK-3PXP'],
    ['surrounding whitespace and a newline', '  JBSWY3DP\nEHPK3PXP \t'],
  ])('accepts %s', (_, input) => {
    expect(ok(input).secret).toEqual(KEY_BYTES);
  });

  it('accepts missing and present padding alike', () => {
    const bytes = new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    const padded = base32.encode(bytes);
    expect(padded.endsWith('=')).toBe(true);
    expect(ok(padded).secret).toEqual(bytes);
    expect(ok(padded.replace(/=+$/, '')).secret).toEqual(bytes);
  });

  it('drops leftover bits of a key that is not whole bytes, as authenticator apps do', () => {
    // 26 random base32 characters = 130 bits: 16 bytes and 2 bits that apps ignore.
    // The same 26 characters followed by six more decode strictly to 20 bytes whose first 16 match.
    const key = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    const longer = base32.decode(`${key}234567`);
    expect(ok(key).secret).toEqual(longer.slice(0, 16));
  });

  it('decodes like the strict RFC 4648 codec for every whole-byte key', () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 8, maxLength: 64 }), (bytes) => {
        expect(ok(base32.encode(bytes).toLowerCase()).secret).toEqual(bytes);
      }),
    );
  });
});

describe('otpauth:// URIs', () => {
  it('reads every Key Uri Format parameter', () => {
    const params = ok(
      `otpauth://totp/ACME%20Co:john.doe%40example.com?secret=${KEY}&issuer=ACME%20Co&algorithm=SHA256&digits=8&period=60`,
    );
    expect(params).toMatchObject({
      secret: KEY_BYTES,
      algorithm: 'SHA256',
      digits: 8,
      period: 60,
      encoder: 'decimal',
      issuer: 'ACME Co',
      account: 'john.doe@example.com',
    });
  });

  it('takes the issuer from the label when the parameter is missing, and the parameter over the label', () => {
    expect(ok(`otpauth://totp/Example:alice?secret=${KEY}`)).toMatchObject({
      issuer: 'Example',
      account: 'alice',
    });
    expect(ok(`otpauth://totp/Old:alice?secret=${KEY}&issuer=New`)).toMatchObject({
      issuer: 'New',
      account: 'alice',
    });
  });

  it('accepts a URI without a label, an upper-case scheme and lower-case algorithm names', () => {
    expect(ok(`otpauth://totp?secret=${KEY}&algorithm=SHA1&period=30&digits=6`).secret).toEqual(KEY_BYTES);
    expect(ok(`OTPAUTH://TOTP/x?secret=${KEY}&algorithm=sha512`).algorithm).toBe('SHA512');
    expect(ok(`otpauth://totp/x?secret=${KEY}&algorithm=SHA-256`).algorithm).toBe('SHA256');
  });

  it('accepts a percent-encoded padded secret (as Bitwarden exports write it)', () => {
    const bytes = new Uint8Array([9, 8, 7, 6, 5, 4, 3, 2, 1]);
    expect(ok(`otpauth://totp/x?secret=${encodeURIComponent(base32.encode(bytes))}`).secret).toEqual(bytes);
  });

  it('reads Steam as five characters whatever the URI says about digits', () => {
    expect(ok(`otpauth://totp/Steam:me?secret=${KEY}&encoder=steam`)).toMatchObject({
      encoder: 'steam',
      digits: 5,
      issuer: 'Steam',
    });
    expect(ok(`otpauth://totp/Steam:me?secret=${KEY}&encoder=steam&digits=5`).digits).toBe(5);
    expect(ok(`steam://${KEY}`)).toMatchObject({
      encoder: 'steam',
      digits: 5,
      period: 30,
      algorithm: 'SHA1',
    });
  });
});

describe('refusals', () => {
  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['otpauth://totp/x?secret=', 'bad-uri'],
    ['otpauth://totp/x?issuer=A', 'bad-uri'],
    ['otpauth://hotp/x?secret=JBSWY3DPEHPK3PXP&counter=1', 'unsupported-type'],
    ['otpauth://yubikey/x?secret=JBSWY3DPEHPK3PXP', 'unsupported-type'],
    ['otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&algorithm=MD5', 'unsupported-algorithm'],
    ['otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&digits=5', 'bad-digits'],
    ['otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&digits=10', 'bad-digits'],
    ['otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&digits=six', 'bad-digits'],
    ['otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&encoder=steam&digits=6', 'bad-digits'],
    ['otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&period=0', 'bad-period'],
    ['otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&period=-30', 'bad-period'],
    ['otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&period=30.5', 'bad-period'],
    ['otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&period=86401', 'bad-period'],
    ['https://example.com/2fa?secret=JBSWY3DPEHPK3PXP', 'bad-uri'],
    ['PI2XO5TW0DF0SHTYOVZXOOBVHFEWM6JU', 'not-base32'],
    ['see the email from IT, 1 Jan', 'not-base32'],
    ['JBSWY3DP', 'too-short'],
    ['123456', 'looks-like-code'],
    ['123 456', 'looks-like-code'],
    ['12345678', 'looks-like-code'],
  ])('%j is refused as %s', (input, code) => {
    const error = refused(input);
    expect(error.code).toBe(code);
    expect(error.message.length).toBeGreaterThan(20);
  });

  it('never repeats the secret in a message', () => {
    const secrets = [
      'PI2XO5TW0DF0SHTYOVZXOOBVHFEWM6JU',
      'SHORTKEY',
      'otpauth://totp/x?secret=SECRETSECRET1&digits=9',
    ];
    for (const input of secrets) {
      const { message } = refused(input);
      expect(message).not.toMatch(/PI2XO5|SHORTKEY|SECRETSECRET/i);
    }
  });

  it('never throws, whatever the input', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string().map((s) => `otpauth://totp/${s}`),
        ),
        (input) => {
          const result = parseOtpSecret(input);
          expect(['totp', 'error']).toContain(result.kind);
        },
      ),
    );
  });
});
