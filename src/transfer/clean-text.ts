/**
 * The one text normalisation every import applies to every value, and both plaintext exports apply
 * on the way out, so that what Tessera writes it can always read back.
 *
 * Removed: control characters (Unicode category Cc: U+0000-U+001F, U+007F-U+009F) other than tab,
 * line feed and carriage return; and unpaired UTF-16 surrogates, which no file encoding can carry
 * (UTF-8 writes them as U+FFFD, so they would come back changed).
 *
 * Why remove rather than escape: a NUL in a CSV makes the file look binary (decode.ts refuses it,
 * as any text tool would), and no manager's export format defines an escape for it. These
 * characters cannot be typed and carry no meaning in a name, password or note; an import that
 * removes one says so in the preview (ResultBuilder records the item as changed).
 */

import type { ItemInput } from '../vault/types';

// Cc without \t (09), \n (0A) and \r (0D); then a high surrogate not followed by a low one, or a
// low surrogate not preceded by a high one.
const UNWANTED =
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is its job.
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** The text without control characters (tab and line breaks kept) and unpaired surrogates. */
export function cleanText(text: string): string {
  return text.replace(UNWANTED, '');
}

/**
 * A URL as every import stores it and every export writes it: cleanText, then without tabs and
 * line breaks, which the WHATWG URL parser removes from any URL anyway (so they carry no meaning),
 * and which Tessera's CSV uses to separate URLs in their cell; then trimmed.
 */
export function cleanUrl(url: string): string {
  return cleanText(url)
    .replace(/[\t\r\n]/g, '')
    .trim();
}

/** True when cleanText would change the text. */
export function needsCleaning(text: string): boolean {
  UNWANTED.lastIndex = 0;
  const found = UNWANTED.test(text);
  UNWANTED.lastIndex = 0;
  return found;
}

type Texts = Pick<ItemInput, 'name' | 'username' | 'password' | 'notes' | 'totp' | 'urls' | 'fields'>;

/**
 * The item with every value cleaned (URLs with cleanUrl). Exports clean the item before writing
 * it, never the written text: removing a character from a JSON-escaped cell could join two
 * escaped halves of a surrogate pair into a character the item never had.
 */
export function cleanItemText<T extends Texts>(item: T): T {
  return {
    ...item,
    name: cleanText(item.name),
    username: cleanText(item.username),
    password: cleanText(item.password),
    notes: cleanText(item.notes),
    totp: cleanText(item.totp),
    urls: item.urls.map(cleanUrl),
    fields: item.fields.map((f) => ({
      name: cleanText(f.name),
      value: cleanText(f.value),
      hidden: f.hidden,
    })),
  };
}

/** True when cleanItemText would change the item. */
export function itemNeedsCleaning(item: Texts): boolean {
  return (
    [item.name, item.username, item.password, item.notes, item.totp].some(needsCleaning) ||
    item.urls.some((u) => cleanUrl(u) !== u.trim()) ||
    item.fields.some((f) => needsCleaning(f.name) || needsCleaning(f.value))
  );
}
