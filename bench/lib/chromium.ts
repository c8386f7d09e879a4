// Launches Debian's Chromium for the bench, headless, through playwright-core.
//
// Safety fact: nothing is downloaded (no Playwright browser, no component updates, no sync), and the
// browser always gets its own on-disk profile directory, so IndexedDB is the real LevelDB-backed
// store users have, not the in-memory one of Playwright's default (incognito) contexts.

import { type BrowserContext, chromium } from 'playwright-core';
import { findChromium, INSTALL_HINT } from '../../tests/e2e/harness/chromium-executable';

/** Flags for a quiet, reproducible browser: no GPU, no background traffic competing for the 2 cores. */
export const CHROMIUM_ARGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export interface ChromiumOptions {
  /** Profile directory; the caller creates and removes it. */
  userDataDir: string;
  /** An unpacked extension to load (e.g. .output/chrome-mv3); every other extension stays disabled. */
  extensionDir?: string;
}

export function chromiumExecutable(): string {
  const found = findChromium();
  if (!found.path) {
    throw new Error(`Chromium not found (looked at ${found.tried.join(', ')}). Install it: ${INSTALL_HINT}`);
  }
  return found.path;
}

/**
 * A persistent context: Playwright only enables extensions there, and only there is storage on disk.
 * `headless: true` is Chromium's new headless mode (the full browser) since Chromium 132.
 */
export function launchChromium(options: ChromiumOptions): Promise<BrowserContext> {
  const args = [...CHROMIUM_ARGS];
  if (options.extensionDir) {
    args.push(
      `--disable-extensions-except=${options.extensionDir}`,
      `--load-extension=${options.extensionDir}`,
    );
  }
  return chromium.launchPersistentContext(options.userDataDir, {
    executablePath: chromiumExecutable(),
    headless: true,
    chromiumSandbox: false,
    args,
    viewport: { width: 1000, height: 800 },
  });
}
