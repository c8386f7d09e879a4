/**
 * Picks the importer for a file from its name and content (zip entries, JSON shape, CSV headings).
 *
 * Safety fact: detection only reads; when nothing fits it throws ImportError('unknown-format')
 * saying what the file looked like, and the person can still pick a format by hand.
 */

import { decodeText, isZip } from './decode';
import { ImportError } from './errors';
import { looksLikeJson, readJson } from './json';
import { checkFileSize } from './limits';
import { IMPORTERS } from './registry';
import type { Importer, ImportInput } from './types';
import { zipEntryNames } from './zip';

export interface Detection {
  importer: Importer;
  /** 0..1; below 0.5 means a guess (the generic CSV importer, which needs its mapping checked). */
  confidence: number;
}

/** The best importer for the file. Throws ImportError (too large, empty, encoding, unknown format). */
export function detectFormat(input: ImportInput): Detection {
  checkFileSize(input.name, input.bytes.length);
  if (input.bytes.length === 0) throw new ImportError('empty', 'The file is empty.');
  let best: Detection | null = null;
  for (const importer of IMPORTERS) {
    const confidence = importer.detect(input);
    if (confidence > 0 && (!best || confidence > best.confidence)) best = { importer, confidence };
  }
  if (best) return best;
  throw unknown(input);
}

const SUPPORTED =
  'Tessera reads exports from Bitwarden (JSON, ZIP, CSV), Chrome and Edge, Firefox, KeePassXC (CSV), 1Password (1PUX, CSV), mSecure, Proton Pass (JSON, ZIP, CSV) and other CSV files with a heading row.';

/** Why no importer took the file, in the most specific words available. */
function unknown(input: ImportInput): ImportError {
  if (isZip(input.bytes)) {
    // A zip whose directory cannot be read was cut off or damaged: say that, not "wrong manager".
    if (zipEntryNames(input) === null) {
      const what = /\.1pux$/i.test(input.name) ? 'This 1Password export (.1pux)' : 'This zip archive';
      return new ImportError(
        'malformed',
        `${what} is damaged or cut off: its table of contents cannot be read, so Tessera cannot tell what it holds. Export it again.`,
      );
    }
    return new ImportError(
      'unknown-format',
      `This zip archive is not an export Tessera recognises: it holds no 1Password export.data and no Bitwarden or Proton Pass data.json. ${SUPPORTED}`,
    );
  }
  const text = decodeText(input); // throws the encoding error when that is the problem
  if (!text.trim()) return new ImportError('empty', 'The file is empty.');
  if (looksLikeJson(text)) {
    readJson(input); // throws when the JSON itself is damaged or cut off
    return new ImportError(
      'unknown-format',
      `This JSON file is not an export Tessera recognises. ${SUPPORTED}`,
    );
  }
  return new ImportError(
    'unknown-format',
    `The file's columns do not match any export Tessera knows, and none looks like a name, URL, username or password. ${SUPPORTED}`,
  );
}
