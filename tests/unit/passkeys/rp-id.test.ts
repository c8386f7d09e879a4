// Which RP IDs a caller may use (src/passkeys/rp-id.ts): WebAuthn §5.1.3 steps 7-8 with the Public
// Suffix List, refusing at least what Chromium refuses (../shared/notes/webauthn-chromium.md).
import { describe, expect, it } from 'vitest';
import { checkRpId } from '../../../src/passkeys/rp-id';

const allowed: [rpId: string | undefined, origin: string, expected: string][] = [
  [undefined, 'https://example.com', 'example.com'],
  ['example.com', 'https://example.com', 'example.com'],
  ['example.com', 'https://login.example.com', 'example.com'],
  ['login.example.com', 'https://login.example.com', 'login.example.com'],
  ['example.com', 'https://a.b.example.com:8443', 'example.com'],
  ['EXAMPLE.com', 'https://example.com', 'example.com'],
  ['example.co.uk', 'https://www.example.co.uk', 'example.co.uk'],
  ['alice.github.io', 'https://alice.github.io', 'alice.github.io'],
  // IDN: the page's host arrives in punycode; a Unicode RP ID is compared in punycode too.
  ['bücher.example', 'https://xn--bcher-kva.example', 'xn--bcher-kva.example'],
  ['xn--bcher-kva.example', 'https://shop.xn--bcher-kva.example', 'xn--bcher-kva.example'],
  [undefined, 'http://localhost:3000', 'localhost'],
  ['localhost', 'http://localhost', 'localhost'],
  ['app.localhost', 'http://app.localhost:8080', 'app.localhost'],
  ['localhost', 'https://localhost', 'localhost'],
];

const refused: [why: string, rpId: string | undefined, origin: string][] = [
  ['another site', 'bank.com', 'https://evil.com'],
  ['a site that merely ends in the same letters', 'ample.com', 'https://example.com'],
  ['a child of the caller', 'login.example.com', 'https://example.com'],
  ['a sibling', 'a.example.com', 'https://b.example.com'],
  ['a look-alike suffix', 'example.com', 'https://example.com.evil.net'],
  ['a top-level domain', 'com', 'https://example.com'],
  ['an ICANN public suffix', 'co.uk', 'https://example.co.uk'],
  ['a private public suffix', 'github.io', 'https://alice.github.io'],
  ['a public suffix as the page itself', undefined, 'https://github.io'],
  ['plain http', undefined, 'http://example.com'],
  ['plain http with an RP ID', 'example.com', 'http://example.com'],
  ['another scheme', undefined, 'ftp://example.com'],
  ['an extension page', undefined, 'chrome-extension://abcdefghijklmnopabcdefghijklmnop'],
  ['an opaque origin (sandboxed frame)', undefined, 'null'],
  ['a data: URL', undefined, 'data:text/html,hi'],
  ['an IPv4 origin', undefined, 'https://192.0.2.1'],
  ['an IPv4 RP ID on its own origin', '192.0.2.1', 'https://192.0.2.1'],
  ['an IPv6 origin', undefined, 'https://[2001:db8::1]'],
  ['loopback by IP over http', undefined, 'http://127.0.0.1:8080'],
  ['localhost as the RP ID of a subdomain', 'localhost', 'http://app.localhost'],
  ['an RP ID with a path', 'example.com/evil', 'https://example.com'],
  ['an RP ID with a port', 'example.com:443', 'https://example.com'],
  ['an RP ID with credentials', 'user@example.com', 'https://example.com'],
  ['an RP ID with a trailing dot', 'example.com.', 'https://example.com'],
  ['an empty RP ID', '', 'https://example.com'],
  ['an RP ID with a space', 'exa mple.com', 'https://example.com'],
  ['a full URL as the origin', undefined, 'https://example.com/login'],
  ['an origin that is not a URL', undefined, 'example.com'],
];

describe('checkRpId', () => {
  it.each(allowed)('allows RP ID %s on %s', (rpId, origin, expected) => {
    expect(checkRpId(rpId, origin)).toEqual({ ok: true, rpId: expected });
  });

  it.each(refused)('refuses %s (%s on %s) with SecurityError', (_why, rpId, origin) => {
    const result = checkRpId(rpId, origin);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.error.name).toBe('SecurityError');
      expect(result.error.message.length).toBeGreaterThan(10);
    }
  });
});
