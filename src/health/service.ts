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
 * New ratings are sealed and stored after each request that made some. Scores also stay in memory
 * for the vault object they came from (a WeakMap: a lock makes a new one).
 */

import { toOverview } from '../vault/chunks';
import { passwordSetAt } from '../vault/password-age';
import type { UnlockedVault } from '../vault/vault';
import { clearlyStrong } from './first-pass';
import { openRatings, type RatingsStore, sealRatings, withPasswordNames, withRatingKeys } from './ratings';
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
  const scoresByVault = new WeakMap<UnlockedVault, Map<string, number>>();

  async function scoresOf(vault: UnlockedVault): Promise<Map<string, number>> {
    let scores = scoresByVault.get(vault);
    if (scores) return scores;
    const stored = await deps.ratings.load();
    // Another report may have filled it during the await; the stored copy is no newer than it.
    scores = scoresByVault.get(vault);
    if (scores) return scores;
    scores = withRatingKeys(vault, (keys) => openRatings(keys.seal, vault.vaultId, stored));
    scoresByVault.set(vault, scores);
    return scores;
  }

  return {
    async report(vault, maxAgeDays) {
      const { items } = await vault.allItems();
      const scores = await scoresOf(vault);
      const digests = withRatingKeys(vault, ({ mac }) =>
        withPasswordNames(mac, (nameOf) =>
          items.map((item) => (item.password ? nameOf(item.password) : null)),
        ),
      );
      let added = 0;
      const unrated: { password: string; digest: string }[] = [];
      items.forEach((item, i) => {
        const digest = digests[i];
        if (!digest || scores.has(digest)) return;
        if (clearlyStrong(item.password)) {
          scores.set(digest, FIRST_PASS_SCORE);
          added++;
        } else {
          unrated.push({ password: item.password, digest });
        }
      });
      if (unrated.length > 0) {
        const score = await deps.loadScorer();
        const started = deps.now();
        for (const { password, digest } of unrated) {
          if (scores.has(digest)) continue;
          scores.set(digest, score(password).score);
          added++;
          if (deps.now() - started >= deps.budgetMs) break;
        }
      }
      if (added > 0) {
        // Only the ratings of passwords the vault still holds: an old password's name does not linger.
        const live = new Set(digests.filter((d) => d !== null));
        const kept = new Map([...scores].filter(([digest]) => live.has(digest)));
        const sealed = withRatingKeys(vault, (keys) => sealRatings(keys.seal, vault.vaultId, kept));
        await deps.ratings.save(sealed);
      }
      const inputs: HealthInput[] = items.map((item, i) => {
        const digest = digests[i] ?? null;
        return {
          overview: toOverview(item),
          passwordDigest: digest,
          score: digest === null ? null : (scores.get(digest) ?? null),
          passwordChangedAt: passwordSetAt(item),
        };
      });
      return buildHealthReport(inputs, { now: deps.now(), maxAgeDays });
    },
  };
}
