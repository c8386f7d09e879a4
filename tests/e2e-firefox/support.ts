// Shared steps for the Firefox e2e specs: the same flows and test data as the Chromium specs
// (tests/e2e/popup-support.ts, helpers/options.ts), driven through puppeteer-core.
// Safety fact: every request goes through browser.runtime.sendMessage from an extension page,
// exactly as Tessera's own pages send it; the tests never reach around the background into storage.
import type { Page } from 'puppeteer-core';
import { click, fill, waitForReady } from './harness/dom';
import type { FirefoxExtension } from './harness/firefox-extension';

export { MASTER_PASSWORD, NEW_PASSWORD } from '../e2e/helpers/options';

export type Reply<T = unknown> =
  | { ok: true; value: T }
  | { ok: false; error: { code: string; message: string } };

/** Sends one protocol request from an extension page; returns the raw reply. */
export async function sendRaw<T = unknown>(
  page: Page,
  message: { type: string } & Record<string, unknown>,
): Promise<Reply<T>> {
  return page.evaluate(async (msg) => {
    const api = (
      globalThis as unknown as { browser: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }
    ).browser;
    return (await api.runtime.sendMessage(msg)) as Reply<T>;
  }, message);
}

export async function send<T = unknown>(
  page: Page,
  message: { type: string } & Record<string, unknown>,
): Promise<T> {
  const reply = await sendRaw<T>(page, message);
  if (!reply.ok) throw new Error(`${message.type} refused: ${reply.error.code}: ${reply.error.message}`);
  return reply.value;
}

export async function openPopup(firefox: FirefoxExtension, query = ''): Promise<Page> {
  const page = await firefox.openExtensionPage(`popup.html${query}`);
  await page.setViewport({ width: 360, height: 560 });
  return page;
}

/** The popup's first run: create a vault with the master password (one real Argon2id run). */
export async function createVaultInPopup(popup: Page, password: string): Promise<void> {
  await waitForReady(popup, 'create');
  await fill(popup, 'Master password', password);
  await fill(popup, 'Repeat master password', password);
  await click(popup, 'Create vault');
  await waitForReady(popup, 'list');
}

export async function unlockPopup(popup: Page, password: string): Promise<void> {
  await waitForReady(popup, 'unlock');
  await fill(popup, 'Master password', password);
  await click(popup, 'Unlock');
}
