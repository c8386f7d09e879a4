/**
 * Every user-facing string goes through t(): the text lives in public/_locales/<lang>/messages.json
 * and the browser picks the user's language (chrome.i18n, WebExtensions i18n API).
 *
 * Safety fact: a missing key renders as the key itself, never as an empty string, so a forgotten
 * message is visible on screen and in tests instead of silently blank.
 */

import { browser } from 'wxt/browser';
import type messages from '../../public/_locales/en/messages.json';

/** Keys of the English catalogue, checked by the type-checker at every t() call. */
export type MessageKey = keyof typeof messages;

export type Substitution = string | number;

type GetMessage = (name: string, substitutions?: string | string[]) => string;

// WXT types getMessage with one overload per key; the key is already checked through MessageKey.
const getMessage = (name: string, substitutions?: string[]): string =>
  (browser.i18n.getMessage as GetMessage)(name, substitutions);

/** The localized message for `key`, with $1..$9 (or named placeholders) filled in order. */
export function t(key: MessageKey, substitutions?: Substitution | readonly Substitution[]): string {
  const list =
    substitutions === undefined ? undefined : Array.isArray(substitutions) ? substitutions : [substitutions];
  const text = getMessage(key, list?.map(formatSubstitution));
  return text || key;
}

/** Picks the singular or plural message for `count` (English needs only one/other). */
export function tCount(count: number, one: MessageKey, other: MessageKey): string {
  return t(count === 1 ? one : other, count);
}

function formatSubstitution(value: Substitution): string {
  return typeof value === 'number' ? value.toLocaleString() : value;
}
