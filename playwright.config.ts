// Playwright configuration for Tessera's end-to-end tests: tests/e2e (Chromium) and tests/e2e-firefox
// (Firefox ESR, driven by puppeteer-core over WebDriver BiDi; Playwright is only the runner there).
// Safety fact: no project names a browser for Playwright to install; the fixtures launch Debian's
// /usr/bin/chromium and /usr/bin/firefox-esr themselves, so `playwright install` is never needed.
import { defineConfig } from '@playwright/test';

export default defineConfig({
  // One browser at a time: CI and dev machines here have 2 cores, and each test runs its own Chromium.
  workers: 1,
  fullyParallel: false,
  // One retry in CI only: the 2-core CI machine is shared, and a test that fails twice is a real
  // failure; Playwright reports a test that passed on retry as flaky, so it stays visible.
  retries: process.env.CI ? 1 : 0,
  forbidOnly: !!process.env.CI,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: 'list',
  outputDir: 'test-results',
  use: {
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
  },
  projects: [
    { name: 'chromium-extension', testDir: 'tests/e2e' },
    { name: 'firefox-extension', testDir: 'tests/e2e-firefox' },
  ],
});
