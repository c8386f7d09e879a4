// The background service worker's cold start on the real built extension (module `worker-start`):
//   worker_start_ms   from the worker's start (its timeline's origin) to the background's main()
//        (WORKER_MAIN_MARK): fetching, compiling and running background.js's top level, before any
//        listener answers. The bundle carries zxcvbn's dictionaries for the health report (~2 MB
//        of its 2.3 MB); this says what that costs every wake.
//   worker_wake_ms    a stopped worker woken by a page's vault.status until the page has the reply
//        (vault locked, so no reopen is included)
// Each round stops every worker first (CDP ServiceWorker.stopAllWorkers).

import type { Page } from 'playwright-core';
import { WORKER_MAIN_MARK } from '../../src/messages/perf-marks';
import { inWorker, launchBenchExtension, send, stopWorkers } from '../lib/bench-extension';
import { summarize } from '../lib/sampling';
import type { MetricModule } from '../lib/types';

const ROUNDS = 15;

async function statusMs(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const start = performance.now();
    await (
      globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }
    ).chrome.runtime.sendMessage({ type: 'vault.status' });
    return performance.now() - start;
  });
}

export const workerStart: MetricModule = {
  name: 'worker-start',
  description: "the background worker's cold start: to main(), and a woken worker's first reply",
  async run(ctx) {
    const ext = await launchBenchExtension(ctx);
    const page = await ext.context.newPage();
    await page.goto(ext.url('popup.html'));
    await send(page, { type: 'vault.create', password: 'bench master password 1' });
    await send(page, { type: 'vault.lock' });
    const cdp = await ext.context.newCDPSession(page);
    const starts: number[] = [];
    const wakes: number[] = [];
    for (let i = 0; i <= ROUNDS; i++) {
      await stopWorkers(cdp);
      const wake = await statusMs(page);
      const { result } = await inWorker<{ result: { value?: unknown } }>(cdp, 'Runtime.evaluate', {
        expression: `performance.getEntriesByName(${JSON.stringify(WORKER_MAIN_MARK)})[0]?.startTime ?? null`,
        returnByValue: true,
      });
      if (typeof result.value !== 'number') throw new Error('the worker left no main() mark');
      if (i === 0) continue; // warm-up: the first start after install
      starts.push(result.value);
      wakes.push(wake);
    }
    await cdp.detach().catch(() => undefined);
    return { worker_start_ms: summarize(starts, 'ms'), worker_wake_ms: summarize(wakes, 'ms') };
  },
};
