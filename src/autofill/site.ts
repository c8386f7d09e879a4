/**
 * A URL reduced to what matching compares: scheme, host, effective port and site (registrable
 * domain from the Public Suffix List, via tldts, private section included so that a.github.io and
 * b.github.io are different sites).
 *
 * Safety fact: hosts come only from the WHATWG URL parser, never from string slicing, so
 * "https://bank.com@evil.com" is evil.com, "https://evil.com/@bank.com" is evil.com, IDNs are
 * compared in punycode and IPv4 shorthands ("0x7f.1") in dotted form. IP literals, "localhost" and
 * other hosts without a registrable domain have no site: they match their exact host only.
 */

import { parse } from 'tldts';

export interface Endpoint {
  scheme: 'http:' | 'https:';
  /** Lower case, punycode, no trailing dot; IPv6 in brackets. */
  host: string;
  /** Effective port: the explicit one, else the scheme's default. */
  port: string;
  /** Whether the URL named a port that is not the scheme's default. */
  explicitPort: boolean;
  /** Registrable domain, or null (IP literal, localhost, a public suffix itself). */
  site: string | null;
}

const DEFAULT_PORT = { 'http:': '80', 'https:': '443' } as const;
const HAS_SCHEME = /^[a-z][a-z0-9+.-]*:/i;
const IPV4 = /^\d{1,3}(\.\d{1,3}){3}$/;

/**
 * Second-level labels that registries of country-code domains sell under (com.be, net.xx,
 * org.xx, ...) even where the Public Suffix List has no entry for them. Without this, tldts
 * reports amazon.com.be's registrable domain as "com.be", which would make every *.com.be one
 * site. Applied only under a two-letter country-code suffix, so go.com stays go.com.
 */
const GENERIC_SECOND_LEVEL = new Set([
  'com',
  'net',
  'org',
  'edu',
  'gov',
  'mil',
  'co',
  'ac',
  'or',
  'ne',
  'go',
  'gob',
]);

/**
 * Parses a page or item URL. `bareHostIsHttps` treats "bank.com/login" (no scheme, as people type
 * it into an item) as https. Anything but http(s) returns null: such URLs never match a page.
 */
export function parseEndpoint(url: string, bareHostIsHttps = false): Endpoint | null {
  const trimmed = url.trim();
  if (!trimmed) return null;
  const withScheme = bareHostIsHttps && !HAS_SCHEME.test(trimmed) ? `https://${trimmed}` : trimmed;
  let parsed: URL;
  try {
    parsed = new URL(withScheme);
  } catch {
    return null;
  }
  const scheme = parsed.protocol;
  if (scheme !== 'http:' && scheme !== 'https:') return null;
  const host = parsed.hostname.replace(/\.$/, '');
  if (!host) return null;
  return {
    scheme,
    host,
    port: parsed.port || DEFAULT_PORT[scheme],
    explicitPort: parsed.port !== '',
    site: siteOf(host),
  };
}

/** The registrable domain of a normalised host, or null when it has none. */
export function siteOf(host: string): string | null {
  if (host.startsWith('[') || IPV4.test(host)) return null;
  const info = parse(host, { allowPrivateDomains: true, extractHostname: false });
  if (!info.domain || info.isIp) return null;
  const suffix = info.publicSuffix ?? '';
  const label = info.domainWithoutSuffix ?? '';
  if (/^[a-z]{2}$/.test(suffix) && GENERIC_SECOND_LEVEL.has(label)) {
    const labels = host.split('.');
    const domainLabels = info.domain.split('.').length;
    return labels.length > domainLabels ? labels.slice(-(domainLabels + 1)).join('.') : info.domain;
  }
  return info.domain;
}
