// The autofill content script's cost to every page (issues 5 and 18):
//   content_script_gzip_bytes      gzip -9 of every script the manifest injects into pages: what a
//                                  page without a login form pays
//   content_script_forms_gzip_bytes  gzip -9 of autofill-forms.js, the part a frame imports at its
//                                  first login-like field (detection, menu, fills): what such a
//                                  page adds
//   content_script_{plain,5k}_ms   JavaScript time the page's renderer spent while loading a plain
//                                  page / a page of 5,000 elements with a sign-in form at the end
//                                  (CDP Performance metric ScriptDuration, before and 250 ms after
//                                  load): compiling and running the content script, its pre-check,
//                                  detection and observer, the garbage collections its allocations
//                                  cause, and anything it did in those 250 ms; each load starts on
//                                  about:blank after a forced GC, so no arm pays for another's garbage
//   content_script_empty_{plain,5k}_ms  the same for an empty content script injected the same way
//                                  (bench/lib/bench-extension.ts), interleaved page by page: the floor
//   content_script_overhead_ms, content_script_overhead_5k_ms  the difference: what Tessera adds
//   content_script_first_press_5k_ms, content_script_empty_first_press_5k_ms,
//   content_script_first_press_overhead_5k_ms  the work the content script holds until a person acts
//                                  (src/autofill/content/main.ts: importing autofill-forms.js,
//                                  detection, the menu's request): script time from a click in the 5k
//                                  page's username field to SETTLE_MS after it, the page loaded and
//                                  settled before, real vs empty, interleaved; and the difference
//   passkey_scripts_{plain,5k}_ms, passkey_scripts_overhead{,_5k}_ms  the passkey provider's two
//                                  document_start scripts alone (autofill's replaced by the empty
//                                  one), and their difference to the empty floor, same pages
//
//   content_script_baseline_*      with TESSERA_BENCH_BASELINE=<an earlier Chrome build>: the same
//                                  sizes and times for that build's content scripts, measured in
//                                  the same rounds (bench/lib/bench-extension.ts): before/after, paired
//
// The pages have no script of their own, so the renderer's script time is the content script's.

import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { CDPSession, Page } from 'playwright-core';
import { AUTOFILL_FORMS_SCRIPT } from '../../src/messages/audience';
import { startFixtureServer } from '../../tests/e2e/harness/fixture-server';
import {
  BASELINE_PAGES,
  EMPTY_PAGES,
  launchBenchExtension,
  PASSKEY_PAGES,
  REAL_PAGES,
} from '../lib/bench-extension';
import { PROFILE_ENV, SelfTimes } from '../lib/cpu-profile';
import { medianAtMost, medianBelow } from '../lib/report';
import { sampleInterleaved, summarize } from '../lib/sampling';
import type { MetricModule, Result, Results } from '../lib/types';

const RUNS = { runs: 11, warmup: 2 };
/** After load, how long the page's script time keeps counting (observer, deferred detection). */
const SETTLE_MS = 250;
/** Loads profiled per page when TESSERA_BENCH_PROFILE is set. */
const PROFILED_LOADS = 8;

const PLAIN_PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Plain</title></head>
<body><h1>An article</h1>${'<p>Some text with <a href="#">a link</a> and <em>emphasis</em>.</p>'.repeat(20)}</body></html>`;

/** 5,000 elements: a news-like page (sections, lists, links, a search box) and a sign-in form. */
function bigPage(): string {
  const parts: string[] = ['<header><form role="search"><input type="search" name="q"></form></header>'];
  let count = 3;
  for (let section = 0; count < 4_980; section++) {
    parts.push(`<section><h2>Section ${section}</h2><ul>`);
    count += 3;
    for (let item = 0; item < 15 && count < 4_980; item++) {
      parts.push(`<li><a href="#s${section}-${item}">Story <b>${item}</b></a> <span>by someone</span></li>`);
      count += 4;
    }
    parts.push('</ul></section>');
  }
  parts.push(
    '<form id="login" action="/login" method="post"><label>Email <input name="username" type="email" autocomplete="username"></label>' +
      '<label>Password <input name="password" type="password" autocomplete="current-password"></label><button type="submit">Sign in</button></form>',
  );
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Big</title></head><body>${parts.join('')}</body></html>`;
}

/** Renderer JavaScript time so far in the page's process, in ms. */
async function scriptMs(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const value = metrics.find((m) => m.name === 'ScriptDuration')?.value;
  if (value === undefined) throw new Error('Chromium reported no ScriptDuration');
  return value * 1000;
}

/**
 * Loads `url` in `page` (from about:blank, whose own script time is nil) and reads the script time
 * it cost: the load and SETTLE_MS after it.
 */
async function loadMeasured(page: Page, cdp: CDPSession, url: string): Promise<number> {
  await page.goto('about:blank');
  // The previous arm's garbage (a walk of a 5k page leaves thousands of wrappers) is collected
  // here, not in whichever arm's load the next major GC happens to land in: without this, an
  // empty content script sometimes measured 10-35 ms and the paired medians swung by +-8 ms.
  await cdp.send('HeapProfiler.collectGarbage');
  const before = await scriptMs(cdp);
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForTimeout(SETTLE_MS);
  return (await scriptMs(cdp)) - before;
}

/**
 * Loads `url` untimed, then reads the script time a person's click in `field` costs (the press, the
 * click, and SETTLE_MS after them).
 */
async function firstPressMeasured(page: Page, cdp: CDPSession, url: string, field: string): Promise<number> {
  await page.goto('about:blank');
  await cdp.send('HeapProfiler.collectGarbage');
  await page.goto(url, { waitUntil: 'load' });
  const target = page.locator(field);
  await target.scrollIntoViewIfNeeded();
  await page.waitForTimeout(SETTLE_MS);
  const before = await scriptMs(cdp);
  await target.click();
  await page.waitForTimeout(SETTLE_MS);
  return (await scriptMs(cdp)) - before;
}

export const autofill: MetricModule = {
  name: 'autofill',
  description:
    'autofill content script: gzip size, and its script time above an empty content script on a plain and a 5,000-element page',
  targets: [
    medianBelow('content_script_gzip_bytes', 15_000),
    medianAtMost('content_script_overhead_ms', 1, 'content_script_plain_ms - content_script_empty_plain_ms'),
    medianAtMost('content_script_overhead_5k_ms', 5, 'content_script_5k_ms - content_script_empty_5k_ms'),
    medianAtMost(
      'passkey_scripts_overhead_ms',
      0.5,
      'passkey_scripts_plain_ms - content_script_empty_plain_ms',
    ),
  ],
  async run(ctx) {
    const results: Results = {
      content_script_gzip_bytes: await injectedGzipBytes(ctx.extensionDir),
      content_script_forms_gzip_bytes: summarize(
        [gzipSync(await readFile(path.join(ctx.extensionDir, AUTOFILL_FORMS_SCRIPT)), { level: 9 }).length],
        'bytes',
      ),
    };

    // The same two pages under /real/ (the real content script), /empty/ (the empty one) and
    // /baseline/ (an earlier build's, when one is named).
    const root = await mkdtemp(path.join(tmpdir(), 'tessera-bench-pages-'));
    ctx.onCleanup(() => rm(root, { recursive: true, force: true }));
    for (const dir of [REAL_PAGES, EMPTY_PAGES, BASELINE_PAGES, PASSKEY_PAGES]) {
      await mkdir(path.join(root, dir), { recursive: true });
      await writeFile(path.join(root, dir, 'plain.html'), PLAIN_PAGE);
      await writeFile(path.join(root, dir, 'big.html'), bigPage());
    }
    const server = await startFixtureServer({ root });
    ctx.onCleanup(() => server.close());
    const ext = await launchBenchExtension(ctx);
    if (ext.baselineDir)
      results.content_script_baseline_gzip_bytes = await injectedGzipBytes(ext.baselineDir);
    const page = await ext.context.newPage();
    const cdp = await ext.context.newCDPSession(page);
    await cdp.send('Performance.enable');
    await page.goto(server.url(`${REAL_PAGES}big.html`));
    const elements = await page.evaluate(() => document.getElementsByTagName('*').length);

    for (const [label, file] of [
      ['plain', 'plain.html'],
      ['5k', 'big.html'],
    ] as const) {
      let run = 0;
      const arm = (dir: string) => () => loadMeasured(page, cdp, server.url(`${dir}${file}?run=${run++}`));
      const tasks: Record<string, () => Promise<number>> = {
        real: arm(REAL_PAGES),
        empty: arm(EMPTY_PAGES),
        // The passkey scripts real, autofill's empty: what every page pays for passkeys alone.
        passkeys: arm(PASSKEY_PAGES),
      };
      if (ext.baselineDir) tasks.baseline = arm(BASELINE_PAGES);
      const times = await sampleInterleaved(tasks, RUNS);
      if (process.env[PROFILE_ENV]) {
        // Extra loads of the real arm under the profiler, after the timed ones (bench/lib/cpu-profile.ts).
        const selfTimes = new SelfTimes();
        for (let i = 0; i < PROFILED_LOADS; i++) {
          await selfTimes.profiled(cdp, arm(REAL_PAGES));
        }
        ctx.log(
          `content script ${label}: self time per load (${PROFILED_LOADS} profiled loads of the real arm)`,
        );
        for (const line of selfTimes.top(25)) ctx.log(`  ${line}`);
      }
      const suffix = label === 'plain' ? '' : '_5k';
      const empty = summarize(times.empty!, 'ms');
      results[`content_script_empty_${label}_ms`] = empty;
      for (const [name, samples] of Object.entries(times)) {
        ctx.log(`content script ${label}: ${name} ${samples.map((ms) => ms.toFixed(1)).join(' ')}`);
        if (name === 'empty') continue;
        const measured = summarize(samples, 'ms');
        const prefix =
          name === 'real'
            ? 'content_script'
            : name === 'passkeys'
              ? 'passkey_scripts'
              : 'content_script_baseline';
        results[`${prefix}_${label}_ms`] = measured;
        results[`${prefix}_overhead${suffix}_ms`] = aboveFloor(measured, empty);
      }
    }
    // The held work: the first press in the 5k page's sign-in form, real and empty interleaved.
    let press = 0;
    const pressArm = (dir: string) => () =>
      firstPressMeasured(page, cdp, server.url(`${dir}big.html?press=${press++}`), 'input[name="username"]');
    const pressTimes = await sampleInterleaved(
      { real: pressArm(REAL_PAGES), empty: pressArm(EMPTY_PAGES) },
      RUNS,
    );
    for (const [name, samples] of Object.entries(pressTimes)) {
      ctx.log(`content script first press 5k: ${name} ${samples.map((ms) => ms.toFixed(1)).join(' ')}`);
    }
    const pressReal = summarize(pressTimes.real!, 'ms');
    const pressEmpty = summarize(pressTimes.empty!, 'ms');
    results.content_script_first_press_5k_ms = pressReal;
    results.content_script_empty_first_press_5k_ms = pressEmpty;
    results.content_script_first_press_overhead_5k_ms = aboveFloor(pressReal, pressEmpty);
    ctx.note(
      `content_script_first_press_*: detection is held until a person acts on a page with a login-like field (src/autofill/content/main.ts), so the load times above leave out importing autofill-forms.js and detecting; this is that work: script time of a click in the 5k page's username field and ${SETTLE_MS} ms after, real vs empty content script.`,
    );
    ctx.note(
      `content_script_*: renderer script time (CDP ScriptDuration) from navigation (after a forced GC) to ${SETTLE_MS} ms after load, real content script vs an empty one, pages interleaved; the 5k page has ${elements} elements and a sign-in form.`,
    );
    if (ext.baselineDir) {
      ctx.note(`content_script_baseline_*: the content scripts of ${ext.baselineDir}, in the same rounds.`);
    }
    return results;
  },
};

/** A median minus its floor's (the empty content script's), in ms. */
function aboveFloor(measured: Result, floor: Result): Result {
  return {
    median: Math.round((measured.median - floor.median) * 100) / 100,
    unit: 'ms',
    runs: Math.min(measured.runs, floor.runs),
  };
}

/** gzip -9 of every script a built extension's manifest injects into pages. */
async function injectedGzipBytes(extensionDir: string): Promise<Result> {
  // Read from the built manifest, so a moved or added file counts.
  const manifest = JSON.parse(await readFile(path.join(extensionDir, 'manifest.json'), 'utf8')) as {
    content_scripts?: { js?: string[] }[];
  };
  const files = (manifest.content_scripts ?? []).flatMap((entry) => entry.js ?? []);
  if (files.length === 0) throw new Error(`the manifest in ${extensionDir} declares no content script`);
  const script = Buffer.concat(
    await Promise.all(files.map((file) => readFile(path.join(extensionDir, file)))),
  );
  return summarize([gzipSync(script, { level: 9 }).length], 'bytes');
}
