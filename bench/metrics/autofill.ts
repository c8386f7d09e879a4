// The autofill content script's cost to every page (issue 5, "Speed"):
//   content_script_gzip_bytes      gzip -9 of every script the manifest injects into pages
//   content_script_overhead_ms     its own main() on a plain page (no login-like field)
//   content_script_overhead_5k_ms  its own main() on a page of 5,000 elements with a sign-in form
//                                  at the end (the worst case: pre-check, full detection, observer)
//
// What is timed: the content script measures its main() with performance.now() and keeps the
// number in a global of its isolated world (entrypoints/autofill-content.ts), where page scripts
// cannot see it; the bench reads it over CDP in that world. Script parsing and injection by the
// browser are not in the number (they are the browser's, and depend on the bundle size, which
// the gzip metric covers).

import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';
import { startFixtureServer } from '../../tests/e2e/harness/fixture-server';
import { launchChromium } from '../lib/chromium';
import { medianBelow } from '../lib/report';
import { summarize } from '../lib/sampling';
import type { MetricModule } from '../lib/types';

const RUNS = 15;
const WARMUP = 2;

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

/** Reads the content script's own main() time from its isolated world. */
async function contentScriptMs(page: Page, extensionId: string, url: string): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const contexts: { id: number; origin: string; auxData?: { isDefault?: boolean; frameId?: string } }[] =
      [];
    cdp.on('Runtime.executionContextCreated', (event) => contexts.push(event.context));
    await cdp.send('Runtime.enable');
    await page.goto(url);
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      // The newest isolated world of our extension belongs to the page just loaded.
      const world = contexts.filter(
        (c) => c.origin === `chrome-extension://${extensionId}` && !c.auxData?.isDefault,
      );
      const latest = world[world.length - 1];
      if (latest) {
        const { result } = await cdp.send('Runtime.evaluate', {
          expression: 'globalThis.__tesseraContentMs ?? null',
          contextId: latest.id,
          returnByValue: true,
        });
        if (typeof result.value === 'number') return result.value;
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`the content script did not report on ${url}`);
  } finally {
    await cdp.detach().catch(() => undefined);
  }
}

export const autofill: MetricModule = {
  name: 'autofill',
  description:
    'autofill content script: gzip size and its own start-up time on a plain and a 5,000-element page',
  targets: [
    medianBelow('content_script_gzip_bytes', 15_000),
    medianBelow('content_script_overhead_ms', 2),
    medianBelow('content_script_overhead_5k_ms', 10),
  ],
  async run(ctx) {
    // Every script the manifest injects, read from the built manifest (so a moved or added file counts).
    const manifest = JSON.parse(await readFile(path.join(ctx.extensionDir, 'manifest.json'), 'utf8')) as {
      content_scripts?: { js?: string[] }[];
    };
    const files = (manifest.content_scripts ?? []).flatMap((entry) => entry.js ?? []);
    if (files.length === 0) throw new Error('the built manifest declares no content script');
    const script = Buffer.concat(
      await Promise.all(files.map((file) => readFile(path.join(ctx.extensionDir, file)))),
    );
    const results = {
      content_script_gzip_bytes: summarize([gzipSync(script, { level: 9 }).length], 'bytes'),
    };

    const root = await mkdtemp(path.join(tmpdir(), 'tessera-bench-pages-'));
    const userDataDir = await mkdtemp(path.join(tmpdir(), 'tessera-bench-autofill-'));
    await writeFile(path.join(root, 'plain.html'), PLAIN_PAGE);
    await writeFile(path.join(root, 'big.html'), bigPage());
    const server = await startFixtureServer({ root });
    const context = await launchChromium({ userDataDir, extensionDir: ctx.extensionDir });
    try {
      const worker =
        context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 30_000 }));
      const extensionId = new URL(worker.url()).host;
      const page = await context.newPage();
      const elements = await (async () => {
        await page.goto(server.url('big.html'));
        return page.evaluate(() => document.getElementsByTagName('*').length);
      })();
      for (const [metric, file] of [
        ['content_script_overhead_ms', 'plain.html'],
        ['content_script_overhead_5k_ms', 'big.html'],
      ] as const) {
        const samples: number[] = [];
        for (let run = 0; run < WARMUP + RUNS; run++) {
          const ms = await contentScriptMs(page, extensionId, server.url(`${file}?run=${run}`));
          if (run >= WARMUP) samples.push(ms);
        }
        ctx.log(`${metric}: ${samples.map((ms) => ms.toFixed(2)).join(' ')}`);
        Object.assign(results, { [metric]: summarize(samples, 'ms') });
      }
      ctx.note(
        `content_script_overhead_*: the content script's own main() (pre-check, detection, observer setup), read from its isolated world; the 5k page has ${elements} elements and a sign-in form.`,
      );
      return results;
    } finally {
      await context.close();
      await server.close();
      await rm(root, { recursive: true, force: true });
      await rm(userDataDir, { recursive: true, force: true });
    }
  },
};
