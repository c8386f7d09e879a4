// Biometric unlock in Firefox: a moz-extension:// origin is not a valid RP ID, so Tessera claims
// tessera.invalid there (src/ui/webauthn.ts); Firefox 150+ allows it. A virtual authenticator with
// PRF stands in for the fingerprint reader: enrol with the master password, lock, unlock with it,
// then unlock again from the popup, whose button opens the options page's unlock section in a small
// window (Firefox's virtual authenticator serves the whole browser, so that window can use it too).
import type { Page } from 'puppeteer-core';
import { click, fill, waitForReady, waitForText } from './harness/dom';
import type { FirefoxExtension } from './harness/firefox-extension';
import { expect, test } from './harness/fixtures';
import { MASTER_PASSWORD, openPopup, send } from './support';

/** The open page whose document is at `suffix` (BiDi does not report extension pages' URLs). */
async function pageAt(firefox: FirefoxExtension, suffix: string): Promise<Page> {
  let found: Page | null = null;
  await expect
    .poll(async () => {
      for (const page of await firefox.browser.pages()) {
        const href = await page.evaluate(() => location.href).catch(() => '');
        if (href.endsWith(suffix)) found = page;
      }
      return found !== null;
    })
    .toBe(true);
  return found as unknown as Page;
}

test('enrol biometric unlock (PRF) and unlock with it', async ({ firefox }) => {
  await firefox.addVirtualAuthenticator();
  const options = await firefox.openExtensionPage('options.html?webauthnTimeout=5000');
  await waitForReady(options, 'options-empty');
  await send(options, { type: 'vault.create', password: MASTER_PASSWORD });
  await firefox.reload(options);
  await waitForReady(options, 'options-unlocked');

  const region = 'Biometric unlock';
  await options.bringToFront();
  await fill(options, 'Your master password', MASTER_PASSWORD, region);
  await click(options, 'Turn on biometric unlock', region);
  await waitForText(options, '[role="status"]', 'Biometric unlock is on for “This device”.');
  const { records } = await send<{ records: { kind: string }[] }>(options, { type: 'keys.list' });
  expect(records.map((r) => r.kind).sort()).toContain('prf');

  await click(options, 'Lock now');
  await waitForReady(options, 'options-locked');
  await click(options, 'Unlock with biometric');
  await waitForReady(options, 'options-unlocked');
  expect((await send<{ state: string }>(options, { type: 'vault.status' })).state).toBe('unlocked');

  await click(options, 'Lock now');
  await waitForReady(options, 'options-locked');
  await options.close();
  const popup = await openPopup(firefox);
  await waitForReady(popup, 'unlock');
  await click(popup, 'Unlock with biometric');
  const unlockWindow = await pageAt(firefox, 'options.html#unlock');
  await waitForReady(unlockWindow, 'options-locked');
  await unlockWindow.bringToFront();
  await click(unlockWindow, 'Unlock with biometric', 'Unlock your vault');
  await waitForReady(unlockWindow, 'options-unlocked');
});
