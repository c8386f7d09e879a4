// Shared helpers for the import/export tests: corpus samples as ImportInput, inline text files,
// and a compact way to look at one item's custom fields.

import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { expect } from 'vitest';
import { ImportError } from '../../../src/transfer/errors';
import type { ImportInput, ImportResult } from '../../../src/transfer/types';
import { passwordSetAt } from '../../../src/vault/password-age';
import type { Item, ItemInput } from '../../../src/vault/types';
import { sharedCorpus } from '../shared-corpus';

/** The shared corpus's imports/ folder, or null (after a skip notice) when it is absent. */
export const IMPORTS = sharedCorpus('imports');

/** A corpus sample as an ImportInput (file name and bytes as the options page would read them). */
export function sample(...segments: string[]): ImportInput {
  const path = `${IMPORTS}/${segments.join('/')}`;
  return { name: basename(path), bytes: new Uint8Array(readFileSync(path)) };
}

export function sampleText(...segments: string[]): string {
  return readFileSync(`${IMPORTS}/${segments.join('/')}`, 'utf8');
}

export function sampleJson<T>(...segments: string[]): T {
  return JSON.parse(sampleText(...segments)) as T;
}

export function textFile(name: string, text: string): ImportInput {
  return { name, bytes: new TextEncoder().encode(text) };
}

/** An unencrypted Proton Pass JSON export (data.json) with one vault, "Personal", holding `items`. */
export function protonPassFile(items: unknown[]): ImportInput {
  return textFile(
    'data.json',
    JSON.stringify({
      version: '1.30.0',
      userId: 'u',
      encrypted: false,
      vaults: { v: { name: 'Personal', items } },
    }),
  );
}

/** The item's fields as [name, value, hidden] triples, for exact comparisons that read well. */
export function fieldsOf(item: ItemInput | undefined): [string, string, boolean][] {
  return (item?.fields ?? []).map((f) => [f.name, f.value, f.hidden]);
}

export function field(item: ItemInput | undefined, name: string): string | undefined {
  return item?.fields.find((f) => f.name === name)?.value;
}

/** Runs `fn`, expects an ImportError, and returns it for further checks. */
export function importError(fn: () => unknown): ImportError {
  let thrown: unknown;
  try {
    fn();
  } catch (err) {
    thrown = err;
  }
  expect(thrown).toBeInstanceOf(ImportError);
  return thrown as ImportError;
}

/** The result's shape invariants every importer must keep. */
export function expectConsistent(result: ImportResult): void {
  expect(result.kinds).toHaveLength(result.items.length);
  expect(result.rows).toHaveLength(result.items.length);
}

/**
 * What a Bitwarden JSON round trip adds to an item: the date of its password, which Tessera's
 * export writes as passwordRevisionDate (dates before 1990 are not read back: src/transfer/dates.ts).
 */
export function withPasswordDate(
  input: ItemInput,
  item: Pick<Item, 'passwordChangedAt' | 'updatedAt'>,
): ItemInput {
  const ms = passwordSetAt(item);
  return ms >= Date.UTC(1990, 0, 1) ? { ...input, passwordChangedAt: ms } : input;
}
