/**
 * Bytes to text for text exports (CSV, JSON): UTF-8 with or without a byte-order mark, and UTF-16
 * (little or big endian) with one. Anything else is refused with a message saying what the file
 * looks like, because guessing a legacy code page would silently change passwords.
 *
 * Safety fact: the result is cached per byte array, so detection and parsing decode a 30 MB file
 * once; callers must not mutate the bytes after handing them in.
 */

import { ImportError } from './errors';
import { checkFileSize } from './limits';
import type { ImportInput } from './types';

const cache = new WeakMap<Uint8Array, string | ImportError>();

/** True when the bytes start like a zip archive (local file header "PK\x03\x04", or an empty zip). */
export function isZip(bytes: Uint8Array): boolean {
  return (
    bytes.length >= 4 &&
    bytes[0] === 0x50 &&
    bytes[1] === 0x4b &&
    ((bytes[2] === 0x03 && bytes[3] === 0x04) || (bytes[2] === 0x05 && bytes[3] === 0x06))
  );
}

/** Decodes a text export, or throws ImportError naming why it is not readable text. */
export function decodeText(input: ImportInput): string {
  let cached = cache.get(input.bytes);
  if (cached === undefined) {
    try {
      cached = decode(input);
    } catch (err) {
      if (!(err instanceof ImportError)) throw err;
      cached = err;
    }
    cache.set(input.bytes, cached);
  }
  if (cached instanceof ImportError) throw cached;
  return cached;
}

function decode(input: ImportInput): string {
  const { bytes } = input;
  checkFileSize(input.name, bytes.length);
  if (bytes.length === 0) throw new ImportError('empty', 'The file is empty.');
  if (isZip(bytes)) {
    throw new ImportError(
      'unknown-format',
      'This is a zip archive, not a text export. Tessera reads zip archives only from 1Password (.1pux), Bitwarden (.zip with attachments) and Proton Pass (.zip).',
    );
  }

  let text: string;
  const b0 = bytes[0];
  const b1 = bytes[1];
  if (b0 === 0xff && b1 === 0xfe) {
    if (bytes[2] === 0 && bytes[3] === 0) throw notSupported('UTF-32');
    text = strictDecode('utf-16le', bytes, 'UTF-16');
  } else if (b0 === 0xfe && b1 === 0xff) {
    text = strictDecode('utf-16be', bytes, 'UTF-16');
  } else if (b0 === 0 && b1 === 0 && bytes[2] === 0xfe && bytes[3] === 0xff) {
    throw notSupported('UTF-32');
  } else {
    if (looksLikeUtf16WithoutBom(bytes)) {
      throw new ImportError(
        'encoding',
        'The file looks like UTF-16 text without a byte-order mark, which cannot be read safely. Save it as UTF-8 and try again.',
      );
    }
    // The UTF-8 decoder drops a leading byte-order mark (ignoreBOM: false, the default).
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      const at = firstInvalidUtf8(bytes);
      const line = lineOfByte(bytes, at);
      throw new ImportError(
        'encoding',
        `The file is not UTF-8 text (invalid byte at line ${line}). If it is a password export, save it as UTF-8 and try again; if not, it is not a file Tessera can import.`,
      );
    }
  }
  if (text.includes('\u0000')) {
    throw new ImportError(
      'encoding',
      'The file contains binary data (NUL characters), so it is not a text export Tessera can read.',
    );
  }
  return text;
}

function notSupported(encoding: string): ImportError {
  return new ImportError(
    'encoding',
    `The file is ${encoding} text, which Tessera cannot read. Save it as UTF-8.`,
  );
}

function strictDecode(label: 'utf-16le' | 'utf-16be', bytes: Uint8Array, shown: string): string {
  if (bytes.length % 2 !== 0) {
    throw new ImportError(
      'encoding',
      `The file is ${shown} text but has an odd number of bytes; it may be cut off.`,
    );
  }
  try {
    return new TextDecoder(label, { fatal: true }).decode(bytes);
  } catch {
    throw new ImportError('encoding', `The file is marked as ${shown} text but is not valid ${shown}.`);
  }
}

/** Many zero bytes in the even or odd positions of the first kilobyte: UTF-16 of mostly ASCII text. */
function looksLikeUtf16WithoutBom(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 1024) & ~1;
  if (n < 4) return false;
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) evenZeros += 1;
    if (bytes[i + 1] === 0) oddZeros += 1;
  }
  const pairs = n / 2;
  return Math.max(evenZeros, oddZeros) > pairs * 0.4 && Math.min(evenZeros, oddZeros) < pairs * 0.05;
}

/** Offset of the first byte that breaks UTF-8 (RFC 3629 section 4), for the error message. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    let need = 0;
    let min = 0;
    if (b < 0x80) {
      i += 1;
      continue;
    }
    if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k += 1) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return bytes.length;
}

function lineOfByte(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < bytes.length; i += 1) if (bytes[i] === 0x0a) line += 1;
  return line;
}
