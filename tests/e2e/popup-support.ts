// Shared steps for the popup's e2e specs (tests/e2e/popup*.spec.ts): open the popup at its real
// size, create a vault, seed items through the background's own protocol, and wait for screens.
// Safety fact: items are seeded through the background's own protocol ('vault.putMany'), so the
// tests never reach around the background into storage.
import type { Page } from '@playwright/test';
import { emptyItem } from '../../src/vault/item-schema';
import type { ItemInput } from '../../src/vault/types';
import type { ExtensionHarness } from './harness/extension-harness';
import { expect } from './harness/fixtures';

/** A password zxcvbn rates "strong", so creation is accepted. */
export const MASTER_PASSWORD = 'correct horse battery staple 42';

export type Screen = 'create' | 'unlock' | 'list' | 'item' | 'edit' | 'generator' | 'help';

/** The toolbar popup's size (style.css fixes the body at 360x560). */
export const POPUP_VIEWPORT = { width: 360, height: 560 };

export async function openPopup(extension: ExtensionHarness): Promise<Page> {
  const page = await extension.newPage();
  await page.setViewportSize(POPUP_VIEWPORT);
  await page.goto(extension.url('popup.html'));
  return page;
}

export async function waitForScreen(page: Page, screen: Screen): Promise<void> {
  await expect(page.locator('body')).toHaveAttribute('data-ready', screen);
}

export async function createVault(page: Page, password = MASTER_PASSWORD): Promise<void> {
  await waitForScreen(page, 'create');
  await page.getByLabel('Master password', { exact: true }).fill(password);
  await page.getByLabel('Repeat master password').fill(password);
  await page.getByRole('button', { name: 'Create vault' }).click();
  await waitForScreen(page, 'list');
}

export function login(name: string, extra: Partial<ItemInput> = {}): ItemInput {
  return {
    ...emptyItem(),
    name,
    username: `${name.toLowerCase().replace(/\W+/g, '.')}@example.com`,
    password: `pw-${name}-Secret!`,
    urls: [`https://${name.toLowerCase().replace(/\W+/g, '-')}.example.com/login`],
    ...extra,
  };
}

/** The slice of the extension API that page.evaluate callbacks use (they run in the popup). */
type PageChrome = {
  runtime: { sendMessage(message: unknown): Promise<{ ok: boolean; value?: unknown } | undefined> };
};

/** Sends one protocol request from the popup page, as the popup itself would; returns the value. */
export async function sendRequest<T = unknown>(
  page: Page,
  message: { type: string } & Record<string, unknown>,
): Promise<T> {
  return page.evaluate(async (msg) => {
    const { chrome } = globalThis as unknown as { chrome: PageChrome };
    const reply = await chrome.runtime.sendMessage(msg);
    if (!reply?.ok) throw new Error(`${msg.type} failed: ${JSON.stringify(reply)}`);
    return reply.value as T;
  }, message);
}

/** Stores items through the background in one 'vault.putMany' (the vault must be unlocked). */
export async function seedItems(page: Page, items: readonly ItemInput[]): Promise<void> {
  const { count } = await sendRequest<{ count: number }>(page, {
    type: 'vault.putMany',
    items,
    replace: false,
  });
  expect(count).toBe(items.length);
}

/** The search box (a combobox controlling the item list). */
export function searchBox(page: Page) {
  return page.getByRole('combobox', { name: 'Search items' });
}

export function listOptions(page: Page) {
  return page.getByRole('listbox', { name: 'Items' }).getByRole('option');
}
