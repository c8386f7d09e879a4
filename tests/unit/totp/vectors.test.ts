// RFC 4226 Appendix D, RFC 6238 Appendix B and Steam Guard vectors (tests/unit/totp/vectors/, origins
// in SOURCES.md there), run both through hotp() directly and through the path the product uses:
// an otpauth:// URI parsed by parseOtpSecret and computed by currentCode.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { base32 } from '@scure/base';
import { describe, expect, it } from 'vitest';
import { currentCode, hotp, isOtpError, type OtpAlgorithm, type OtpParams, parseOtpSecret } from '@/src/totp';

const dir = join(dirname(fileURLToPath(import.meta.url)), 'vectors');
const read = <T>(name: string): T => JSON.parse(readFileSync(join(dir, name), 'utf8')) as T;

const rfc4226 = read<{ secretAscii: string; digits: number; values: { counter: number; hotp: string }[] }>(
  'rfc4226-appendix-d.json',
);
const rfc6238 = read<{
  period: number;
  digits: number;
  seedsAscii: Record<OtpAlgorithm, string>;
  values: { time: number; algorithm: OtpAlgorithm; totp: string }[];
}>('rfc6238-appendix-b.json');
const steam = read<{ secretBase32: string; values: { time: number; code: string }[] }>(
  'steam-keepassxc.json',
);

const ascii = (s: string) => new TextEncoder().encode(s);

function parsed(input: string): OtpParams {
  const result = parseOtpSecret(input);
  if (isOtpError(result)) throw new Error(`unexpected error: ${result.message}`);
  return result;
}

describe('RFC 4226 Appendix D (HOTP)', () => {
  it.each(rfc4226.values)('counter $counter gives $hotp', ({ counter, hotp: expected }) => {
    expect(hotp(ascii(rfc4226.secretAscii), counter, 'SHA1', rfc4226.digits)).toBe(expected);
  });
  it('has all ten published values', () => {
    expect(rfc4226.values).toHaveLength(10);
  });
});

describe('RFC 6238 Appendix B (TOTP)', () => {
  it.each(rfc6238.values)('$algorithm at $time s gives $totp', ({ time, algorithm, totp }) => {
    const secret = base32.encode(ascii(rfc6238.seedsAscii[algorithm]));
    const uri = `otpauth://totp/RFC:6238?secret=${secret}&algorithm=${algorithm}&digits=${rfc6238.digits}&period=${rfc6238.period}`;
    expect(currentCode(parsed(uri), time * 1000).code).toBe(totp);
  });
  it('has all eighteen published values', () => {
    expect(rfc6238.values).toHaveLength(18);
  });
});

describe('Steam Guard codes', () => {
  it.each(steam.values)(
    'at $time s the Steam app showed $code (otpauth URI with encoder=steam)',
    ({ time, code }) => {
      const params = parsed(
        `otpauth://totp/Steam:me?secret=${steam.secretBase32}&issuer=Steam&encoder=steam`,
      );
      expect(currentCode(params, time * 1000).code).toBe(code);
    },
  );
  it.each(steam.values)('at $time s the steam:// form gives $code', ({ time, code }) => {
    expect(currentCode(parsed(`steam://${steam.secretBase32}`), time * 1000).code).toBe(code);
  });
});

describe('currentCode timing', () => {
  const params = parsed('JBSWY3DPEHPK3PXP');

  it('counts the seconds left up to the next step, rounding up', () => {
    expect(currentCode(params, 0)).toMatchObject({ periodSeconds: 30, secondsLeft: 30 });
    expect(currentCode(params, 1).secondsLeft).toBe(30);
    expect(currentCode(params, 29_001).secondsLeft).toBe(1);
    expect(currentCode(params, 29_999).secondsLeft).toBe(1);
    expect(currentCode(params, 30_000).secondsLeft).toBe(30);
  });

  it('keeps one code for a whole step and changes at the boundary', () => {
    expect(currentCode(params, 30_000).code).toBe(currentCode(params, 59_999).code);
    expect(currentCode(params, 59_999).code).not.toBe(currentCode(params, 60_000).code);
  });

  it('uses the period the URI gives', () => {
    const sixty = parsed('otpauth://totp/x?secret=JBSWY3DPEHPK3PXP&period=60');
    expect(currentCode(sixty, 59_999)).toMatchObject({ periodSeconds: 60, secondsLeft: 1 });
    expect(currentCode(sixty, 0).code).toBe(currentCode(sixty, 59_999).code);
  });

  it('refuses a time that is not a non-negative number', () => {
    expect(() => currentCode(params, Number.NaN)).toThrow(RangeError);
    expect(() => currentCode(params, -1)).toThrow(RangeError);
  });
});
