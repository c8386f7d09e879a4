// Creates the BenchContext: the browser, the bench page and its server are started on first use
// only, so a run of Node-only modules never launches Chromium.
//
// Safety fact: everything started here is stopped by close(), in reverse order, even when a
// module threw; the temporary Chromium profile is deleted with it.

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { buildBenchPage } from './bench-page';
import { launchChromium } from './chromium';
import { serveDirectory } from './server';
import type { BenchContext } from './types';

export interface OwnedContext {
  ctx: BenchContext;
  notes: string[];
  close(): Promise<void>;
}

function once<T>(make: () => Promise<T>): () => Promise<T> {
  let made: Promise<T> | undefined;
  return () => {
    made ??= make();
    return made;
  };
}

export function createContext(repoRoot: string): OwnedContext {
  const cleanups: (() => Promise<void> | void)[] = [];
  const notes: string[] = [];
  const onCleanup = (fn: () => Promise<void> | void) => void cleanups.push(fn);

  const chromium = once(async (): Promise<BrowserContext> => {
    const userDataDir = await mkdtemp(path.join(tmpdir(), 'tessera-bench-profile-'));
    onCleanup(() => rm(userDataDir, { recursive: true, force: true }));
    const browser = await launchChromium({ userDataDir });
    onCleanup(() => browser.close());
    return browser;
  });

  const benchPageOrigin = once(async (): Promise<string> => {
    const outDir = await buildBenchPage(repoRoot);
    const server = await serveDirectory(outDir);
    onCleanup(() => server.close());
    return server.origin;
  });

  const ctx: BenchContext = {
    repoRoot,
    extensionDir: path.join(repoRoot, '.output', 'chrome-mv3'),
    log: (message) => console.error(`[bench] ${message}`),
    note: (message) => void notes.push(message),
    chromium,
    async openBenchPage(): Promise<Page> {
      const origin = await benchPageOrigin();
      const page = await (await chromium()).newPage();
      page.on('pageerror', (error) => console.error(`[bench page] ${error.message}`));
      await page.goto(`${origin}/index.html`);
      await page.waitForFunction(() => window.tesseraBench !== undefined, undefined, { timeout: 30_000 });
      return page;
    },
    onCleanup,
  };

  return {
    ctx,
    notes,
    async close() {
      for (const fn of cleanups.reverse()) {
        try {
          await fn();
        } catch (error) {
          console.error(`[bench] cleanup failed: ${(error as Error).message}`);
        }
      }
    },
  };
}
