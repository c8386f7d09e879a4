// rankMatches parses each list's item URLs once (src/autofill/match.ts, itemEndpoints): the same
// answers as parsing every time, for every page, and one parse per distinct URL per list.

import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { ItemOverview } from '@/src/vault/types';
import { overview } from './overview';

const parsed = vi.hoisted(() => ({ urls: [] as string[] }));
vi.mock('@/src/autofill/site', async (importOriginal) => {
  const site = await importOriginal<typeof import('@/src/autofill/site')>();
  return {
    ...site,
    parseEndpoint: (url: string, bareHostIsHttps?: boolean) => {
      if (bareHostIsHttps) parsed.urls.push(url);
      return site.parseEndpoint(url, bareHostIsHttps);
    },
  };
});

const { rankMatches } = await import('@/src/autofill/match');

const item = overview;

const ITEMS: ItemOverview[] = [
  item('bank', ['https://bank.com', 'bank.com/login']),
  item('bank-http', ['http://bank.com']),
  item('login', ['https://login.bank.com:8443']),
  item('pages', ['https://a.github.io']),
  item('be', ['https://amazon.com.be']),
  item('ip', ['http://127.0.0.1:8080']),
  item('host', ['https://www.example.co.uk'], { match: 'host' }),
  item('never', ['https://bank.com'], { match: 'never' }),
  item('junk', ['javascript:alert(1)', 'not a url', '']),
  item('same-url', ['https://bank.com']),
];

const PAGES = [
  'https://bank.com/',
  'https://www.bank.com/signin',
  'http://bank.com/',
  'https://login.bank.com:8443/',
  'https://bank.com@evil.com/',
  'https://evil.com/@bank.com',
  'https://b.github.io/',
  'https://evil.com.be/',
  'http://127.0.0.1:8080/',
  'https://www.example.co.uk/',
  'https://shop.example.co.uk/',
];

describe('rankMatches with the parsed URLs kept per list', () => {
  beforeEach(() => {
    parsed.urls.length = 0;
  });

  it('answers every page as a list never ranked before does', () => {
    const kept = [...ITEMS];
    for (const page of PAGES) rankMatches(kept, page); // warm the cache
    for (const page of PAGES) {
      const fresh = [...ITEMS]; // a new array: nothing cached for it
      expect(rankMatches(kept, page)).toEqual(rankMatches(fresh, page));
    }
  });

  it('parses each distinct URL of a list once, however many pages it is ranked for', () => {
    const list = [...ITEMS];
    for (const page of PAGES) rankMatches(list, page);
    const distinct = new Set(ITEMS.filter((i) => i.match !== 'never').flatMap((i) => i.urls));
    expect(parsed.urls.sort()).toEqual([...distinct].sort());
  });

  it('parses again for a new list (the vault hands out a new array when the list changes)', () => {
    const before = [item('old', ['https://bank.com'])];
    rankMatches(before, 'https://bank.com/');
    const after = [item('moved', ['https://bank.org'])];
    expect(rankMatches(after, 'https://bank.com/')).toEqual([]);
    expect(rankMatches(after, 'https://bank.org/').map((m) => m.item.id)).toEqual(['moved']);
    expect(parsed.urls).toEqual(['https://bank.com', 'https://bank.org']);
  });
});
