/**
 * Google Authenticator's export: `otpauth-migration://offline?data=<base64>`, where data is a
 * protocol-buffers MigrationPayload (the app shows one QR code per batch of about ten accounts).
 * Each TOTP account becomes an ordinary `otpauth://totp/...` URI, the form items store.
 *
 * Why a decoder of our own: the one npm parser (otpauth-migration) has ~700 downloads a month and
 * one release; the format needs only protobuf varints and length-delimited fields, which fit in
 * forty lines here, tested against published exports (tests/unit/totp/migration.test.ts).
 *
 * Schema (Google Authenticator's MigrationPayload, as documented by every decoder of it):
 *   MigrationPayload { repeated OtpParameters otp_parameters = 1; int32 version = 2;
 *                      int32 batch_size = 3; int32 batch_index = 4; int32 batch_id = 5; }
 *   OtpParameters    { bytes secret = 1; string name = 2; string issuer = 3;
 *                      Algorithm algorithm = 4;  // 0 unspecified, 1 SHA1, 2 SHA256, 3 SHA512, 4 MD5
 *                      DigitCount digits = 5;    // 0 unspecified, 1 six, 2 eight
 *                      OtpType type = 6;         // 0 unspecified, 1 HOTP, 2 TOTP
 *                      int64 counter = 7; }
 */

import { base32nopad } from '@scure/base';
import { fromBase64 } from '../crypto/encoding';

export interface MigratedAccount {
  /** The account name without the "Issuer:" prefix Google puts before it. */
  readonly name: string;
  readonly issuer: string;
  /** An otpauth://totp/ URI with the secret, or null when the account cannot give TOTP codes. */
  readonly uri: string | null;
  /** Why `uri` is null (counter-based or MD5 accounts), for people. */
  readonly problem?: string;
}

export interface MigrationBatch {
  readonly accounts: MigratedAccount[];
  /** 0-based position of this QR code among the export's codes, and how many there are (1 if unsaid). */
  readonly batchIndex: number;
  readonly batchSize: number;
}

const SCHEME = /^otpauth-migration:\/\/offline\?/i;

export function isMigrationUri(text: string): boolean {
  return SCHEME.test(text.trim());
}

/** Decodes one export link. Throws SyntaxError with a message for people when it is not one. */
export function parseMigrationUri(text: string): MigrationBatch {
  const trimmed = text.trim();
  if (!isMigrationUri(trimmed)) throw new SyntaxError('This is not a Google Authenticator export link.');
  // URLSearchParams turns a '+' left unencoded into a space; base64 has no spaces, so put it back.
  const data = new URLSearchParams(trimmed.slice(trimmed.indexOf('?') + 1)).get('data')?.replace(/ /g, '+');
  if (!data) throw new SyntaxError('The Google Authenticator export link has no data.');
  let bytes: Uint8Array;
  try {
    bytes = fromBase64(data.padEnd(Math.ceil(data.length / 4) * 4, '='));
  } catch {
    throw new SyntaxError('The Google Authenticator export link is damaged (its data is not base64).');
  }
  try {
    return readPayload(bytes);
  } catch {
    throw new SyntaxError('The Google Authenticator export link is damaged (its data cannot be read).');
  }
}

// ---- protocol buffers wire format (protobuf.dev/programming-guides/encoding) --------------------

type Field = { number: number; varint?: number; bytes?: Uint8Array };

/** Every field of one message, in order. Throws RangeError on truncated or malformed input. */
function readFields(buf: Uint8Array): Field[] {
  const fields: Field[] = [];
  let pos = 0;
  const varint = (): number => {
    let value = 0;
    for (let shift = 0; shift < 64; shift += 7) {
      if (pos >= buf.length) throw new RangeError('truncated varint');
      const byte = buf[pos++]!;
      // Only the low 53 bits are kept exactly; counters and enums never come near that.
      value += (byte & 0x7f) * 2 ** shift;
      if ((byte & 0x80) === 0) return value;
    }
    throw new RangeError('varint too long');
  };
  while (pos < buf.length) {
    const key = varint();
    const number = Math.floor(key / 8);
    const wire = key % 8;
    if (wire === 0) fields.push({ number, varint: varint() });
    else if (wire === 2) {
      const length = varint();
      if (pos + length > buf.length) throw new RangeError('truncated field');
      fields.push({ number, bytes: buf.subarray(pos, pos + length) });
      pos += length;
    } else if (wire === 1) pos += 8;
    else if (wire === 5) pos += 4;
    else throw new RangeError(`unsupported wire type ${wire}`);
    if (pos > buf.length) throw new RangeError('truncated fixed field');
  }
  return fields;
}

const ALGORITHMS: Record<number, string> = { 0: 'SHA1', 1: 'SHA1', 2: 'SHA256', 3: 'SHA512' };
const DIGITS: Record<number, number> = { 0: 6, 1: 6, 2: 8 };
const text = new TextDecoder('utf-8', { fatal: true });

function readPayload(bytes: Uint8Array): MigrationBatch {
  const accounts: MigratedAccount[] = [];
  let batchSize = 1;
  let batchIndex = 0;
  for (const field of readFields(bytes)) {
    if (field.number === 1 && field.bytes) accounts.push(readAccount(field.bytes));
    else if (field.number === 3 && field.varint !== undefined) batchSize = Math.max(1, field.varint);
    else if (field.number === 4 && field.varint !== undefined) batchIndex = field.varint;
  }
  return { accounts, batchIndex, batchSize };
}

function readAccount(bytes: Uint8Array): MigratedAccount {
  let secret: Uint8Array = new Uint8Array(0);
  let label = '';
  let issuer = '';
  let algorithm = 0;
  let digits = 0;
  let type = 0;
  for (const f of readFields(bytes)) {
    if (f.number === 1 && f.bytes) secret = f.bytes;
    else if (f.number === 2 && f.bytes) label = text.decode(f.bytes);
    else if (f.number === 3 && f.bytes) issuer = text.decode(f.bytes);
    else if (f.number === 4) algorithm = f.varint ?? 0;
    else if (f.number === 5) digits = f.varint ?? 0;
    else if (f.number === 6) type = f.varint ?? 0;
  }
  // Google writes the label as "Issuer:account"; the issuer is kept in its own field.
  const name = issuer && label.startsWith(`${issuer}:`) ? label.slice(issuer.length + 1) : label;
  const base = { name: name.trim(), issuer: issuer.trim() };
  if (type === 1) return { ...base, uri: null, problem: 'a counter-based (HOTP) account' };
  const algorithmName = ALGORITHMS[algorithm];
  const digitCount = DIGITS[digits];
  if (!algorithmName || !digitCount)
    return { ...base, uri: null, problem: 'an algorithm Tessera does not support' };
  if (secret.length === 0) return { ...base, uri: null, problem: 'no secret' };
  const labelPart = base.issuer
    ? `${encodeURIComponent(base.issuer)}:${encodeURIComponent(base.name)}`
    : encodeURIComponent(base.name);
  const query = new URLSearchParams({ secret: base32nopad.encode(secret) });
  if (base.issuer) query.set('issuer', base.issuer);
  query.set('algorithm', algorithmName);
  query.set('digits', String(digitCount));
  query.set('period', '30');
  return { ...base, uri: `otpauth://totp/${labelPart}?${query.toString()}` };
}
