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
//   firefoxAcceptInsecureCerts  accept self-signed certificates (the passkey relying party)
//   firefoxTestPermissions  permissions added to a temporary copy of the build that the test
//                           installs instead (a test-only grant, e.g. scripting); [] = the shipped build
//   firefoxKeepWelcomePage  leave the welcome tab the install opens (default false: closed at launch)
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test as base } from '@playwright/test';
import { type FixtureServer, startFixtureServer } from '../../e2e/harness/fixture-server';
import { FIREFOX_EXTENSION_DIR, FIXTURES_DIR } from '../../e2e/harness/paths';
import { findFirefox, whenFirefoxMissing } from './firefox-executable';
import { FirefoxExtension } from './firefox-extension';

interface Options {
  firefoxPrefs: Readonly<Record<string, string | number | boolean>>;
  firefoxTestPermissions: readonly string[];
  firefoxAcceptInsecureCerts: boolean;
  firefoxKeepWelcomePage: boolean;
}

/** A temporary copy of the Firefox build whose manifest also asks for `permissions`. */
async function buildWithPermissions(permissions: readonly string[]): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'tessera-ff-build-'));
  await cp(FIREFOX_EXTENSION_DIR, dir, { recursive: true });
  const file = path.join(dir, 'manifest.json');
  const manifest = JSON.parse(await readFile(file, 'utf8')) as { permissions?: string[] };
  manifest.permissions = [...(manifest.permissions ?? []), ...permissions];
  await writeFile(file, JSON.stringify(manifest));
  return dir;
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
  firefoxTestPermissions: [[], { option: true }],
  firefoxAcceptInsecureCerts: [false, { option: true }],
  firefoxKeepWelcomePage: [false, { option: true }],

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

  firefox: async (
    { firefoxPath, firefoxPrefs, firefoxTestPermissions, firefoxAcceptInsecureCerts, firefoxKeepWelcomePage },
    use,
    testInfo,
  ) => {
    if (!firefoxPath) {
      const { fail, message } = whenFirefoxMissing();
      if (fail) throw new Error(message);
      console.warn(message);
      testInfo.skip(true, message);
      return;
    }
    const extensionDir =
      firefoxTestPermissions.length > 0 ? await buildWithPermissions(firefoxTestPermissions) : undefined;
    const firefox = await FirefoxExtension.launch({
      executablePath: firefoxPath,
      prefs: firefoxPrefs,
      acceptInsecureCerts: firefoxAcceptInsecureCerts,
      keepWelcomePage: firefoxKeepWelcomePage,
      ...(extensionDir ? { extensionDir } : {}),
    });
    try {
      await use(firefox);
    } finally {
      await firefox.close();
      if (extensionDir) await rm(extensionDir, { recursive: true, force: true });
    }
  },
});

export { expect } from '@playwright/test';
