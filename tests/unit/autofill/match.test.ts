// URL matching: which items may fill on which page (src/autofill/match.ts, site.ts).
import { describe, expect, it } from 'vitest';
import { matchItem, rankMatches } from '@/src/autofill/match';
import { parseEndpoint, siteOf } from '@/src/autofill/site';
import type { UrlMatch } from '@/src/vault/types';
import { overview } from './overview';

const matches = (itemUrl: string, pageUrl: string, rule: UrlMatch = 'domain') =>
  matchItem([itemUrl], rule, pageUrl);

describe('attacks that must not match bank.com', () => {
  it.each([
    'https://evil.com/@bank.com',
    'https://bank.com@evil.com',
    'https://bank.com:x@evil.com/',
    'https://bank.com.evil.com/',
    'https://evil.com/?u=https://bank.com',
    'https://evil.com/#bank.com',
    'https://bank.co/',
    'https://bank.com-login.evil.com/',
    'https://xn--bnk-sna.com/', // a look-alike written in punycode
    'http://bank.com/', // https item, http page
    'https://bank.com:8443/',
    'javascript:alert(1)//bank.com',
    'data:text/html,https://bank.com',
    'file:///bank.com',
  ])('%s', (page) => {
    expect(matches('https://bank.com', page)).toBeNull();
    expect(matches('bank.com', page)).toBeNull();
  });
});

describe('sites from the Public Suffix List', () => {
  it('keeps different GitHub Pages users apart (private section)', () => {
    expect(siteOf('a.github.io')).toBe('a.github.io');
    expect(matches('https://a.github.io', 'https://b.github.io/')).toBeNull();
    expect(matches('https://a.github.io', 'https://x.a.github.io/')).toMatchObject({ reason: 'same-site' });
  });

  it('treats amazon.com.be as its own site, not com.be', () => {
    expect(siteOf('amazon.com.be')).toBe('amazon.com.be');
    expect(siteOf('www.amazon.com.be')).toBe('amazon.com.be');
    expect(matches('https://amazon.com.be', 'https://evil.com.be/')).toBeNull();
    expect(matches('https://amazon.com.be', 'https://www.amazon.com.be/')).toMatchObject({
      reason: 'same-site',
    });
  });

  it('uses ICANN multi-label suffixes', () => {
    expect(siteOf('a.b.bbc.co.uk')).toBe('bbc.co.uk');
    expect(matches('https://login.bbc.co.uk', 'https://www.bbc.co.uk/')).toMatchObject({
      reason: 'same-site',
    });
    expect(matches('https://bbc.co.uk', 'https://itv.co.uk/')).toBeNull();
  });

  it('does not stretch a generic-label rule to generic top-level domains', () => {
    expect(siteOf('espn.go.com')).toBe('go.com');
  });

  it('gives public suffixes, IPs and localhost no site', () => {
    expect(siteOf('github.io')).toBeNull();
    expect(siteOf('co.uk')).toBeNull();
    expect(siteOf('localhost')).toBeNull();
    expect(siteOf('127.0.0.1')).toBeNull();
    expect(siteOf('[::1]')).toBeNull();
  });
});

describe('rules', () => {
  it("'domain' matches the same host and other hosts of the site, exact first", () => {
    const exact = matches('https://accounts.example.com', 'https://accounts.example.com/login');
    const sibling = matches('https://accounts.example.com', 'https://www.example.com/');
    const parent = matches('https://accounts.example.com', 'https://example.com/');
    expect(exact).toMatchObject({ reason: 'exact-host', score: 100 });
    expect(sibling).toMatchObject({ reason: 'same-site', score: 50 });
    expect(parent).toMatchObject({ reason: 'same-site' });
    expect(exact!.score).toBeGreaterThan(sibling!.score);
  });

  it("'host' matches only the exact host", () => {
    expect(matches('https://accounts.example.com', 'https://accounts.example.com/x', 'host')).not.toBeNull();
    expect(matches('https://accounts.example.com', 'https://www.example.com/', 'host')).toBeNull();
    expect(matches('https://example.com', 'https://www.example.com/', 'host')).toBeNull();
  });

  it("'never' matches nothing, not even the exact URL", () => {
    expect(matches('https://example.com/login', 'https://example.com/login', 'never')).toBeNull();
  });

  it('takes the best of several URLs and reports which one', () => {
    const result = matchItem(
      ['https://other.com', 'https://www.example.com', 'https://example.com'],
      'domain',
      'https://example.com/',
    );
    expect(result).toEqual({ score: 100, reason: 'exact-host', url: 'https://example.com' });
  });

  it('ignores unparsable and non-web item URLs', () => {
    expect(
      matchItem(
        ['', '   ', 'http://', 'ftp://example.com', 'androidapp://com.example'],
        'domain',
        'https://example.com/',
      ),
    ).toBeNull();
  });
});

describe('schemes', () => {
  it('never fills an https item on http', () => {
    expect(matches('https://example.com', 'http://example.com/')).toBeNull();
    expect(matches('https://example.com', 'http://www.example.com/')).toBeNull();
  });

  it('fills an http item on https, ranked just below an exact-scheme match', () => {
    const upgraded = matches('http://example.com', 'https://example.com/');
    expect(upgraded).toMatchObject({ reason: 'exact-host', score: 99 });
    expect(matches('http://example.com', 'http://example.com/')).toMatchObject({ score: 100 });
  });

  it('treats a URL without a scheme as https', () => {
    expect(matches('example.com', 'https://example.com/')).toMatchObject({ score: 100 });
    expect(matches('example.com/login', 'http://example.com/')).toBeNull();
    expect(parseEndpoint('example.com', true)?.scheme).toBe('https:');
  });

  it('matches only http and https pages', () => {
    expect(matchItem(['https://example.com'], 'domain', 'chrome://settings')).toBeNull();
    expect(matchItem(['https://example.com'], 'domain', 'about:blank')).toBeNull();
    expect(matchItem(['https://example.com'], 'domain', 'not a url')).toBeNull();
  });
});

describe('ports', () => {
  it('matches an explicit port only on that port', () => {
    expect(matches('https://example.com:8443', 'https://example.com:8443/')).not.toBeNull();
    expect(matches('https://example.com:8443', 'https://example.com/')).toBeNull();
    expect(matches('https://example.com:8443', 'https://example.com:9443/')).toBeNull();
  });

  it('matches an item without a port only on the default port', () => {
    expect(matches('https://example.com', 'https://example.com:443/')).not.toBeNull();
    expect(matches('https://example.com', 'https://example.com:8443/')).toBeNull();
    expect(matches('http://example.com', 'http://example.com:8080/')).toBeNull();
    expect(matches('http://example.com', 'https://example.com:8443/')).toBeNull();
  });

  it('treats an explicit default port as no port', () => {
    expect(matches('https://example.com:443', 'https://example.com/')).not.toBeNull();
    expect(parseEndpoint('https://example.com:443')?.explicitPort).toBe(false);
  });

  it('keeps ports on other hosts of the site apart too', () => {
    expect(matches('https://a.example.com:8443', 'https://b.example.com:8443/')).toMatchObject({
      reason: 'same-site',
    });
    expect(matches('https://a.example.com:8443', 'https://b.example.com/')).toBeNull();
  });
});

describe('IP literals and local hosts', () => {
  it('matches IPv4 only on the exact address and port', () => {
    expect(matches('http://192.168.1.10', 'http://192.168.1.10/admin')).toMatchObject({
      reason: 'exact-host',
    });
    expect(matches('http://192.168.1.10', 'http://192.168.1.11/')).toBeNull();
    expect(matches('http://192.168.1.10:8080', 'http://192.168.1.10/')).toBeNull();
  });

  it('normalises IPv4 shorthands through the URL parser', () => {
    expect(matches('http://127.0.0.1', 'http://0x7f.1/')).toMatchObject({ reason: 'exact-host' });
  });

  it('matches IPv6 literals in their canonical form only', () => {
    expect(matches('https://[::1]:8443', 'https://[0:0:0:0:0:0:0:1]:8443/')).toMatchObject({
      reason: 'exact-host',
    });
    expect(matches('https://[2001:db8::1]', 'https://[2001:db8::2]/')).toBeNull();
    expect(parseEndpoint('https://[2001:DB8::1]/')?.host).toBe('[2001:db8::1]');
  });

  it('matches localhost and single-label hosts only exactly', () => {
    expect(matches('http://localhost:3000', 'http://localhost:3000/')).not.toBeNull();
    expect(matches('http://localhost:3000', 'http://localhost:3001/')).toBeNull();
    expect(matches('http://intranet', 'http://intranet/')).not.toBeNull();
    expect(matches('http://a.localhost', 'http://b.localhost/')).toBeNull();
  });
});

describe('internationalised domain names', () => {
  it('compares the Unicode and punycode forms of the same name as equal', () => {
    expect(matches('https://bücher.de', 'https://xn--bcher-kva.de/')).toMatchObject({ reason: 'exact-host' });
    expect(matches('https://xn--bcher-kva.de', 'https://BÜCHER.de/')).toMatchObject({ reason: 'exact-host' });
    expect(matches('https://пример.рф', 'https://www.xn--e1afmkfd.xn--p1ai/')).toMatchObject({
      reason: 'same-site',
    });
  });

  it('does not match a look-alike in another script', () => {
    // "аpple.com" with a Cyrillic "а" (U+0430).
    expect(matches('https://apple.com', 'https://\u0430pple.com/')).toBeNull();
  });

  it('ignores case and a trailing dot in the host', () => {
    expect(matches('https://Example.COM', 'https://example.com./')).toMatchObject({ reason: 'exact-host' });
  });
});

describe('rankMatches', () => {
  const item = overview;

  it('orders exact host, then same site; drops non-matches and never-items', () => {
    const items = [
      item('site', ['https://example.com']),
      item('exact', ['https://login.example.com']),
      item('other', ['https://example.org']),
      item('never', ['https://login.example.com'], { match: 'never' }),
      item('host-only', ['https://example.com'], { match: 'host' }),
    ];
    const ranked = rankMatches(items, 'https://login.example.com/signin');
    expect(ranked.map((match) => match.item.id)).toEqual(['exact', 'site']);
  });

  it('breaks ties by favourite, then most recently updated, then name', () => {
    const items = [
      item('b-old', ['https://example.com'], { updatedAt: 1 }),
      item('a-old', ['https://example.com'], { updatedAt: 1 }),
      item('new', ['https://example.com'], { updatedAt: 5 }),
      item('fav', ['https://example.com'], { favorite: true }),
    ];
    expect(rankMatches(items, 'https://example.com/').map((match) => match.item.id)).toEqual([
      'fav',
      'new',
      'a-old',
      'b-old',
    ]);
  });

  it('returns nothing for a page that is not http(s)', () => {
    expect(rankMatches([item('x', ['https://example.com'])], 'file:///etc/passwd')).toEqual([]);
  });
});
