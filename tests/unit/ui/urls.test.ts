import { describe, expect, it } from 'vitest';
import {
  displayHost,
  formatUrlLines,
  originLabel,
  parseUrlLines,
  safeHref,
  sortOrigins,
  urlProblem,
} from '../../../src/ui/urls';
import { LIMITS } from '../../../src/vault/item-schema';

describe('parseUrlLines', () => {
  it('trims, drops blank lines and duplicates, and adds https:// to bare hosts', () => {
    expect(
      parseUrlLines('  example.com/login \n\n\r\nhttp://intranet.local:8080\nexample.com/login\n'),
    ).toEqual(['https://example.com/login', 'http://intranet.local:8080']);
  });

  it('keeps any URL that already has a scheme', () => {
    expect(parseUrlLines('androidapp://com.example')).toEqual(['androidapp://com.example']);
  });

  it('round-trips through formatUrlLines', () => {
    const urls = ['https://a.test', 'https://b.test/x'];
    expect(parseUrlLines(formatUrlLines(urls))).toEqual(urls);
  });
});

describe('urlProblem', () => {
  it('accepts lists within the limits', () => {
    expect(urlProblem(['https://a.test'])).toBeNull();
  });

  it('reports too many URLs and the first one that is too long', () => {
    expect(urlProblem(Array.from({ length: LIMITS.urls + 1 }, (_, i) => `https://${i}.test`))).toEqual({
      kind: 'too-many',
      max: LIMITS.urls,
    });
    expect(urlProblem(['https://ok.test', `https://${'a'.repeat(LIMITS.url)}.test`])).toEqual({
      kind: 'too-long',
      max: LIMITS.url,
      line: 2,
    });
  });
});

describe('safeHref', () => {
  it('allows http and https only', () => {
    expect(safeHref('https://example.com/a?b')).toBe('https://example.com/a?b');
    expect(safeHref('http://example.com')).toBe('http://example.com/');
    expect(safeHref('javascript:alert(1)')).toBeNull();
    expect(safeHref('data:text/html,hi')).toBeNull();
    expect(safeHref('not a url')).toBeNull();
  });
});

describe('displayHost', () => {
  it('shows the host without www, or the raw text', () => {
    expect(displayHost('https://www.example.com/login')).toBe('example.com');
    expect(displayHost('https://login.example.com')).toBe('login.example.com');
    expect(displayHost('garbage')).toBe('garbage');
  });
});

describe('originLabel', () => {
  it('names an https site by its host, and any other origin with its scheme', () => {
    expect(originLabel('https://example.com')).toBe('example.com');
    expect(originLabel('https://example.com:8443')).toBe('example.com:8443');
    expect(originLabel('http://example.com')).toBe('http://example.com');
    expect(originLabel('http://127.0.0.1:8080')).toBe('http://127.0.0.1:8080');
  });

  it('keeps an internationalised host in its ASCII form, and unparsable text as it is', () => {
    expect(originLabel('https://xn--bcher-kva.example')).toBe('xn--bcher-kva.example');
    expect(originLabel('not an origin')).toBe('not an origin');
  });
});

describe('sortOrigins', () => {
  it('orders by host, then https first, then port, without changing the input', () => {
    const input = [
      'https://zeta.example',
      'http://alpha.example',
      'https://alpha.example:8443',
      'https://alpha.example',
      'http://alpha.example:10',
      'https://10.0.0.2',
    ];
    expect(sortOrigins(input)).toEqual([
      'https://10.0.0.2',
      'https://alpha.example',
      'https://alpha.example:8443',
      'http://alpha.example:10',
      'http://alpha.example',
      'https://zeta.example',
    ]);
    expect(input[0]).toBe('https://zeta.example');
  });
});
