// Shared steps of the passkey e2e tests (tests/e2e/passkeys.spec.ts) and the bench: the demo relying
// party as a worker fixture, Tessera's dialog window, and the demo page's buttons.
import type { Page } from '@playwright/test';
import type { ExtensionHarness } from './harness/extension-harness';
import { test as base, expect } from './harness/fixtures';
import { type PasskeyRp, passkeyRpFixture, RP_HOST, RP_ID } from './harness/passkey-rp';

export { RP_HOST, RP_ID };

/** The Chromium fixtures with the demo relying party (worker-scoped) and its certificate trusted. */
export const test = base.extend<object, { passkeyRp: PasskeyRp }>({
  passkeyRp: passkeyRpFixture,
  trustedCertificateSpki: async ({ passkeyRp }, use) => use(passkeyRp.spkiHash),
  mapAllHostsToLoopback: true,
});

export { expect };

/** Waits for Tessera's passkey dialog window to open and show its question. */
export async function waitForDialog(extension: ExtensionHarness): Promise<Page> {
  const isDialog = (page: Page) => page.url().includes('/passkey-dialog.html');
  const open = extension.context.pages().find(isDialog);
  const dialog = open ?? (await extension.context.waitForEvent('page', { predicate: isDialog }));
  await expect(dialog.getByRole('heading', { level: 1 })).toBeVisible();
  return dialog;
}

/** How many passkey dialog windows are open. */
export function dialogCount(extension: ExtensionHarness): number {
  return extension.context.pages().filter((page) => page.url().includes('/passkey-dialog.html')).length;
}

/** The demo page: fill the user name and press one of its buttons. */
export async function demo(
  page: Page,
  action: 'register' | 'signin' | 'signout',
  username = '',
): Promise<void> {
  await page.locator('#username').fill(username);
  await page.locator(`#${action}`).click();
}

export function status(page: Page) {
  return page.locator('#status');
}

/** Runs navigator.credentials.get in `page` and returns the error name, or 'resolved'. */
export function getAssertionOutcome(
  page: Pick<Page, 'evaluate'>,
  publicKey: { rpId?: string; allowCredentials?: { id: string; type: string }[] } = {},
): Promise<string> {
  return page.evaluate(async (options) => {
    try {
      await navigator.credentials.get({
        publicKey: {
          challenge: crypto.getRandomValues(new Uint8Array(32)),
          ...(options.rpId ? { rpId: options.rpId } : {}),
          allowCredentials: (options.allowCredentials ?? []).map((d) => ({
            type: 'public-key' as const,
            id: Uint8Array.from(atob(d.id.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0)),
          })),
        },
      });
      return 'resolved';
    } catch (error) {
      return (error as Error).name;
    }
  }, publicKey);
}

/**
 * A person's click on the dialog's button named `name`. An answer closes the dialog's window, which
 * can end Playwright's click before it reports back: a click error is accepted only when the window
 * did close.
 */
export async function answerDialog(dialog: Page, name: string | RegExp): Promise<void> {
  await dialog
    .getByRole('button', { name })
    .click()
    .catch((error: unknown) => {
      if (!dialog.isClosed()) throw error;
    });
}
