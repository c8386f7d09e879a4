/**
 * Proton Pass item content to Tessera fields, shared by the JSON and CSV importers (the CSV puts a
 * card's or identity's content into its note as JSON).
 *
 * Safety fact: unknown content keys are kept as custom fields rather than dropped, so an item
 * type Proton adds later still arrives with its data; keys naming secrets are kept hidden.
 */

import { arr, isObject, type JsonObject, obj, str } from '../json';
import { type FieldList, humanize } from '../result';
import type { ItemKind } from '../types';
import type { RuledUrl } from '../url-rules';

export const KIND: Record<string, ItemKind> = {
  login: 'login',
  alias: 'login',
  note: 'note',
  creditCard: 'card',
  identity: 'identity',
};

const SECRET = new Set([
  'number',
  'verificationNumber',
  'pin',
  'password',
  'privateKey',
  'socialSecurityNumber',
  'passportNumber',
  'licenseNumber',
]);

/** Content keys that are not data, or that the caller maps to item slots itself. */
const NOT_FIELDS = new Set([
  'itemEmail',
  'itemUsername',
  'username',
  'password',
  'urls',
  'autofillUrls',
  'totpUri',
  'passkeys',
  'note',
]);

/**
 * Proton Pass writes these enums (from its item protobufs) as numbers; the field shows the word.
 * 0 is "unspecified", which is no data. A number not listed is kept as "Unknown (n)".
 */
const ENUMS: Record<string, { label: string; words: Record<number, string> }> = {
  cardType: {
    label: 'Card type',
    words: { 1: 'Other', 2: 'Visa', 3: 'Mastercard', 4: 'American Express' },
  },
  security: {
    label: 'Security',
    words: { 1: 'WPA', 2: 'WPA2', 3: 'WPA3', 4: 'WEP' },
  },
};

function enumWord(key: string, value: unknown): string {
  const words = ENUMS[key]!.words;
  if (typeof value !== 'number') return str(value);
  if (value === 0) return '';
  return words[value] ?? `Unknown (${value})`;
}

const LABELS: Record<string, string> = {
  verificationNumber: 'Security code',
  number: 'Number',
  pin: 'PIN',
  xHandle: 'X handle',
  ssid: 'SSID',
};

/** Proton's "extra field" shape: { fieldName, type: text|hidden|totp|timestamp, data: {...} }. */
export function readExtraField(raw: unknown, fields: FieldList, totp: { value: string }): void {
  const f = obj(raw);
  const data = obj(f.data);
  const name = str(f.fieldName);
  if (f.type === 'totp') {
    const uri = str(data.totpUri);
    if (!totp.value && uri.trim()) totp.value = uri;
    else fields.add(name, uri, true);
  } else if (f.type === 'timestamp') {
    const seconds = typeof data.timestamp === 'number' ? data.timestamp : Number.NaN;
    const date = new Date(seconds * 1000);
    fields.add(name, Number.isNaN(date.getTime()) ? str(data.timestamp) : date.toISOString().slice(0, 10));
  } else {
    fields.add(name, str(data.content), f.type === 'hidden');
  }
}

/**
 * The content of a non-login item (card, identity, Wi-Fi, SSH key, custom): string values
 * become fields, "extra…" lists and sections become fields by their own names.
 */
export function readContentFields(content: JsonObject, fields: FieldList, totp: { value: string }): void {
  for (const [key, value] of Object.entries(content)) {
    if (NOT_FIELDS.has(key)) continue;
    if (key in ENUMS) {
      fields.add(ENUMS[key]!.label, enumWord(key, value));
    } else if (Array.isArray(value)) {
      for (const entry of value) {
        const e = obj(entry);
        if (Array.isArray(e.sectionFields))
          for (const f of arr(e.sectionFields)) readExtraField(f, fields, totp);
        else readExtraField(e, fields, totp);
      }
    } else if (!isObject(value)) {
      fields.add(
        LABELS[key] ?? humanize(key),
        key === 'expirationDate' ? expiry(str(value)) : str(value),
        SECRET.has(key),
      );
    }
  }
}

/** Proton writes card expiry as "YYYY-MM" (older versions "MMYYYY"); both read as "01/2025". */
function expiry(value: string): string {
  const v = value.trim();
  const iso = /^(\d{4})-(\d{2})$/.exec(v);
  if (iso) return `${iso[2]}/${iso[1]}`;
  const old = /^(\d{2})(\d{4})$/.exec(v);
  return old ? `${old[1]}/${old[2]}` : value;
}

/**
 * Proton Pass's autofill URLs ([{ url, mode }], or plain strings in older exports) with their
 * rules. A mode this importer does not know is passed on as unknown, which url-rules.ts keeps out
 * of autofill and names in the preview, rather than guessed to fill.
 */
export function readAutofillUrls(list: readonly unknown[]): RuledUrl[] {
  return list.map((entry) => {
    if (!isObject(entry)) return { url: str(entry), rule: null };
    const url = str(entry.url);
    const mode = entry.mode;
    if (mode === undefined || mode === null || mode === 0) return { url, rule: null };
    const word = str(mode).trim().toLowerCase();
    if (['', 'default', 'domain', 'auto', 'automatic'].includes(word)) return { url, rule: null };
    if (['never', 'disabled', 'none', 'off'].includes(word)) return { url, rule: 'never' };
    if (['host', 'hostname', 'exact', 'strict', 'subdomain'].includes(word)) return { url, rule: 'host' };
    return { url, rule: null, unknownRule: str(mode) || JSON.stringify(mode) };
  });
}
