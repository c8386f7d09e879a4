/**
 * The health report, computed in the background from the unlocked vault (report.ts says what it
 * holds). Passwords are decrypted here, reduced to a SHA-256 digest (to find equal passwords) and a
 * strength score, and dropped; only the report, which names items by their overviews, is returned.
 *
 * Strength is zxcvbn's score (the generator's estimator, src/ui/strength.ts), which costs from a
 * few to hundreds of milliseconds per password. So each request rates passwords for at most
 * `budgetMs` and counts the rest as `unrated`; the page asks again until none are left. Scores are
 * kept by digest, in memory, for the vault object they came from (a WeakMap: a lock makes a new
 * one, so nothing survives a lock), so an edit costs one new rating and a reused password one.
 * Nothing here is stored.
 */

import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { toOverview } from '../vault/chunks';
import { passwordSetAt } from '../vault/password-age';
import type { UnlockedVault } from '../vault/vault';
import { buildHealthReport, type HealthInput, type HealthReport } from './report';

export type StrengthScorer = (password: string) => { score: number };

export interface HealthServiceDeps {
  /** The strength estimator, loaded on first use. */
  loadScorer: () => Promise<StrengthScorer>;
  now: () => number;
  /** Time spent rating passwords per request (at least one is rated per request). */
  budgetMs: number;
}

export interface HealthService {
  report(vault: UnlockedVault, maxAgeDays: number): Promise<HealthReport>;
}

export function createHealthService(deps: HealthServiceDeps): HealthService {
  const scoresByVault = new WeakMap<UnlockedVault, Map<string, number>>();
  return {
    async report(vault, maxAgeDays) {
      const { items } = await vault.allItems();
      let scores = scoresByVault.get(vault);
      if (!scores) {
        scores = new Map();
        scoresByVault.set(vault, scores);
      }
      const digests = items.map((item) => (item.password ? digestOf(item.password) : null));
      const unrated = items.flatMap((item, i) => {
        const digest = digests[i];
        return digest && !scores.has(digest) ? [{ password: item.password, digest }] : [];
      });
      if (unrated.length > 0) {
        const score = await deps.loadScorer();
        const started = deps.now();
        for (const { password, digest } of unrated) {
          if (!scores.has(digest)) scores.set(digest, score(password).score);
          if (deps.now() - started >= deps.budgetMs) break;
        }
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

function digestOf(password: string): string {
  return bytesToHex(sha256(utf8ToBytes(password)));
}
