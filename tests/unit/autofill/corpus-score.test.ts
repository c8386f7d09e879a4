// @vitest-environment node
// Scores form detection on the labelled login pages in ../shared/corpus/loginpages (Firefox's
// password-manager unit cases, Bitwarden's test-the-web pages, Formasaurus's captured real-world
// pages), prints per-role precision / recall / F1 for each, and fails if a score drops below the
// floor set just under what detection achieves today. happy-dom has no layout: visibility is read
// from markup and inline styles only, and the printout says so.

import { describe, expect, it } from 'vitest';
import { sharedCorpus } from '../shared-corpus';
import { scoreBitwarden } from './corpus/bitwarden';
import type { CorpusResult } from './corpus/firefox';
import { scoreFirefox } from './corpus/firefox';
import { scoreFormasaurus } from './corpus/formasaurus';
import { type Bucket, formatScore, rates } from './corpus/scoring';

interface Floors {
  /** Fewer scored cases than this means pages were silently dropped. */
  cases: number;
  f1: number;
  precision: number;
  roles: Partial<Record<Bucket, number>>;
}

function report(title: string, result: CorpusResult): void {
  console.log(formatScore(`${title} (${result.cases} cases)`, result.score, result.notes));
  if (result.score.errors.length) console.log(`  ${result.score.errors.join('\n  ')}`);
}

function expectAtLeast(result: CorpusResult, floors: Floors): void {
  const { score } = result;
  expect(result.cases).toBeGreaterThanOrEqual(floors.cases);
  expect(score.badFills, 'fills into fields a person would not fill').toEqual([]);
  const total = rates(score.total);
  expect(total.f1).toBeGreaterThanOrEqual(floors.f1);
  expect(total.precision).toBeGreaterThanOrEqual(floors.precision);
  for (const [role, floor] of Object.entries(floors.roles)) {
    const counts = score.byRole.get(role as Bucket);
    expect(counts, `no ${role} fields scored`).toBeDefined();
    expect(rates(counts!).f1, `${role} F1`).toBeGreaterThanOrEqual(floor);
  }
}

describe('detection scores on labelled login pages', () => {
  const firefox = sharedCorpus('loginpages', 'firefox-passwordmgr-unit');
  it.skipIf(!firefox)('firefox-passwordmgr-unit', async () => {
    const result = await scoreFirefox(firefox!);
    report('firefox-passwordmgr-unit', result);
    expectAtLeast(result, {
      cases: 60,
      f1: 0.98,
      precision: 0.98,
      roles: {
        username: 0.95,
        password: 0.95,
        'current-password': 0.95,
        'new-password': 0.95,
        identifier: 0.95,
      },
    });
  });

  const bitwarden = sharedCorpus('loginpages', 'bitwarden-test-the-web');
  it.skipIf(!bitwarden)('bitwarden-test-the-web', async () => {
    const result = await scoreBitwarden(bitwarden!);
    report('bitwarden-test-the-web', result);
    expectAtLeast(result, {
      cases: 30,
      f1: 0.94,
      precision: 0.97,
      roles: { username: 0.95, 'current-password': 0.92, 'new-password': 0.93, 'one-time-code': 0.95 },
    });
  });

  const formasaurus = sharedCorpus('loginpages', 'formasaurus');
  it.skipIf(!formasaurus)(
    'formasaurus',
    async () => {
      const result = await scoreFormasaurus(formasaurus!);
      report('formasaurus', result);
      expectAtLeast(result, {
        cases: 200,
        f1: 0.95,
        precision: 0.99,
        roles: { username: 0.92, 'current-password': 0.97, 'new-password': 0.98 },
      });
      // ~14 s of parsing 200 captured pages on a quiet machine; a busy one can take twice that.
    },
    120_000,
  );
});
