// Shared steps for the options page e2e specs (tests/e2e/options*.spec.ts): open the page with a
// short WebAuthn timeout, talk to the background with the page's own protocol, seed and check items,
// and drive a CDP virtual authenticator that stands in for a fingerprint reader.
// Safety fact: every request goes through chrome.runtime.sendMessage from an extension page, exactly
// as the options page sends it; the tests never reach around the background into storage, except
// to read storage.local (which holds only non-secret settings) to prove that a reset cleared it.
import { generateKeyPairSync } from 'node:crypto';
import type { CDPSession, Locator, Page } from '@playwright/test';
import type { ItemInput } from '../../../src/vault/types';
import type { ExtensionHarness } from '../harness/extension-harness';
import { expect } from '../harness/fixtures';

/** zxcvbn rates these "strong", so every form accepts them. */
export const MASTER_PASSWORD = 'correct horse battery staple 42';
export const NEW_PASSWORD = 'violet mango quarry lantern 77';
export const BACKUP_PASSWORD = 'paper kite ocean thunder 19';

/**
 * The options page reads ?webauthnTimeout=<ms> (src/ui/webauthn.ts). A removed authenticator only
 * fails when the timeout ends, so tests use a short one.
 */
export const WEBAUTHN_TIMEOUT_MS = 3_000;

export type OptionsState = 'empty' | 'locked' | 'unlocked';

export async function openOptions(extension: ExtensionHarness, hash = ''): Promise<Page> {
  const page = await extension.newPage();
  await page.goto(extension.url(`options.html?webauthnTimeout=${WEBAUTHN_TIMEOUT_MS}${hash}`));
  return page;
}

/** The options page's navigation groups (entrypoints/options/registry.tsx), as the sidebar names them. */
export type OptionsGroupName =
  | 'Vault and security'
  | 'Unlock and recovery'
  | 'Import and export'
  | 'Autofill'
  | 'Health'
  | 'Sync';

/** The sidebar of groups; a state with one group (empty) has none. */
export function optionsNavigation(page: Page) {
  return page.getByRole('navigation', { name: 'Settings sections' });
}

/** Shows a group of the options page as a person would, with its link in the sidebar. */
export async function showGroup(page: Page, name: OptionsGroupName): Promise<void> {
  const link = optionsNavigation(page).getByRole('link', { name, exact: true });
  await link.click();
  await expect(link).toHaveAttribute('aria-current', 'page');
}

/** Shows each group of the sidebar in turn and runs `check` on it, with the group's name. */
export async function forEachGroup(page: Page, check: (group: string) => Promise<void>): Promise<void> {
  const names = await optionsNavigation(page).getByRole('link').allInnerTexts();
  expect(names.length, 'groups in the sidebar').toBeGreaterThan(1);
  for (const name of names) {
    await showGroup(page, name as OptionsGroupName);
    await check(name);
  }
}

export async function waitForState(page: Page, state: OptionsState): Promise<void> {
  await expect(page.locator('body')).toHaveAttribute('data-ready', `options-${state}`);
}

export type Reply<T = unknown> =
  | { ok: true; value: T }
  | { ok: false; error: { code: string; message: string } };

/** Sends one protocol request from the page; returns the raw reply (for refusals). */
export async function sendRaw<T = unknown>(
  page: Page,
  message: { type: string } & Record<string, unknown>,
): Promise<Reply<T>> {
  return page.evaluate(async (msg) => {
    const { chrome } = globalThis as unknown as {
      chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } };
    };
    return (await chrome.runtime.sendMessage(msg)) as Reply<T>;
  }, message);
}

/** Sends one protocol request from the page; returns the value or throws with the refusal. */
export async function send<T = unknown>(
  page: Page,
  message: { type: string } & Record<string, unknown>,
): Promise<T> {
  return replyValue(message.type, await sendRaw<T>(page, message));
}

/** The reply's value, or an error naming the request and the background's refusal. */
export function replyValue<T>(type: string, reply: Reply<T>): T {
  if (!reply.ok) throw new Error(`${type} refused: ${reply.error.code}: ${reply.error.message}`);
  return reply.value;
}

/** Items with fixed ids, so they can be read back one by one whatever the list format. */
export function sampleItems(count: number, prefix = 'item'): ItemInput[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `${prefix}-${i}`,
    name: `Site ${i}`,
    username: `user${i}@example.com`,
    password: `pw-${i}-${'x'.repeat(i % 7)}-Secret!`,
    notes: i % 3 === 0 ? `note ${i}\nsecond line` : '',
    totp: '',
    urls: [`https://site${i}.example.com/login`],
    match: 'domain',
    favorite: i % 5 === 0,
    fields: i % 4 === 0 ? [{ name: 'PIN', value: String(1000 + i), hidden: true }] : [],
  }));
}

export async function seedItems(page: Page, items: readonly ItemInput[]): Promise<void> {
  const { count } = await send<{ count: number }>(page, { type: 'vault.putMany', items, replace: false });
  expect(count).toBe(items.length);
}

/** Every item is in the (unlocked) vault with exactly the values it was stored with. */
export async function expectItems(page: Page, items: readonly ItemInput[]): Promise<void> {
  const stored = await page.evaluate(
    async (ids) => {
      const { chrome } = globalThis as unknown as {
        chrome: {
          runtime: { sendMessage(m: unknown): Promise<{ ok: boolean; value?: unknown; error?: unknown }> };
        };
      };
      return Promise.all(
        ids.map(async (id) => {
          const reply = await chrome.runtime.sendMessage({ type: 'vault.get', id });
          return reply.ok ? reply.value : { missing: id, error: reply.error };
        }),
      );
    },
    items.map((i) => i.id!),
  );
  // The dates the vault keeps itself (src/vault/password-age.ts dates a new password) are left out.
  const comparable = (stored as Record<string, unknown>[]).map(
    ({ createdAt: _c, updatedAt: _u, passwordChangedAt: _p, ...rest }) => rest,
  );
  expect(comparable).toEqual(items.map((i) => ({ ...i })));
}

/** Creates a vault through the background (one Argon2id run) and reloads the page to show it. */
export async function createVaultQuickly(page: Page, password = MASTER_PASSWORD): Promise<void> {
  await waitForState(page, 'empty');
  await send(page, { type: 'vault.create', password });
  await page.reload();
  await waitForState(page, 'unlocked');
}

export async function lockFromPage(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Lock now' }).click();
  await waitForState(page, 'locked');
}

/** The locked page's "Forgot your password?" region, opened. */
export async function openForgot(page: Page) {
  const region = page.getByRole('region', { name: 'Recover access' });
  const toggle = region.getByRole('button', { name: 'Forgot your password?' });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  return region;
}

/** Fills "Forgot your password?" (opened by openForgot) with a recovery key and a new password, and submits. */
export async function submitRecovery(forgot: Locator, recoveryKey: string, next: string): Promise<void> {
  await forgot.getByLabel('Recovery key').fill(recoveryKey);
  await forgot.getByLabel('New master password', { exact: true }).fill(next);
  await forgot.getByLabel('Repeat new master password').fill(next);
  await forgot.getByRole('button', { name: 'Unlock and set the new password' }).click();
}

export async function unlockWithPassword(page: Page, password: string): Promise<void> {
  const region = page.getByRole('region', { name: 'Unlock your vault' });
  await region.getByLabel('Master password', { exact: true }).fill(password);
  await region.getByRole('button', { name: 'Unlock', exact: true }).click();
}

/** Turns biometric unlock on in the page's section (a virtual authenticator must be attached). */
export async function enrolBiometric(page: Page): Promise<void> {
  const region = page.getByRole('region', { name: 'Biometric unlock' });
  await page.bringToFront();
  await region.getByLabel('Your master password, to turn on biometric unlock').fill(MASTER_PASSWORD);
  await region.getByRole('button', { name: 'Turn on biometric unlock' }).click();
  await expect(region.getByRole('status')).toHaveText('Biometric unlock is on for “This device”.');
  await expect(region.getByRole('listitem')).toHaveCount(1);
}

export async function storedKeyKinds(page: Page): Promise<string[]> {
  const { records } = await send<{ records: { kind: string }[] }>(page, { type: 'keys.list' });
  return records.map((r) => r.kind).sort();
}

// ---- virtual authenticator ------------------------------------------------------------------------

/**
 * A CDP virtual authenticator (internal transport, CTAP 2.1, user verification and PRF), attached to
 * one page. automaticPresenceSimulation answers every prompt as a verified user would.
 */
export class VirtualAuthenticator {
  private constructor(
    readonly cdp: CDPSession,
    readonly id: string,
  ) {}

  static async attach(page: Page): Promise<VirtualAuthenticator> {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('WebAuthn.enable', { enableUI: false });
    return VirtualAuthenticator.add(cdp);
  }

  /** Another authenticator on the same page session (the first must have been attached). */
  static async add(cdp: CDPSession): Promise<VirtualAuthenticator> {
    const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        ctap2Version: 'ctap2_1',
        transport: 'internal',
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
        hasPrf: true,
        automaticPresenceSimulation: true,
      },
    });
    return new VirtualAuthenticator(cdp, authenticatorId);
  }

  async credentials() {
    return (await this.cdp.send('WebAuthn.getCredentials', { authenticatorId: this.id })).credentials;
  }

  /** The authenticator is gone (device restored, key unplugged): nothing answers any more. */
  async remove(): Promise<void> {
    await this.cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId: this.id });
  }

  /**
   * Puts a credential with the given id (standard base64, as getCredentials reports it) and rpId on
   * this authenticator, with a new private key: a "fresh authenticator with the old credential id".
   */
  async addCredentialWithId(credentialId: string, rpId: string): Promise<void> {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    await this.cdp.send('WebAuthn.addCredential', {
      authenticatorId: this.id,
      credential: {
        credentialId,
        rpId,
        isResidentCredential: false,
        privateKey: privateKey.export({ type: 'pkcs8', format: 'der' }).toString('base64'),
        signCount: 0,
      },
    });
  }
}

/** base64url (the vault's KeyRecordView) to standard base64 with padding (CDP's credentials). */
export function base64UrlToBase64(text: string): string {
  const std = text.replaceAll('-', '+').replaceAll('_', '/');
  return std + '='.repeat((4 - (std.length % 4)) % 4);
}
