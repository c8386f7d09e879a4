// The welcome page Tessera opens in a new tab when it is installed (entrypoints/background/welcome.ts).
// Safety fact: every e2e profile starts with a fresh install, so every launch on a new profile gets
// that tab; the harness closes it (unless a test keeps it) before any test runs, so no test finds
// an extra tab, or an active tab it did not open. Nothing in the extension knows about tests.
import { access } from 'node:fs/promises';
import path from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';

/** How long a first install may take to open its welcome tab (the worker has already activated). */
const WELCOME_TIMEOUT_MS = 20_000;

/**
 * Whether Chromium will install the extension on this launch: the profile has never been used
 * (Chromium writes Default/ at its first start), so the unpacked build is new to it.
 */
export async function isFreshProfile(userDataDir: string): Promise<boolean> {
  return access(path.join(userDataDir, 'Default')).then(
    () => false,
    () => true,
  );
}

/** The welcome tab once it shows chrome-extension://<id>/welcome.html; fails if it never opens. */
export async function waitForWelcomePage(context: BrowserContext, extensionId: string): Promise<Page> {
  const url = `chrome-extension://${extensionId}/welcome.html`;
  const deadline = Date.now() + WELCOME_TIMEOUT_MS;
  for (;;) {
    const page = context.pages().find((candidate) => candidate.url() === url);
    if (page) return page;
    if (Date.now() > deadline) throw new Error(`no welcome tab (${url}) opened at install`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The welcome tabs open now (for a test asserting that no other one opened). */
export function welcomePagesOpen(context: BrowserContext, extensionId: string): Page[] {
  return context.pages().filter((page) => page.url() === `chrome-extension://${extensionId}/welcome.html`);
}
