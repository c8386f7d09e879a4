/**
 * The parameters of a time-based one-time password (RFC 6238) and the error a secret that cannot
 * give one turns into. Plain data, no secrets wiped here: callers keep OtpParams only as long as
 * they compute codes (the secret bytes are the second factor itself).
 */

export type OtpAlgorithm = 'SHA1' | 'SHA256' | 'SHA512';

/** How the truncated HMAC becomes text: decimal digits (RFC 4226 §5.3) or Steam Guard's letters. */
export type OtpEncoder = 'decimal' | 'steam';

export interface OtpParams {
  readonly kind: 'totp';
  /** The shared key K of RFC 4226 §5.1 (decoded from base32). */
  readonly secret: Uint8Array;
  readonly algorithm: OtpAlgorithm;
  /** 6 to 8 for decimal codes; always 5 for Steam. */
  readonly digits: number;
  /** The time step X of RFC 6238 §4.1, in seconds. */
  readonly period: number;
  readonly encoder: OtpEncoder;
  /** From the otpauth URI's issuer parameter or label prefix; '' when absent. */
  readonly issuer: string;
  /** From the otpauth URI's label (after 'Issuer:'); '' when absent. */
  readonly account: string;
}

export type OtpErrorCode =
  | 'empty'
  | 'not-base32'
  | 'too-short'
  | 'looks-like-code'
  | 'bad-uri'
  | 'unsupported-type'
  | 'unsupported-algorithm'
  | 'bad-digits'
  | 'bad-period';

/** Why a secret gives no code. `message` is for people and never repeats the secret. */
export interface OtpError {
  readonly kind: 'error';
  readonly code: OtpErrorCode;
  readonly message: string;
}

export function isOtpError(value: OtpParams | OtpError): value is OtpError {
  return value.kind === 'error';
}

export function otpError(code: OtpErrorCode, message: string): OtpError {
  return { kind: 'error', code, message };
}
