/**
 * URLs as the item form edits them (one per line) and as the list and item view show them, and
 * origins as the options page lists them.
 *
 * Safety fact: only http(s) URLs are ever rendered as links. A stored URL comes from the user, an
 * import or a web page, and a "javascript:" or "data:" link must never be clickable.
 */

import { LIMITS } from '../vault/limits';

const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:\/\//i;

/**
 * Lines of the URL field to the list stored on the item: trimmed, blank lines and duplicates
 * dropped, and "https://" added to a bare host ("example.com/login"), as people type them.
 */
export function parseUrlLines(text: string): string[] {
  const seen = new Set<string>();
  const urls: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const trimmed = line.trim();
    if (!trimmed) continue;
    const url = HAS_SCHEME.test(trimmed) ? trimmed : `https://${trimmed}`;
    if (seen.has(url)) continue;
    seen.add(url);
    urls.push(url);
  }
  return urls;
}

export function formatUrlLines(urls: readonly string[]): string {
  return urls.join('\n');
}

export type UrlProblem = { kind: 'too-many'; max: number } | { kind: 'too-long'; max: number; line: number };

/** Checks the parsed URLs against the vault's limits, so the form can say what is wrong. */
export function urlProblem(urls: readonly string[]): UrlProblem | null {
  if (urls.length > LIMITS.urls) return { kind: 'too-many', max: LIMITS.urls };
  const long = urls.findIndex((url) => url.length > LIMITS.url);
  return long >= 0 ? { kind: 'too-long', max: LIMITS.url, line: long + 1 } : null;
}

/** The URL as a link target when it is http(s), else null (shown as plain text). */
export function safeHref(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
  } catch {
    return null;
  }
}

/** A short label for the list row: the host without "www.", or the text itself if unparsable. */
export function displayHost(url: string): string {
  try {
    const host = new URL(url).hostname;
    return host ? host.replace(/^www\./, '') : url;
  } catch {
    return url;
  }
}

/**
 * How a stored origin is named to the person: the host (with a port other than 443) for https,
 * the whole origin for anything else, so an answer given on an http page is told apart from the
 * https site. Hosts stay in their ASCII form (xn--...), as stored, so a look-alike Unicode name
 * cannot pass for another site. Unparsable text is shown as it is.
 */
export function originLabel(origin: string): string {
  try {
    const url = new URL(origin);
    return url.protocol === 'https:' ? url.host : url.origin;
  } catch {
    return origin;
  }
}

/** Origins in reading order: by host name, then https first, then port, so one site's entries sit together. */
export function sortOrigins(origins: readonly string[]): string[] {
  const keyed = origins.map((origin) => ({ origin, key: originSortKey(origin) }));
  keyed.sort((a, b) => compareKeys(a.key, b.key));
  return keyed.map((entry) => entry.origin);
}

function originSortKey(origin: string): readonly [string, number, number, string] {
  try {
    const url = new URL(origin);
    const https = url.protocol === 'https:';
    return [url.hostname, https ? 0 : 1, Number(url.port || (https ? 443 : 80)), origin];
  } catch {
    return [origin, 2, 0, origin];
  }
}

function compareKeys(a: readonly (string | number)[], b: readonly (string | number)[]): number {
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}
