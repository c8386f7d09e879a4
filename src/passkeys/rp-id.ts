/**
 * Which relying party ids a caller may use: WebAuthn Level 3 §5.1.3 steps 7-8 and §5.1.4 steps
 * 7-8, with HTML's "is a registrable domain suffix of or is equal to".
 *
 * Safety fact: the origin passed here must be the one the browser reported for the sender frame
 * (runtime.MessageSender), never a value the page wrote. Given that, a page can only get a
 * signature for its own host or a registrable parent of it.
 *
 * Rules, each at least as strict as Chromium's own implementation
 * (../shared/notes/webauthn-chromium.md):
 * - the origin is https, or http on localhost / *.localhost (secure contexts by definition);
 *   anything else, including an opaque ("null") origin from a sandboxed frame, is refused;
 * - the origin's host is not an IP address: the spec allows an RP ID equal to an IP host, but
 *   Chromium refuses IP origins for WebAuthn altogether, and so do we;
 * - the RP ID is the host itself or a parent domain of it, compared label by label in ASCII
 *   (IDNs in punycode, as the WHATWG URL parser writes hosts);
 * - the RP ID is never a public suffix (Public Suffix List via tldts, private section included:
 *   "github.io" is refused for "a.github.io", as "co.uk" is for "a.co.uk"); on localhost the RP ID
 *   must equal the host.
 */

import { parse } from 'tldts';
import { PasskeyError } from './errors';

export type RpIdCheck = { ok: true; rpId: string } | { ok: false; error: PasskeyError };

/** Characters that can never be in a domain: they would make "example.com/evil" or "a@b" parse. */
const NOT_IN_A_DOMAIN = /[\s/\\:@?#%[\]]/;

/**
 * The caller's origin as a URL, if WebAuthn may run there at all: https, or http on a localhost
 * name, with a host that is a domain (not an IP address). Throws PasskeyError otherwise.
 */
export function secureCallerUrl(origin: string): URL {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    throw new PasskeyError('SecurityError', 'The calling page has no origin that passkeys can be used on.');
  }
  // A URL whose origin is not itself ("null" for data:, blob: or sandboxed documents) has no host to check.
  if (url.origin !== origin.replace(/\/$/, '') || url.origin === 'null') {
    throw new PasskeyError('SecurityError', 'The calling page has no origin that passkeys can be used on.');
  }
  const host = url.hostname;
  const localhost = isLocalhost(host);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && localhost)) {
    throw new PasskeyError('SecurityError', 'Passkeys work only on https pages (and http://localhost).');
  }
  if (isIpAddress(host)) {
    throw new PasskeyError('SecurityError', 'Passkeys do not work on pages addressed by an IP address.');
  }
  return url;
}

/**
 * Checks the RP ID a page asked for (or, when it named none, takes the origin's host) against the
 * caller's origin. Returns the RP ID to use, in ASCII lower case.
 */
export function checkRpId(rpId: string | undefined, origin: string): RpIdCheck {
  try {
    const host = secureCallerUrl(origin).hostname;
    const wanted = rpId === undefined ? host : asciiDomain(rpId);
    if (wanted === undefined) return refuse(`"${short(rpId)}" is not a domain name.`);
    if (wanted !== host && !host.endsWith(`.${wanted}`)) {
      return refuse(`This page (${host}) cannot use passkeys for ${wanted}.`);
    }
    if (isLocalhost(host)) {
      return wanted === host ? { ok: true, rpId: wanted } : refuse(`${wanted} is not this page's host.`);
    }
    if (isPublicSuffix(wanted)) {
      return refuse(`${wanted} is a public suffix shared by many sites; a passkey cannot belong to it.`);
    }
    return { ok: true, rpId: wanted };
  } catch (err) {
    if (err instanceof PasskeyError) return { ok: false, error: err };
    throw err;
  }
}

function refuse(message: string): RpIdCheck {
  return { ok: false, error: new PasskeyError('SecurityError', message) };
}

/** The RP ID as the URL parser writes a host (lower case, punycode), or undefined if it is no domain. */
function asciiDomain(rpId: string): string | undefined {
  if (rpId === '' || rpId.length > 253 || NOT_IN_A_DOMAIN.test(rpId) || rpId.endsWith('.')) return undefined;
  let host: string;
  try {
    host = new URL(`https://${rpId}/`).hostname;
  } catch {
    return undefined;
  }
  return host === '' || isIpAddress(host) ? undefined : host;
}

function isPublicSuffix(domain: string): boolean {
  // No registrable domain: the name is a suffix itself (com, co.uk, github.io) or a bare label.
  return parse(domain, { allowPrivateDomains: true }).domain === null;
}

function isLocalhost(host: string): boolean {
  return host === 'localhost' || host.endsWith('.localhost');
}

/** Hosts as the URL parser writes them: IPv6 in brackets, IPv4 in dotted decimal. */
function isIpAddress(host: string): boolean {
  return host.startsWith('[') || /^\d+\.\d+\.\d+\.\d+$/.test(host);
}

function short(s: string | undefined): string {
  return String(s).slice(0, 80);
}
