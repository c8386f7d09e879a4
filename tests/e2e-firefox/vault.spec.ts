// The vault's life in Firefox: create it in the popup, lock, unlock (a wrong password first), and
// change the master password in the options page; the item stays intact throughout. And a vault an
// earlier release wrote (frozen format 1, its key record hashed by hash-wasm) opens here too.
import type { Page } from 'puppeteer-core';
import { SIMD_PROBE } from '../../src/crypto/argon2id-engine';
import { withoutPrivateKeys } from '../../src/passkeys/item-passkeys';
import { DB_NAME } from '../../src/vault/format';
import type { Item } from '../../src/vault/types';
import { deleteDatabase, frozenVaults, loadDump } from '../unit/vault/fixtures-dump';
import { click, fill, find, waitForReady, waitForText } from './harness/dom';
import type { FirefoxExtension } from './harness/firefox-extension';
import { expect, test } from './harness/fixtures';
import { createVaultInPopup, MASTER_PASSWORD, NEW_PASSWORD, openPopup, send, unlockPopup } from './support';

const ITEM = {
  id: 'ff-item-1',
  name: 'Firefox Item',
  username: 'fox@example.com',
  password: 'pw-Firefox-Secret!',
  notes: '',
  totp: '',
  urls: ['https://fox.example.com/login'],
  match: 'domain',
  favorite: false,
  fields: [],
};

async function storedPassword(page: Page): Promise<string> {
  return (await send<{ password: string }>(page, { type: 'vault.get', id: ITEM.id })).password;
}

async function unlockOptions(page: Page, password: string): Promise<void> {
  await fill(page, 'Master password', password, 'Unlock your vault');
  await click(page, 'Unlock', 'Unlock your vault');
}

test('create in the popup, lock, unlock, then change the master password in options', async ({ firefox }) => {
  test.setTimeout(90_000);
  const popup = await openPopup(firefox);
  await createVaultInPopup(popup, MASTER_PASSWORD);
  expect(
    await send<{ count: number }>(popup, { type: 'vault.putMany', items: [ITEM], replace: false }),
  ).toEqual({
    count: 1,
  });

  await click(popup, 'Lock now');
  await unlockPopup(popup, 'not my password at all 1');
  await waitForText(popup, '[role="alert"]', 'Wrong master password. Check it and try again.');
  await unlockPopup(popup, MASTER_PASSWORD);
  await waitForReady(popup, 'list');
  expect(await storedPassword(popup)).toBe(ITEM.password);

  const options = await firefox.openExtensionPage('options.html');
  await waitForReady(options, 'options-unlocked');
  const region = 'Master password';
  await fill(options, 'Current master password', MASTER_PASSWORD, region);
  await fill(options, 'New master password', NEW_PASSWORD, region);
  await fill(options, 'Repeat new master password', NEW_PASSWORD, region);
  await click(options, 'Change password', region);
  await waitForText(options, '[role="status"]', 'Master password changed. Use the new one from now on.');

  // Firefox never reports the computer locking to add-ons: that choice is off, disabled, explained.
  const systemLock = await find(options, { kind: 'field', name: 'Lock when the computer locks' });
  expect(
    await systemLock.evaluate((el) => [(el as HTMLInputElement).checked, (el as HTMLInputElement).disabled]),
  ).toEqual([false, true]);
  expect(
    await systemLock.evaluate(
      (el) => document.getElementById(el.getAttribute('aria-describedby') ?? '')?.textContent,
    ),
  ).toContain('Firefox does not tell add-ons when the computer locks');

  await click(options, 'Lock now');
  await waitForReady(options, 'options-locked');
  // The popup hears the lock too (the background's broadcast reaches every extension page).
  await waitForReady(popup, 'unlock');
  await unlockOptions(options, MASTER_PASSWORD);
  await waitForText(options, '[role="alert"]', 'Wrong master password. Check it and try again.');
  await unlockOptions(options, NEW_PASSWORD);
  await waitForReady(options, 'options-unlocked');
  expect(await storedPassword(options)).toBe(ITEM.password);
});

/**
 * Writes the frozen database as its release left it. The welcome page the install opened may have
 * asked for the vault's state, which opened an empty database at today's version in the event page
 * (as the Chromium spec's worker, tests/e2e/vault-fixtures.spec.ts). So: a tab on one of the
 * extension's own files (an image: its document shares the extension's origin, hence its IndexedDB,
 * and sends the background nothing), then the event page stopped the way its idle timeout stops it,
 * so no connection blocks the delete, then the very loader the unit tests use.
 */
async function installFrozen(firefox: FirefoxExtension, dump: unknown): Promise<void> {
  const tab = await firefox.openExtensionPage('icons/tessera-16.png');
  await firefox.terminateBackground();
  expect(await firefox.backgroundState()).toBe('stopped');
  await tab.evaluate(deleteDatabase, DB_NAME);
  await tab.evaluate(loadDump, { name: DB_NAME, dump: dump as Parameters<typeof loadDump>[0]['dump'] });
  await tab.close();
}

for (const { folder, dump, items, proofs } of frozenVaults()) {
  test(`frozen vault ${folder} (hashed by hash-wasm) unlocks in the event page, which has WebAssembly SIMD`, async ({
    firefox,
  }) => {
    test.setTimeout(120_000);
    await installFrozen(firefox, dump);
    const popup = await openPopup(firefox);
    // Firefox has WebAssembly SIMD, so argon2idEngine() picks the SIMD build in the event page (the
    // choice is exactly this probe, tests/unit/crypto/argon2id-engine.test.ts); the event page's own
    // timeline is not reachable from here, so the probe is checked in the same extension process.
    expect(
      await popup.evaluate((probe) => WebAssembly.validate(new Uint8Array(probe)), [...SIMD_PROBE]),
    ).toBe(true);

    await unlockPopup(popup, proofs.password);
    await waitForReady(popup, 'list');
    // As pages see each item: passkeys (format 3 on) without their private keys.
    for (const item of items as Item[]) {
      expect(await send<Item>(popup, { type: 'vault.get', id: item.id })).toEqual(withoutPrivateKeys(item));
    }
  });
}
