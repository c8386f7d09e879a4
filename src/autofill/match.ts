/**
 * Which vault items may fill on a page, and in what order.
 *
 * Rules (an item matches if any of its URLs does):
 * - match 'never': the item never fills anywhere.
 * - match 'host': the page's host must equal the item URL's host.
 * - match 'domain' (the default): the same host, or the same site (registrable domain, see
 *   site.ts), so an item for accounts.example.com fills on www.example.com.
 * - IP literals, localhost and hosts without a registrable domain match their exact host only.
 * - Scheme: an https item never fills on an http page. An http item may fill on the https version
 *   of its site (the page is at least as protected as the item expects); it ranks just below an
 *   exact-scheme match. Other schemes never match.
 * - Ports follow origins (RFC 6454 §4): an item with an explicit port matches only that port; an
 *   item without one matches only the scheme's default port (for an http item on an https page:
 *   443). A service on another port of the same host may be someone else's.
 * - An item URL without a scheme ("bank.com") is https.
 * Exact-host matches rank above same-site matches.
 *
 * Safety fact: this is the only place that decides whether a page may receive an item. It never
 * matches across sites (a.github.io vs b.github.io, amazon.com.be vs evil.com.be) and cannot be
 * fooled by userinfo or paths ("https://bank.com@evil.com", "https://evil.com/@bank.com"),
 * because hosts come from the URL parser (site.ts).
 */

import type { ItemOverview, UrlMatch } from '../vault/types';
import { type Endpoint, parseEndpoint } from './site';

export type MatchReason = 'exact-host' | 'same-site';

export interface MatchResult {
  /** Higher is better: 100 for the exact host, 50 for the same site, 1 less for http → https. */
  score: number;
  reason: MatchReason;
  /** The item URL that matched best. */
  url: string;
}

export interface RankedMatch extends MatchResult {
  item: ItemOverview;
}

const SCORE = { exactHost: 100, sameSite: 50, schemeUpgrade: -1 } as const;

/** How well an item with these URLs and this rule matches the page, or null if it must not fill. */
export function matchItem(itemUrls: readonly string[], rule: UrlMatch, pageUrl: string): MatchResult | null {
  const page = parseEndpoint(pageUrl);
  return page ? matchEndpoint(itemUrls, rule, page) : null;
}

/**
 * The items that may fill on the page, best first: by score, then favourites, then the most
 * recently updated, then by name.
 */
export function rankMatches(items: readonly ItemOverview[], pageUrl: string): RankedMatch[] {
  const page = parseEndpoint(pageUrl);
  if (!page) return [];
  const parse = itemEndpoints(items);
  const ranked: RankedMatch[] = [];
  for (const item of items) {
    const result = matchEndpoint(item.urls, item.match, page, parse);
    if (result) ranked.push({ item, ...result });
  }
  return ranked.sort(
    (a, b) =>
      b.score - a.score ||
      Number(b.item.favorite) - Number(a.item.favorite) ||
      b.item.updatedAt - a.item.updatedAt ||
      a.item.name.localeCompare(b.item.name),
  );
}

/**
 * The item URLs of one list, parsed once: every popup open, page load hint and inline menu ranks
 * the whole vault, and parsing each URL (the URL parser and the public suffix lookup) is ~1 µs,
 * 50 ms a call at 50,000 items (issue 18). The vault hands out the same list array until the list
 * changes, so the parsed URLs are kept with that array and go with it (a write or a lock drops
 * it). A parsed URL depends on nothing but its text, so a cached one is the one parsing gives; the
 * parsed objects never leave this module. Measured in Node on 50,000 generated overviews (load
 * ~1): a rank 48 ms -> 5-8 ms, but the first rank of a new list 55 -> ~120 ms (it keeps 50,000
 * parsed URLs), so a list that changes between every two ranks would pay more.
 */
/** An item URL parsed as items hold them: a bare host ("bank.com") is https. */
const parseItemUrl = (url: string): Endpoint | null => parseEndpoint(url, true);

const parsedByList = new WeakMap<readonly ItemOverview[], Map<string, Endpoint | null>>();

function itemEndpoints(items: readonly ItemOverview[]): (url: string) => Endpoint | null {
  let parsed = parsedByList.get(items);
  if (!parsed) {
    parsed = new Map();
    parsedByList.set(items, parsed);
  }
  const cache = parsed;
  return (url) => {
    let endpoint = cache.get(url);
    if (endpoint === undefined) {
      endpoint = parseItemUrl(url);
      cache.set(url, endpoint);
    }
    return endpoint;
  };
}

function matchEndpoint(
  itemUrls: readonly string[],
  rule: UrlMatch,
  page: Endpoint,
  parse: (url: string) => Endpoint | null = parseItemUrl,
): MatchResult | null {
  if (rule === 'never') return null;
  let best: MatchResult | null = null;
  for (const url of itemUrls) {
    const item = parse(url);
    const score = item ? scoreUrl(item, page, rule) : null;
    if (score && (!best || score.score > best.score)) best = { ...score, url };
  }
  return best;
}

function scoreUrl(item: Endpoint, page: Endpoint, rule: UrlMatch): Omit<MatchResult, 'url'> | null {
  const upgraded = item.scheme === 'http:' && page.scheme === 'https:';
  if (item.scheme === 'https:' && page.scheme !== 'https:') return null;
  const samePort = upgraded && !item.explicitPort ? page.port === '443' : item.port === page.port;
  if (!samePort) return null;
  const penalty = upgraded ? SCORE.schemeUpgrade : 0;
  if (item.host === page.host) return { score: SCORE.exactHost + penalty, reason: 'exact-host' };
  if (rule !== 'domain' || item.site === null || item.site !== page.site) return null;
  return { score: SCORE.sameSite + penalty, reason: 'same-site' };
}
