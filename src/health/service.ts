/**
 * The health report, computed in the background from the unlocked vault (report.ts says what it
 * holds). Passwords are decrypted here, named by a keyed digest (ratings.ts: to find equal
 * passwords and their ratings) and rated, and dropped; only the report, which names items by
 * their overviews, is returned.
 *
 * Rating, cheapest first (issue 15, item 7: the report in < 500 ms after unlock at 10,000 items):
 * 1. ratings kept from earlier reports, sealed with a key derived from the vault key (ratings.ts),
 *    read once per unlock: after the first report, an unlock costs reading, not rating;
 * 2. the first pass (first-pass.ts), microseconds, for the generated passwords it can vouch for;
 * 3. zxcvbn (the generator's estimator, src/ui/strength.ts), 20-800 ms per password: at most
 *    `budgetMs` per request, the rest counted as `unrated`; the page asks again until none are left.
 *
 * Reading, least first: the sealed value also names each item's password and its date as of the
 * item's `updatedAt` (ratings.ts HealthMemory), so a report opens only the items edited since
 * they were named, and those still unrated: none after a later unlock with no edits. Reading
 * every record is what made the report slow: in Chromium, 10,000 item records take about as long
 * to come out of IndexedDB as the target allows for the whole report (bench/README.md, health).
 *
 * What lives in memory, and how long: per vault object (a WeakMap; a lock makes a new one) the
 * ratings and the items' password names and dates, never a password. Passwords exist only within
 * one report call (the items read), and are dropped when it returns. The memory is sealed and
 * stored after each report that read or rated something.
 */

import { passwordSetAt } from '../vault/password-age';
import { readItems } from '../vault/read-items';
import type { UnlockedVault } from '../vault/vault';
import { clearlyStrong } from './first-pass';
import {
  type HealthMemory,
  openRatings,
  type RatingsStore,
  sealRatings,
  withPasswordNames,
  withRatingKeys,
} from './ratings';
import { buildHealthReport, type HealthInput, type HealthReport, WEAK_BELOW } from './report';

export type StrengthScorer = (password: string) => { score: number };

export interface HealthServiceDeps {
  /** The strength estimator, loaded on first use. */
  loadScorer: () => Promise<StrengthScorer>;
  /** Where the sealed ratings are kept between unlocks. */
  ratings: RatingsStore;
  now: () => number;
  /** Time spent rating passwords per request (at least one is rated per request). */
  budgetMs: number;
}

export interface HealthService {
  report(vault: UnlockedVault, maxAgeDays: number): Promise<HealthReport>;
}

/** What the first pass records: "at least 3", which is all the report asks (weak is below 3). */
const FIRST_PASS_SCORE = WEAK_BELOW;

export function createHealthService(deps: HealthServiceDeps): HealthService {
  const memoryByVault = new WeakMap<UnlockedVault, HealthMemory>();

  async function memoryOf(vault: UnlockedVault): Promise<HealthMemory> {
    let memory = memoryByVault.get(vault);
    if (memory) return memory;
    const stored = await deps.ratings.load();
    // Another report may have filled it during the await; the stored copy is no newer than it.
    memory = memoryByVault.get(vault);
    if (memory) return memory;
    memory = withRatingKeys(vault, (keys) => openRatings(keys.seal, vault.vaultId, stored));
    memoryByVault.set(vault, memory);
    return memory;
  }

  return {
    async report(vault, maxAgeDays) {
      const { scores, named } = await memoryOf(vault);
      const list = vault.list();
      // Opened again: items edited since they were named (or never named), and those whose
      // password is still unrated (rating needs the password). The rest are known by name.
      const stale = list
        .filter((o) => {
          const known = named.get(o.id);
          return known?.updatedAt !== o.updatedAt || (known.digest !== null && !scores.has(known.digest));
        })
        .map((o) => o.id);
      const items = await readItems(vault, stale);
      let changed = stale.length > 0;
      for (const id of stale) named.delete(id); // a damaged item leaves the report, as allItems left it out
      if (named.size > list.length - stale.length) {
        const listed = new Set(list.map((o) => o.id));
        for (const id of named.keys()) if (!listed.has(id)) named.delete(id);
        changed = true;
      }
      const digests = withRatingKeys(vault, ({ mac }) =>
        withPasswordNames(mac, (nameOf) =>
          items.map((item) => (item.password ? nameOf(item.password) : null)),
        ),
      );
      const unrated: { password: string; digest: string }[] = [];
      items.forEach((item, i) => {
        const digest = digests[i] ?? null;
        named.set(item.id, { updatedAt: item.updatedAt, digest, changedAt: passwordSetAt(item) });
        if (!digest || scores.has(digest)) return;
        if (clearlyStrong(item.password)) scores.set(digest, FIRST_PASS_SCORE);
        else unrated.push({ password: item.password, digest });
      });
      if (unrated.length > 0) {
        const score = await deps.loadScorer();
        const started = deps.now();
        for (const { password, digest } of unrated) {
          if (scores.has(digest)) continue;
          scores.set(digest, score(password).score);
          if (deps.now() - started >= deps.budgetMs) break;
        }
      }
      if (changed) {
        // Only what the vault still holds is sealed: an old password's name does not linger.
        const sealed = withRatingKeys(vault, (keys) =>
          sealRatings(keys.seal, vault.vaultId, { scores, named }),
        );
        // A cache: a save that fails (storage.local full) costs the next unlock a read, not this report.
        await deps.ratings.save(sealed).catch(() => undefined);
      }
      const inputs: HealthInput[] = [];
      for (const overview of list) {
        const known = named.get(overview.id);
        if (!known) continue;
        inputs.push({
          overview,
          passwordDigest: known.digest,
          score: known.digest === null ? null : (scores.get(known.digest) ?? null),
          passwordChangedAt: known.changedAt,
        });
      }
      return buildHealthReport(inputs, { now: deps.now(), maxAgeDays });
    },
  };
}
