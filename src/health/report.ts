/**
 * Vault health: which logins have a weak password, share one password across different sites,
 * have not changed for longer than the chosen age, fill only on `http:` pages, or have no URL.
 *
 * Pure: the background hands in each item's overview, a digest of its password and its strength
 * score (service.ts); the report names items by their overview fields only. Safety fact: no
 * password and no digest is in the report, so nothing secret reaches the options page that shows it.
 */

import { parseEndpoint } from '../autofill/site';
import type { ItemOverview } from '../vault/types';

/** zxcvbn scores below this are weak (0-2: guessable with 10^8 guesses or fewer). */
export const WEAK_BELOW = 3;

export const DAY_MS = 86_400_000;

export interface HealthInput {
  overview: ItemOverview;
  /** A digest of the password (equal passwords, equal digests), or null when it has none. */
  passwordDigest: string | null;
  /** zxcvbn score 0-4, or null while not rated yet (or no password). */
  score: number | null;
  /** When the password was last set (ms): passwordSetAt(item), src/vault/password-age.ts. */
  passwordChangedAt: number;
}

/** An item as the report names it: no secret. */
export interface HealthEntry {
  id: string;
  name: string;
  username: string;
  /** The first URL, to tell the entries of a group apart; null without one. */
  url: string | null;
}

export interface HealthReport {
  weak: HealthEntry[];
  /** One group per shared password, each with items of at least two different sites. */
  reused: HealthEntry[][];
  /** Passwords not changed for longer than `maxAgeDays` (by the password's date, not any edit). */
  old: HealthEntry[];
  /** Every URL of the item is `http:`. */
  insecure: HealthEntry[];
  noUrl: HealthEntry[];
  /** Passwords whose strength is not rated yet (the weak list is then incomplete). */
  unrated: number;
  maxAgeDays: number;
}

export function buildHealthReport(
  inputs: readonly HealthInput[],
  options: { now: number; maxAgeDays: number },
): HealthReport {
  const report: HealthReport = {
    weak: [],
    reused: [],
    old: [],
    insecure: [],
    noUrl: [],
    unrated: 0,
    maxAgeDays: options.maxAgeDays,
  };
  const cutoff = options.now - options.maxAgeDays * DAY_MS;
  const byDigest = new Map<string, HealthInput[]>();
  for (const input of inputs) {
    const { overview } = input;
    const entry = entryOf(overview);
    if (overview.urls.length === 0) report.noUrl.push(entry);
    else if (overview.urls.every(isHttpOnly)) report.insecure.push(entry);
    if (input.passwordDigest === null) continue;
    if (input.score === null) report.unrated++;
    else if (input.score < WEAK_BELOW) report.weak.push(entry);
    if (input.passwordChangedAt < cutoff) report.old.push(entry);
    const same = byDigest.get(input.passwordDigest);
    if (same) same.push(input);
    else byDigest.set(input.passwordDigest, [input]);
  }
  for (const group of byDigest.values()) {
    if (group.length < 2) continue;
    const sites = new Set(group.map((input) => siteKey(input.overview)));
    if (sites.size >= 2) report.reused.push(group.map((input) => entryOf(input.overview)));
  }
  // Largest groups first: they are the most worth fixing.
  report.reused.sort((a, b) => b.length - a.length || a[0]!.name.localeCompare(b[0]!.name));
  return report;
}

function entryOf(overview: ItemOverview): HealthEntry {
  return { id: overview.id, name: overview.name, username: overview.username, url: overview.urls[0] ?? null };
}

/** Item URLs are read as matching reads them: "bank.com/login" (no scheme) is https. */
const endpointOf = (url: string) => parseEndpoint(url, true);

function isHttpOnly(url: string): boolean {
  return endpointOf(url)?.scheme === 'http:';
}

/**
 * The site an item signs in to: the registrable domain of its first URL that has one, else the
 * first URL's host; an item without a usable URL is a site of its own (two such items with one
 * password may be two services, so they count as different sites).
 */
export function siteKey(overview: ItemOverview): string {
  const endpoints = overview.urls.map(endpointOf).filter((e) => e !== null);
  const withSite = endpoints.find((e) => e.site !== null);
  if (withSite) return `site:${withSite.site}`;
  if (endpoints[0]) return `host:${endpoints[0].host}`;
  return `item:${overview.id}`;
}
