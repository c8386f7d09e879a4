// Passkeys in Firefox ESR (issue 16): the same demo relying party as tests/e2e/passkeys.spec.ts
// (@simplewebauthn/server over https, self-signed certificate accepted, its hosts resolved to
// 127.0.0.1 by network.dns.localDomains). Firefox runs the page-world script as a MAIN-world content
// script (Firefox 128+) and opens Tessera's dialog as a popup window; the tests answer it through
// its own requests (see dialogToken).
import type { Page } from 'puppeteer-core';
import { type PasskeyRp, passkeyRpFixture, RP_HOST, RP_ID, RP_TEST_HOSTS } from '../e2e/harness/passkey-rp';
import { waitForText } from './harness/dom';
import type { FirefoxExtension } from './harness/firefox-extension';
import { test as base, expect } from './harness/fixtures';
import { MASTER_PASSWORD, openPopup, send } from './support';

const test = base.extend<object, { passkeyRp: PasskeyRp }>({
  passkeyRp: passkeyRpFixture,
  firefoxAcceptInsecureCerts: true,
  firefoxPrefs: { 'network.dns.localDomains': RP_TEST_HOSTS.join(',') },
});

/**
 * The token of Tessera's open dialog window, read from the window's address in the browser's window
 * list (privileged). puppeteer over BiDi does not list a popup window an extension opens as a page
 * here, so the Firefox tests answer through the dialog's own requests, from an extension page; the
 * person's click in that window is tested in Chromium (tests/e2e/passkeys.spec.ts).
 */
async function dialogToken(firefox: FirefoxExtension): Promise<string> {
  const expression = `(() => {
    for (const w of Services.wm.getEnumerator('navigator:browser')) {
      const href = w.gBrowser?.currentURI?.spec ?? '';
      if (href.includes('/passkey-dialog.html#')) return href;
    }
    return '';
  })()`;
  for (let tries = 0; tries < 150; tries++) {
    const href = await firefox.privileged<string>(expression);
    if (href) return href.slice(href.indexOf('#') + 1);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('no passkey dialog window opened');
}

async function demo(page: Page, action: 'register' | 'signin', username: string): Promise<void> {
  await page.$eval(
    '#username',
    (el, value) => {
      (el as HTMLInputElement).value = value;
    },
    username,
  );
  await page.click(`#${action}`);
}

test('register and sign in with a passkey the relying party verifies; another site asking for its RP ID is refused', async ({
  firefox,
  passkeyRp,
}) => {
  const popup = await openPopup(firefox);
  await send(popup, { type: 'vault.create', password: MASTER_PASSWORD });
  const page = await firefox.browser.newPage();
  await page.goto(passkeyRp.url(RP_HOST));

  await demo(page, 'register', 'alice');
  const created = await dialogToken(firefox);
  const view = await send<{ kind: string; rpId: string }>(popup, {
    type: 'passkey.dialog.view',
    token: created,
  });
  expect(view).toMatchObject({ kind: 'create', rpId: RP_ID });
  await send(popup, { type: 'passkey.dialog.answer', token: created, answer: { action: 'save' } });
  await waitForText(page, '#status', 'Registered alice');
  expect(passkeyRp.credentials.map((c) => c.username)).toEqual(['alice']);

  await demo(page, 'signin', '');
  const signIn = await dialogToken(firefox);
  const offered = await send<{ passkeys: { itemId: string; credentialId: string; userName: string }[] }>(
    popup,
    {
      type: 'passkey.dialog.view',
      token: signIn,
    },
  );
  expect(offered.passkeys.map((p) => p.userName)).toEqual(['alice']);
  const [chosen] = offered.passkeys;
  await send(popup, {
    type: 'passkey.dialog.answer',
    token: signIn,
    answer: { action: 'use', itemId: chosen?.itemId, credentialId: chosen?.credentialId },
  });
  await waitForText(page, '#status', 'Signed in as alice');
  expect(passkeyRp.signIns.map((s) => s.username)).toEqual(['alice']);

  const hostile = await firefox.browser.newPage();
  await hostile.goto(passkeyRp.url('evil.test', '/blank'));
  const outcome = await hostile.evaluate(async (rpId) => {
    try {
      await navigator.credentials.get({
        publicKey: { challenge: crypto.getRandomValues(new Uint8Array(32)), rpId },
      });
      return 'resolved';
    } catch (error) {
      return (error as Error).name;
    }
  }, RP_ID);
  expect(outcome).toBe('SecurityError');
});
