// The background service worker's cold start on the real built extension (module `worker-start`):
//   worker_start_ms   from the worker's start (its timeline's origin) to the background's main()
//        (WORKER_MAIN_MARK): fetching, compiling and running background.js's top level, before any
//        listener answers. (zxcvbn's dictionaries, ~1.6 MB, were part of it until they moved to a
//        script of their own loaded at the first rating: src/strength/estimator-script.ts.)
//   worker_wake_ms    a stopped worker woken by a page's vault.status until the page has the reply
//        (vault locked, so no reopen is included)
//   worker_start_baseline_ms, worker_wake_baseline_ms  only with TESSERA_BENCH_BASELINE (another
//        Chrome build, e.g. an earlier commit's .output/chrome-mv3 copied aside): the same, that
//        build in a browser of its own, its rounds alternating with this build's (paired)
// Each round stops every worker first (CDP ServiceWorker.stopAllWorkers).

import type { CDPSession, Page } from 'playwright-core';
import { WORKER_MAIN_MARK } from '../../src/messages/perf-marks';
import { BASELINE_ENV, inWorker, launchBenchExtension, send, stopWorkers } from '../lib/bench-extension';
import { summarize } from '../lib/sampling';
import type { BenchContext, MetricModule, Results } from '../lib/types';

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

/** One build in its own browser, a locked vault in it, ready to be woken round after round. */
interface Arm {
  suffix: string;
  page: Page;
  cdp: CDPSession;
  starts: number[];
  wakes: number[];
}

async function armOf(ctx: BenchContext, suffix: string, build?: string): Promise<Arm> {
  const ext = await launchBenchExtension(ctx, build);
  const page = await ext.context.newPage();
  await page.goto(ext.url('popup.html'));
  await send(page, { type: 'vault.create', password: 'bench master password 1' });
  await send(page, { type: 'vault.lock' });
  const cdp = await ext.context.newCDPSession(page);
  ctx.onCleanup(() => cdp.detach().catch(() => undefined));
  return { suffix, page, cdp, starts: [], wakes: [] };
}

/** Stops the arm's worker and wakes it with a request: [to main(), to the reply] in ms. */
async function coldStart({ page, cdp }: Arm): Promise<[number, number]> {
  await stopWorkers(cdp);
  const wake = await statusMs(page);
  const { result } = await inWorker<{ result: { value?: unknown } }>(cdp, 'Runtime.evaluate', {
    expression: `performance.getEntriesByName(${JSON.stringify(WORKER_MAIN_MARK)})[0]?.startTime ?? null`,
    returnByValue: true,
  });
  if (typeof result.value !== 'number') throw new Error('the worker left no main() mark');
  return [result.value, wake];
}

export const workerStart: MetricModule = {
  name: 'worker-start',
  description: "the background worker's cold start: to main(), and a woken worker's first reply",
  async run(ctx) {
    const baselineDir = process.env[BASELINE_ENV] || undefined;
    const arms = [await armOf(ctx, '')];
    if (baselineDir) arms.push(await armOf(ctx, '_baseline', baselineDir));
    for (let i = 0; i <= ROUNDS; i++) {
      // With a baseline, each build goes first every other round.
      for (const arm of i % 2 ? [...arms].reverse() : arms) {
        const [start, wake] = await coldStart(arm);
        if (i === 0) continue; // warm-up: the first start after install
        arm.starts.push(start);
        arm.wakes.push(wake);
      }
    }
    const r: Results = {};
    for (const arm of arms) {
      r[`worker_start${arm.suffix}_ms`] = summarize(arm.starts, 'ms');
      r[`worker_wake${arm.suffix}_ms`] = summarize(arm.wakes, 'ms');
    }
    if (baselineDir) ctx.note(`worker_*_baseline_ms: ${baselineDir}, rounds alternating with this build's.`);
    return r;
  },
};
