/**
 * Every importer, one line each. Adding a format is one file in importers/, one line here and
 * its test. Order breaks ties in detection: the more specific format first.
 */

import { bitwardenCsv } from './importers/bitwarden-csv';
import { bitwardenJson } from './importers/bitwarden-json';
import { chromeCsv } from './importers/chrome-csv';
import { firefoxCsv } from './importers/firefox-csv';
import { genericCsv } from './importers/generic-csv';
import { keepassxcCsv } from './importers/keepassxc-csv';
import { msecureCsv } from './importers/msecure-csv';
import { onePassword1pux } from './importers/onepassword-1pux';
import { onePasswordCsv } from './importers/onepassword-csv';
import { otpauthLinks } from './importers/otpauth-links';
import { protonPassCsv } from './importers/protonpass-csv';
import { protonPassJson } from './importers/protonpass-json';
import { tesseraCsv } from './importers/tessera-csv';
import type { Importer } from './types';

export const IMPORTERS: readonly Importer[] = [
  tesseraCsv,
  bitwardenJson,
  bitwardenCsv,
  onePassword1pux,
  onePasswordCsv,
  protonPassJson,
  protonPassCsv,
  firefoxCsv,
  chromeCsv,
  keepassxcCsv,
  msecureCsv,
  otpauthLinks,
  genericCsv,
];

export function importerById(id: string): Importer | undefined {
  return IMPORTERS.find((i) => i.id === id);
}

/** Every file ending an importer reads, for the file picker's accept attribute. */
export function acceptedExtensions(): string[] {
  return [...new Set(IMPORTERS.flatMap((i) => i.extensions))];
}
