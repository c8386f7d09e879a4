// change_password_1k_ms / change_password_10k_ms: changing the master password (derive from the
// current one to prove it, derive from the new one, rewrap the vault key) on 1,000 and 10,000
// items. Items are never touched, so the ratio must stay below 1.2 (issue 4).

import type { ChangePasswordResult } from '../browser/api';
import { summarize } from '../lib/sampling';
import type { MetricModule } from '../lib/types';

const SEED = 20240601;

export const changePassword: MetricModule = {
  name: 'change-password',
  description: 'changePassword at the default Argon2id cost on 1k and 10k items (ratio < 1.2)',
  targets: [
    {
      label: 'change_password_10k_ms / change_password_1k_ms',
      value: (r) =>
        r.change_password_10k_ms && r.change_password_1k_ms
          ? r.change_password_10k_ms.median / r.change_password_1k_ms.median
          : undefined,
      limit: 1.2,
      inclusive: false,
    },
  ],
  async run(ctx) {
    const page = await ctx.openBenchPage();
    try {
      const r: ChangePasswordResult = await page.evaluate((o) => window.tesseraBench!.changePassword(o), {
        sizes: [1_000, 10_000],
        runs: 5,
        seed: SEED,
      });
      return {
        change_password_1k_ms: summarize(r.ms[1_000]!, 'ms'),
        change_password_10k_ms: summarize(r.ms[10_000]!, 'ms'),
      };
    } finally {
      await page.close();
    }
  },
};
