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
//   firefoxManifestPatch  installs a temporary copy of the build with its manifest changed by this
//                         function (a test-only grant, e.g. scripting); never the shipped build
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test as base } from '@playwright/test';
import { type FixtureServer, startFixtureServer } from '../../e2e/harness/fixture-server';
import { FIREFOX_EXTENSION_DIR, FIXTURES_DIR } from '../../e2e/harness/paths';
import { findFirefox, whenFirefoxMissing } from './firefox-executable';
import { FirefoxExtension } from './firefox-extension';

type Manifest = Record<string, unknown>;

interface Options {
  firefoxPrefs: Readonly<Record<string, string | number | boolean>>;
  firefoxManifestPatch: ((manifest: Manifest) => Manifest) | null;
}

/** A temporary copy of the Firefox build with `patch` applied to its manifest. */
async function patchedBuild(patch: (manifest: Manifest) => Manifest): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'tessera-ff-build-'));
  await cp(FIREFOX_EXTENSION_DIR, dir, { recursive: true });
  const file = path.join(dir, 'manifest.json');
  await writeFile(file, JSON.stringify(patch(JSON.parse(await readFile(file, 'utf8')))));
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
  firefoxManifestPatch: [null, { option: true }],

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

  firefox: async ({ firefoxPath, firefoxPrefs, firefoxManifestPatch }, use, testInfo) => {
    if (!firefoxPath) {
      const { fail, message } = whenFirefoxMissing();
      if (fail) throw new Error(message);
      console.warn(message);
      testInfo.skip(true, message);
      return;
    }
    const extensionDir = firefoxManifestPatch ? await patchedBuild(firefoxManifestPatch) : undefined;
    const firefox = await FirefoxExtension.launch({
      executablePath: firefoxPath,
      prefs: firefoxPrefs,
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
