// Playwright fixtures for the Firefox e2e tests (tests/e2e-firefox): Playwright is only the runner
// here; each test drives its own Firefox ESR through puppeteer-core (WebDriver BiDi).
// Safety fact: each test gets a fresh temporary profile, and all fixture traffic stays on 127.0.0.1.
// Without Firefox the tests skip with the install command, except in CI (CI=true), where a missing
// Firefox is a failure: CI must never pass by testing nothing.
//
// Fixtures:
//   firefox        FirefoxExtension: openExtensionPage(), navigate(), privileged(), backgroundState(), ...
//   fixtureServer  worker-scoped loopback HTTP server for tests/fixtures (shared with tests/e2e)
// Options (test.use):
//   firefoxPrefs   extra Firefox prefs for the test's profile
import { test as base } from '@playwright/test';
import { type FixtureServer, startFixtureServer } from '../../e2e/harness/fixture-server';
import { FIXTURES_DIR } from '../../e2e/harness/paths';
import { findFirefox, whenFirefoxMissing } from './firefox-executable';
import { FirefoxExtension } from './firefox-extension';

interface Options {
  firefoxPrefs: Readonly<Record<string, string | number | boolean>>;
}

interface TestFixtures {
  firefox: FirefoxExtension;
}

interface WorkerFixtures {
  fixtureServer: FixtureServer;
  firefoxPath: string | null;
}

export const test = base.extend<Options & TestFixtures, WorkerFixtures>({
  firefoxPrefs: [{}, { option: true }],

  firefoxPath: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright requires an object pattern here.
    async ({}, use) => {
      await use(findFirefox());
    },
    { scope: 'worker' },
  ],

  fixtureServer: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright requires an object pattern here.
    async ({}, use) => {
      const server = await startFixtureServer({ root: FIXTURES_DIR });
      await use(server);
      await server.close();
    },
    { scope: 'worker' },
  ],

  firefox: async ({ firefoxPath, firefoxPrefs }, use, testInfo) => {
    if (!firefoxPath) {
      const { fail, message } = whenFirefoxMissing();
      if (fail) throw new Error(message);
      console.warn(message);
      testInfo.skip(true, message);
      return;
    }
    const firefox = await FirefoxExtension.launch({ executablePath: firefoxPath, prefs: firefoxPrefs });
    try {
      await use(firefox);
    } finally {
      await firefox.close();
    }
  },
});

export { expect } from '@playwright/test';
