// Playwright test fixtures for Tessera's e2e tests: import { test, expect } from './harness/fixtures'.
// Safety fact: every test gets its own throwaway browser profile (so no vault, key or setting leaks
// between tests) unless it sets `userDataDir` itself, and all fixture traffic stays on 127.0.0.1.
//
// Fixtures:
//   extension      ExtensionHarness: id, context, openPopup(), openOptions(), evalInWorker(),
//                  stopServiceWorker(), isServiceWorkerRunning(), restartBrowser(), ...
//   context, page  overridden to come from the extension's browser (the built-in ones would launch
//                  Playwright's bundled browser, which this project never downloads)
//   fixtureServer  worker-scoped loopback HTTP server for tests/fixtures; fixtureServer.url('demo-site/')
// Options (test.use):
//   mapAllHostsToLoopback  add --host-resolver-rules=MAP * 127.0.0.1 (default false)
//   userDataDir            a profile directory to use and keep (default: fresh temp dir, deleted after)
//   trustedCertificateSpki a test certificate Chromium accepts as valid (launch-extension.ts)
//   keepWelcomePage        leave the welcome tab a first install opens (default false: closed at launch)
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type BrowserContext, test as base, type Page } from '@playwright/test';
import { ExtensionHarness } from './extension-harness';
import { type FixtureServer, startFixtureServer } from './fixture-server';
import { CHROME_EXTENSION_DIR, FIXTURES_DIR } from './paths';

export interface TesseraTestOptions {
  mapAllHostsToLoopback: boolean;
  userDataDir: string | undefined;
  trustedCertificateSpki: string | undefined;
  keepWelcomePage: boolean;
}

interface TesseraTestFixtures {
  extension: ExtensionHarness;
  context: BrowserContext;
  page: Page;
}

interface TesseraWorkerFixtures {
  fixtureServer: FixtureServer;
}

export const test = base.extend<TesseraTestOptions & TesseraTestFixtures, TesseraWorkerFixtures>({
  mapAllHostsToLoopback: [false, { option: true }],
  userDataDir: [undefined, { option: true }],
  trustedCertificateSpki: [undefined, { option: true }],
  keepWelcomePage: [false, { option: true }],

  fixtureServer: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright requires an object pattern here.
    async ({}, use) => {
      const server = await startFixtureServer({ root: FIXTURES_DIR });
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],

  extension: async ({ mapAllHostsToLoopback, userDataDir, trustedCertificateSpki, keepWelcomePage }, use) => {
    const profile = userDataDir ?? (await mkdtemp(path.join(tmpdir(), 'tessera-e2e-')));
    try {
      const harness = await ExtensionHarness.launch({
        userDataDir: profile,
        extensionDir: CHROME_EXTENSION_DIR,
        mapAllHostsToLoopback,
        keepWelcomePage,
        ...(trustedCertificateSpki ? { trustedCertificateSpki } : {}),
      });
      try {
        await use(harness);
      } finally {
        await harness.close();
      }
    } finally {
      // Also after a failed launch. Chromium may still be flushing the profile for a moment after
      // close, hence the retries.
      if (!userDataDir) await rm(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
    }
  },

  // The context the test started with. After extension.restartBrowser() use extension.context instead.
  context: async ({ extension }, use) => {
    await use(extension.context);
  },

  page: async ({ extension }, use) => {
    await use(await extension.newPage());
  },
});

export { expect } from '@playwright/test';
