/**
 * What one input says about holding a one-time code (RFC 6238 TOTP, or a code sent by message),
 * and whether it asks for only a part of a secret (bank "memorable characters").
 *
 * 'strong': the site says so: autocomplete="one-time-code" (HTML §4.10.18.7.1) or one-time-code
 * words ("verification code", "2FA", "Bestätigungscode") in its name, id or label. 'weak': only
 * its shape (a bare "code" or "token" name, or numeric input of 4 to 8 characters, or one
 * character): the group's context must confirm it (one-time-code.ts).
 *
 * Safety fact: captcha, card, coupon, postal, recovery-code and similar fields are never one-time
 * codes, whatever their shape; a field that names a secret the person knows ("3rd character of
 * your password", "PIN") is never one either.
 */

import type { FieldText } from './field-text';
import { NOT_OTP_WORDS, OTP_WORDS, PARTIAL_WORDS, SECRET_WORDS } from './vocabulary';
import { wordMatcher } from './words';

export type OtpEvidence = 'strong' | 'weak' | null;

/** Codes are 4 to 8 characters (RFC 4226 §5.3 allows 6 to 8; SMS codes are often 4 or 5). */
export const OTP_LENGTH = { min: 4, max: 8 } as const;
/** No password or account name fits in fewer characters than this. */
const MIN_SECRET_LENGTH = 4;

/** A bare "code", "token" or "OTC" name or label, which only context makes a one-time code. */
const BARE_CODE_WORDS = wordMatcher([
  'code(?= |$)',
  'token',
  'otc',
  'pass ?code',
  'c[oó]digo',
  'codice',
  'код',
  'kod(?= |$)',
]);
/** "One-time password" names a password, but not the person's own. */
const ONE_TIME_SECRET = wordMatcher(['one ?time', 'otp', 'einmal', 'одноразов']);

/** The maxlength attribute, or null when absent or not a number. */
export function maxLengthOf(input: HTMLInputElement): number | null {
  const raw = input.getAttribute('maxlength');
  if (raw === null) return null;
  const value = Number.parseInt(raw, 10);
  return Number.isFinite(value) && value >= 0 ? value : null;
}

/** A box for one character: maxlength 1 (or size 1 with no maxlength). */
export function isCharacterBox(input: HTMLInputElement): boolean {
  const max = maxLengthOf(input);
  if (max !== null) return max === 1;
  return input.getAttribute('size') === '1';
}

/** Whether the words name a secret the person knows (not a one-time password). */
export function namesKnownSecret(words: string): boolean {
  return SECRET_WORDS.test(words) && !ONE_TIME_SECRET.test(words) && !OTP_WORDS.test(words);
}

export function otpEvidence(input: HTMLInputElement, text: FieldText): OtpEvidence {
  if (NOT_OTP_WORDS.test(text.all) || input.type === 'email') return null;
  if (besidePicture(input)) return null;
  if (text.token === 'one-time-code') return 'strong';
  if (text.token && text.token !== 'off') return null;
  if (namesKnownSecret(text.all) && !OTP_WORDS.test(text.all)) return null;
  if (OTP_WORDS.test(text.all)) return 'strong';
  const bare = BARE_CODE_WORDS.test(text.all);
  const numeric = numericCodeShape(input);
  // name="code" inputmode="numeric" maxlength="6": the name and the shape agree.
  if (bare && numeric) return 'strong';
  return bare || numeric || isCharacterBox(input) ? 'weak' : null;
}

/** Numeric entry (inputmode, type or pattern) limited to a code's length. */
function numericCodeShape(input: HTMLInputElement): boolean {
  const max = maxLengthOf(input);
  if (max === null || max < OTP_LENGTH.min || max > OTP_LENGTH.max) return false;
  const mode = (input.getAttribute('inputmode') ?? '').toLowerCase();
  const pattern = input.getAttribute('pattern') ?? '';
  return mode === 'numeric' || input.type === 'tel' || input.type === 'number' || /\\d|\[0-9\]/.test(pattern);
}

/**
 * A field that takes part of a secret: position words ("character 3", "2nd digit of your PIN",
 * "memorable"), or room for fewer than four characters. One-character boxes of a one-time code
 * are not parts of a secret unless their words name one.
 */
export function partOfSecret(input: HTMLInputElement, text: FieldText, otp: OtpEvidence): boolean {
  if (otp === 'strong' && !namesKnownSecret(text.all)) return false;
  if (PARTIAL_WORDS.test(text.all)) return true;
  if (isCharacterBox(input)) return otp === null || namesKnownSecret(text.all);
  const max = maxLengthOf(input);
  return max !== null && max > 0 && max < MIN_SECRET_LENGTH;
}

/** How many ancestors up a captcha's picture may sit (the field's cell, then its row). */
const PICTURE_CLIMB = 2;

/**
 * A code field with a picture beside it ("Enter the number shown in the image") is a captcha,
 * whatever it is called ("confirmation code"). Only the field's own wrapper and row are looked
 * at, and only while they hold no other field.
 */
function besidePicture(input: HTMLInputElement): boolean {
  let box = input.parentElement;
  for (let climb = 0; box && climb < PICTURE_CLIMB; climb++, box = box.parentElement) {
    if (box.querySelectorAll('input:not([type="hidden" i])').length > 1) return false;
    if (box.querySelector('img, canvas')) return true;
  }
  return false;
}
