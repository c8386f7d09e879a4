// Passkeys, the page and browser flow (issue 16): Tessera answers a real relying party's
// navigator.credentials.create/get (tests/e2e/harness/passkey-rp.ts, verified by
// @simplewebauthn/server) through its own dialog window, refuses what the browser would refuse, and
// steps aside to the browser's own WebAuthn (a CDP virtual authenticator here) when it cannot help.

import {
  answerDialog,
  demo,
  dialogCount,
  expect,
  getAssertionOutcome,
  RP_HOST,
  RP_ID,
  status,
  test,
  waitForDialog,
} from './passkey-support';
import { createVault, openPopup } from './popup-support';

test('register, sign out and sign in with the passkey; a second account on the same site', async ({
  extension,
  passkeyRp,
}) => {
  const popup = await openPopup(extension);
  await createVault(popup);
  const page = await extension.newPage();
  await page.goto(passkeyRp.url(RP_HOST));

  await demo(page, 'register', 'alice');
  const dialog = await waitForDialog(extension);
  await expect(dialog.getByRole('heading', { level: 1 })).toHaveText(`Save a passkey for ${RP_ID}?`);
  await expect(dialog.getByTestId('passkey-origin')).toHaveText(passkeyRp.url(RP_HOST).replace(/\/$/, ''));
  // The page's call waits for the person's click in Tessera's window.
  await expect(status(page)).toHaveText('Signed out');
  await answerDialog(dialog, 'Save passkey');
  await expect(status(page)).toHaveText('Registered alice');
  expect(passkeyRp.credentials.map((c) => c.username)).toEqual(['alice']);

  await demo(page, 'signout');
  await demo(page, 'signin');
  const choose = await waitForDialog(extension);
  await answerDialog(choose, /Sign in as alice/);
  await expect(status(page)).toHaveText('Signed in as alice');
  expect(passkeyRp.signIns).toEqual([{ username: 'alice', counter: 0 }]);

  // A second account: a new login beside alice's, then a discoverable sign-in offers both.
  await demo(page, 'register', 'bob');
  const second = await waitForDialog(extension);
  await expect(second.getByRole('radio')).toHaveCount(2);
  await answerDialog(second, 'Save passkey');
  await expect(status(page)).toHaveText('Registered bob');
  await demo(page, 'signin');
  const both = await waitForDialog(extension);
  await expect(both.getByRole('button', { name: /Sign in as/ })).toHaveCount(2);
  await answerDialog(both, /Sign in as bob/);
  await expect(status(page)).toHaveText('Signed in as bob');
  // A sign-in naming alice (allowCredentials) offers only her passkey.
  await demo(page, 'signin', 'alice');
  const named = await waitForDialog(extension);
  await expect(named.getByRole('button', { name: /Sign in as/ })).toHaveCount(1);
  await answerDialog(named, /Sign in as alice/);
  await expect(status(page)).toHaveText('Signed in as alice');
  expect(passkeyRp.signIns.map((s) => s.username)).toEqual(['alice', 'bob', 'alice']);
});
