/**
 * Reads what people paste as a two-factor secret: an `otpauth://totp/...` URI (Google's Key Uri
 * Format), a `steam://` secret as Bitwarden stores Steam Guard keys, or a bare base32 setup key.
 *
 * Anything doubtful is an OtpError with a message for people, never a guess: a wrong algorithm,
 * digit count or period would show a code that the site refuses, which is worse than no code.
 * Messages never repeat the secret.
 */

import { decodeBase32, normaliseBase32 } from './base32';
import { type OtpAlgorithm, type OtpError, type OtpParams, otpError } from './types';

/**
 * The shortest key accepted, in bytes. Sites hand out 80 bits or more (Google, GitHub, Microsoft:
 * 16 base32 characters); a pasted one-time code is at most 8 characters (40 bits). 64 bits sits
 * between, so a code pasted by mistake is refused and every real key we know of is accepted.
 */
const MIN_SECRET_BYTES = 8;
const MIN_DIGITS = 6;
const MAX_DIGITS = 8;
const STEAM_DIGITS = 5;
/** A day: longer steps are not used by any service and likely a typo for something else. */
const MAX_PERIOD_SECONDS = 86_400;
const DEFAULT_PERIOD_SECONDS = 30;

const ALGORITHMS: Record<string, OtpAlgorithm> = {
  SHA1: 'SHA1',
  'SHA-1': 'SHA1',
  SHA256: 'SHA256',
  'SHA-256': 'SHA256',
  SHA512: 'SHA512',
  'SHA-512': 'SHA512',
};

type Result = OtpParams | OtpError;

/** Parses a URI or bare secret into code parameters, or explains why it cannot. */
export function parseOtpSecret(input: string): Result {
  const text = input.trim();
  if (text === '') return otpError('empty', 'There is no two-factor secret.');
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(text)?.[1]?.toLowerCase();
  if (scheme === 'otpauth') return parseOtpauthUri(text);
  if (scheme === 'steam')
    return secretParams(text.slice('steam:'.length).replace(/^\/\//, ''), steamDefaults());
  if (scheme !== undefined && text.includes('://')) {
    return otpError(
      'bad-uri',
      `A ${scheme}:// link is not a two-factor secret. Paste the setup key or the otpauth:// link.`,
    );
  }
  return secretParams(text, decimalDefaults());
}

type Settings = Omit<OtpParams, 'kind' | 'secret'>;

function decimalDefaults(): Settings {
  return {
    algorithm: 'SHA1',
    digits: 6,
    period: DEFAULT_PERIOD_SECONDS,
    encoder: 'decimal',
    issuer: '',
    account: '',
  };
}

function steamDefaults(): Settings {
  return { ...decimalDefaults(), digits: STEAM_DIGITS, encoder: 'steam', issuer: 'Steam' };
}

/** Decodes a base32 key and combines it with settings already checked. */
function secretParams(rawSecret: string, settings: Settings): Result {
  const normalised = normaliseBase32(rawSecret);
  if (normalised === '') return otpError('empty', 'There is no two-factor secret.');
  if (/^\d{4,10}$/.test(normalised)) {
    return otpError(
      'looks-like-code',
      'This looks like a one-time code, not a setup key. Paste the key or otpauth:// link the site showed when you turned on two-factor authentication.',
    );
  }
  const secret = decodeBase32(normalised);
  if (secret === null) {
    return otpError(
      'not-base32',
      'The two-factor secret is not a base32 setup key: it may contain only the letters A to Z and the digits 2 to 7 (spaces and dashes are ignored).',
    );
  }
  if (secret.length < MIN_SECRET_BYTES) {
    return otpError(
      'too-short',
      `The two-factor secret is too short (${normalised.length} characters; setup keys have at least 13).`,
    );
  }
  return { kind: 'totp', secret, ...settings };
}

/** Key Uri Format: otpauth://TYPE/LABEL?secret=...&issuer=...&algorithm=...&digits=...&period=... */
function parseOtpauthUri(text: string): Result {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return otpError('bad-uri', 'The otpauth:// link is not a valid link.');
  }
  const type = url.host.toLowerCase();
  if (type === 'hotp') {
    return otpError(
      'unsupported-type',
      'This is a counter-based (HOTP) secret; Tessera shows time-based (TOTP) codes only.',
    );
  }
  if (type !== 'totp')
    return otpError('unsupported-type', 'The otpauth:// link is not for a time-based (TOTP) code.');

  const query = url.searchParams;
  const secret = query.get('secret');
  if (secret === null || secret.trim() === '')
    return otpError('bad-uri', 'The otpauth:// link has no secret.');

  const steam = query.get('encoder')?.toLowerCase() === 'steam';
  const settings: Settings = steam ? steamDefaults() : decimalDefaults();
  const label = readLabel(url.pathname);
  const issuer = query.get('issuer')?.trim() || label.issuer || settings.issuer;

  const algorithmParam = query.get('algorithm');
  const algorithm =
    algorithmParam === null ? settings.algorithm : ALGORITHMS[algorithmParam.trim().toUpperCase()];
  if (algorithm === undefined) {
    return otpError(
      'unsupported-algorithm',
      `The otpauth:// link asks for the algorithm "${shorten(algorithmParam ?? '')}"; Tessera supports SHA1, SHA256 and SHA512.`,
    );
  }

  const digits = readInteger(query.get('digits'), settings.digits);
  const digitsOk = steam
    ? digits === STEAM_DIGITS
    : digits !== null && digits >= MIN_DIGITS && digits <= MAX_DIGITS;
  if (digits === null || !digitsOk) {
    return otpError(
      'bad-digits',
      steam
        ? 'Steam codes have 5 characters; the otpauth:// link asks for another length.'
        : `The otpauth:// link asks for codes of "${shorten(query.get('digits') ?? '')}" digits; Tessera shows codes of 6 to 8 digits.`,
    );
  }

  const period = readInteger(query.get('period'), settings.period);
  if (period === null || period < 1 || period > MAX_PERIOD_SECONDS) {
    return otpError(
      'bad-period',
      `The otpauth:// link asks for a code every "${shorten(query.get('period') ?? '')}" seconds; Tessera accepts 1 to ${MAX_PERIOD_SECONDS} seconds.`,
    );
  }

  return secretParams(secret, { ...settings, algorithm, digits, period, issuer, account: label.account });
}

/** The label is "Issuer:account" or "account", percent-encoded (Key Uri Format "Label"). */
function readLabel(pathname: string): { issuer: string; account: string } {
  let label: string;
  try {
    label = decodeURIComponent(pathname.replace(/^\//, ''));
  } catch {
    label = '';
  }
  const colon = label.indexOf(':');
  if (colon < 0) return { issuer: '', account: label.trim() };
  return { issuer: label.slice(0, colon).trim(), account: label.slice(colon + 1).trim() };
}

/** A whole decimal number, the fallback when absent, or null when present but not a number. */
function readInteger(value: string | null, fallback: number): number | null {
  if (value === null) return fallback;
  const trimmed = value.trim();
  return /^\d{1,9}$/.test(trimmed) ? Number(trimmed) : null;
}

/** Parameter values are quoted in messages to help people; a hostile link cannot make them long. */
function shorten(value: string): string {
  return value.length > 20 ? `${value.slice(0, 20)}…` : value;
}
