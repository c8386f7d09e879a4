/**
 * JSON exports: parsing with an error that says where the file is damaged or cut off, and small
 * readers that turn untrusted values into the expected type instead of throwing.
 *
 * Safety fact: the parsed value is cached per byte array and shared between detection and
 * parsing; importers must treat it as read-only.
 */

import { decodeText } from './decode';
import { ImportError } from './errors';
import type { ImportInput } from './types';

const cache = new WeakMap<Uint8Array, { value: unknown } | ImportError>();

/** True when the text's first non-blank character opens a JSON object or array. */
export function looksLikeJson(text: string): boolean {
  return /^\s*[[{]/.test(text);
}

/** The file's JSON value, or ImportError('malformed') naming the line where it breaks. */
export function readJson(input: ImportInput): unknown {
  let cached = cache.get(input.bytes);
  if (cached === undefined) {
    const text = decodeText(input);
    try {
      cached = { value: parseJsonText(text) };
    } catch (err) {
      if (!(err instanceof ImportError)) throw err;
      cached = err;
    }
    cache.set(input.bytes, cached);
  }
  if (cached instanceof ImportError) throw cached;
  return cached.value;
}

/** Like readJson, but undefined instead of an error: for detection, which must never throw. */
export function peekJson(input: ImportInput): unknown {
  try {
    const text = decodeText(input);
    if (!looksLikeJson(text)) return undefined;
    return readJson(input);
  } catch {
    return undefined;
  }
}

export function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    const position = /position (\d+)/.exec(message);
    if (position) {
      const at = Number(position[1]);
      if (text.slice(at).trim() === '') throw cutOff();
      const before = text.slice(0, at);
      const line = before.split('\n').length;
      const column = at - before.lastIndexOf('\n');
      throw new ImportError(
        'malformed',
        `The file is not valid JSON: it is damaged at line ${line}, column ${column}.`,
      );
    }
    // "Unexpected end of JSON input" and engine-specific wordings for a truncated file.
    if (/end|unterminated|eof/i.test(message)) throw cutOff();
    throw new ImportError('malformed', 'The file is not valid JSON; it may be damaged.');
  }
}

function cutOff(): ImportError {
  return new ImportError(
    'malformed',
    'The file ends in the middle of the data: it was cut off while saving or copying. Export it again.',
  );
}

// ---- readers for untrusted JSON -------------------------------------------------------------

export type JsonObject = Readonly<Record<string, unknown>>;

export function isObject(v: unknown): v is JsonObject {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** An object, or an empty one. */
export function obj(v: unknown): JsonObject {
  return isObject(v) ? v : {};
}

/** An array, or an empty one. */
export function arr(v: unknown): readonly unknown[] {
  return Array.isArray(v) ? v : [];
}

/** A string for strings, numbers and booleans; '' for anything else (null, objects, arrays). */
export function str(v: unknown): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return '';
}
