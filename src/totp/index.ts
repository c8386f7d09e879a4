/**
 * Two-factor codes: parse a stored `totp` value (otpauth:// URI, steam:// or base32 key) and compute
 * its current code. Pure functions, no browser APIs; they run where the secret is (the background).
 */

export { currentCode, type OtpCode } from './code';
export { hotp } from './hotp';
export {
  isMigrationUri,
  type MigratedAccount,
  type MigrationBatch,
  parseMigrationUri,
} from './migration';
export { parseOtpSecret } from './parse';
export {
  isOtpError,
  type OtpAlgorithm,
  type OtpEncoder,
  type OtpError,
  type OtpErrorCode,
  type OtpParams,
} from './types';
