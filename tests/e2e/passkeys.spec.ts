// Passkeys, the page and browser flow (issue 16): Tessera answers a real relying party's
// navigator.credentials.create/get (tests/e2e/harness/passkey-rp.ts, verified by
// @simplewebauthn/server) through its own dialog window, refuses what the browser would refuse, and
// steps aside to the browser's own WebAuthn (a CDP virtual authenticator here) when it cannot help.

import { decodeList } from '../../src/messages/list-codec';
import type { ExtensionHarness } from './harness/extension-harness';
import type { PasskeyRp } from './harness/passkey-rp';
import {
  BACKUP_PASSWORD,
  lockFromPage,
  MASTER_PASSWORD,
  NEW_PASSWORD,
  openForgot,
  openOptions,
  send,
  submitRecovery,
  VirtualAuthenticator,
  waitForState,
} from './helpers/options';
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
import { createVault, listOptions, openPopup, sendRequest, waitForScreen } from './popup-support';

declare const chrome: { runtime: { sendMessage(message: unknown): Promise<unknown> } };

test('register, sign out and sign in with the passkey; a second account on the same site', async ({
  extension,
  passkeyRp,
}) => {
  // The relying party lives for the whole worker: count from what it holds now.
  const credentialsBefore = passkeyRp.credentials.length;
  const signInsBefore = passkeyRp.signIns.length;
  const popup = await openPopup(extension);
  await createVault(popup);
  const page = await extension.newPage();
  await page.goto(passkeyRp.url(RP_HOST));

  await demo(page, 'register', 'alice');
  const dialog = await waitForDialog(extension);
  await expect(dialog.getByRole('heading', { level: 1 })).toHaveText(`Save a passkey for ${RP_ID}?`);
  await expect(dialog.getByTestId('passkey-origin')).toHaveText(passkeyRp.url(RP_HOST).replace(/\/$/, ''));
  // The page's call waits for the person's click in Tessera's window. A script's click there is not
  // the person's: had the one on Cancel counted, the call would be refused and Save find no ceremony.
  await expect(status(page)).toHaveText('Signed out');
  await dialog.getByRole('button', { name: 'Cancel' }).evaluate((button) => (button as HTMLElement).click());
  await answerDialog(dialog, 'Save passkey');
  await expect(status(page)).toHaveText('Registered alice');
  expect(passkeyRp.credentials.slice(credentialsBefore).map((c) => c.username)).toEqual(['alice']);

  await demo(page, 'signout');
  await demo(page, 'signin');
  const choose = await waitForDialog(extension);
  await answerDialog(choose, /Sign in as alice/);
  await expect(status(page)).toHaveText('Signed in as alice');
  expect(passkeyRp.signIns.slice(signInsBefore)).toEqual([{ username: 'alice', counter: 0 }]);

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
  expect(passkeyRp.signIns.slice(signInsBefore).map((s) => s.username)).toEqual(['alice', 'bob', 'alice']);
});

test('the popup shows a passkey (site, user name, created) and deletes it only after a confirmation', async ({
  extension,
  passkeyRp,
}) => {
  await withAlicePasskey(extension, passkeyRp);
  const popup = await openPopup(extension);
  await waitForScreen(popup, 'list');
  // The list marks the item that holds a passkey.
  const row = listOptions(popup).filter({ has: popup.getByText('Has a passkey') });
  await expect(row).toHaveCount(1);
  await row.click();
  await waitForScreen(popup, 'item');
  const passkeys = popup.getByTestId('passkeys');
  await expect(passkeys).toContainText(RP_ID);
  await expect(passkeys).toContainText('alice');
  await expect(passkeys).toContainText(/Created /);

  // Cancel keeps it; Delete removes the passkey and keeps the item.
  const remove = popup.getByRole('button', { name: `Delete the passkey for alice on ${RP_ID}` });
  await remove.click();
  const confirm = popup.getByRole('dialog', { name: 'Delete this passkey?' });
  await expect(confirm).toContainText(`You will no longer sign in to ${RP_ID} as alice`);
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toHaveCount(0);
  await expect(passkeys).toContainText('alice');
  await remove.click();
  await popup
    .getByRole('dialog', { name: 'Delete this passkey?' })
    .getByRole('button', { name: 'Delete' })
    .click();
  await expect(popup.getByRole('status').filter({ hasText: 'passkey' })).toHaveText(
    `The passkey for ${RP_ID} was deleted.`,
  );
  await expect(popup.getByTestId('passkeys')).toHaveCount(0);

  const { encoded } = await sendRequest<{ encoded: string }>(popup, { type: 'vault.list' });
  const [entry, ...others] = decodeList(encoded);
  expect(others).toEqual([]);
  expect(entry?.hasPasskey ?? false).toBe(false);
  // The login item itself stays; the passkey is gone from what the background holds.
  const item = await sendRequest<{ passkeys?: unknown[] }>(popup, { type: 'vault.get', id: entry!.id });
  expect(item.passkeys ?? []).toEqual([]);
});

/** A vault with alice's passkey for the demo site, registered through Tessera's dialog. */
async function withAlicePasskey(extension: ExtensionHarness, passkeyRp: PasskeyRp) {
  const popup = await openPopup(extension);
  await createVault(popup);
  const page = await extension.newPage();
  await page.goto(passkeyRp.url(RP_HOST));
  await demo(page, 'register', 'alice');
  await answerDialog(await waitForDialog(extension), 'Save passkey');
  await expect(status(page)).toHaveText('Registered alice');
  return { popup, page };
}

test('another site asking for the demo site’s RP ID is refused (SecurityError), also through the relay’s events directly, with no window', async ({
  extension,
  passkeyRp,
}) => {
  await withAlicePasskey(extension, passkeyRp);
  const hostile = await extension.newPage();
  await hostile.goto(passkeyRp.url('evil.test', '/blank'));
  // The page-world script leaves nothing in the page's globals that would tell it Tessera is
  // installed (WXT's `var passkeyPage` is stripped at build: wxt.config.ts, asAnonymousIife).
  expect(
    await hostile.evaluate(() => Object.keys(window).filter((key) => /passkey|tessera|wxt/i.test(key))),
  ).toEqual([]);
  expect(await getAssertionOutcome(hostile, { rpId: RP_ID })).toBe('SecurityError');
  // A page that replaced navigator.credentials first talks to the relay itself: same answer.
  const reply = await hostile.evaluate(
    () =>
      new Promise<string>((resolve) => {
        const id = 'ab'.repeat(16);
        document.addEventListener('tessera:passkey-reply', (event) => resolve((event as CustomEvent).detail));
        const options = { challenge: 'A'.repeat(43), rpId: 'passkeys.test', allowCredentials: [] };
        document.dispatchEvent(
          new CustomEvent('tessera:passkey-request', {
            detail: JSON.stringify({ id, kind: 'get', options }),
          }),
        );
      }),
  );
  expect(JSON.parse(reply).reply).toMatchObject({ kind: 'error', name: 'SecurityError' });
  expect(dialogCount(extension)).toBe(0);
});

test('a sandboxed frame and a cross-origin frame are refused; a cross-origin frame the page allows gets a dialog naming both origins', async ({
  extension,
  passkeyRp,
}) => {
  await withAlicePasskey(extension, passkeyRp);
  const page = await extension.newPage();
  const signIn = encodeURIComponent(passkeyRp.url(RP_HOST));
  // The site's own page in <iframe sandbox="allow-scripts">: an opaque origin.
  await page.goto(passkeyRp.url(RP_HOST, `/frame?src=${signIn}&sandbox=allow-scripts`));
  // (Its own page's fetch fails there, as an opaque origin: the call is made in the frame directly.)
  const sandboxed = page.frames().find((frame) => frame !== page.mainFrame());
  if (!sandboxed) throw new Error('no sandboxed frame');
  expect(await getAssertionOutcome(sandboxed, { rpId: RP_ID })).toBe('NotAllowedError');
  // Framed by another site without the permission policy.
  await page.goto(passkeyRp.url('partner.test', `/frame?src=${signIn}`));
  const framed = page.frameLocator('#embed');
  await framed.locator('#signin').click();
  await expect(framed.locator('#status')).toHaveText(/^Error: NotAllowedError/);
  expect(dialogCount(extension)).toBe(0);
  // With allow="publickey-credentials-get": Tessera asks, and says who frames the site.
  await page.goto(passkeyRp.url('partner.test', `/frame?src=${signIn}&allow=publickey-credentials-get`));
  const allowed = page.frameLocator('#embed');
  await allowed.locator('#signin').click();
  const dialog = await waitForDialog(extension);
  await expect(dialog.getByTestId('passkey-origin')).toHaveText(
    `${passkeyRp.url(RP_HOST).replace(/\/$/, '')}, inside ${passkeyRp.url('partner.test').replace(/\/$/, '')}`,
  );
  await answerDialog(dialog, /Sign in as alice/);
  await expect(allowed.locator('#status')).toHaveText('Signed in as alice');
});

test('never in the way: a security key’s sign-in goes straight to the browser, and "another device" is one click, also while locked', async ({
  extension,
  passkeyRp,
}) => {
  const { popup, page } = await withAlicePasskey(extension, passkeyRp);
  const authenticator = await VirtualAuthenticator.attach(page);
  // Registering carol on the browser's own authenticator: one click in Tessera's dialog.
  await demo(page, 'register', 'carol');
  await answerDialog(await waitForDialog(extension), "Use another device or the browser's own");
  await expect(status(page)).toHaveText('Registered carol');
  expect(await authenticator.credentials()).toHaveLength(1);
  // carol's sign-in names only her security key's credential: no Tessera window at all.
  await demo(page, 'signin', 'carol');
  await expect(status(page)).toHaveText('Signed in as carol');
  expect(dialogCount(extension)).toBe(0);

  // Locked: Tessera cannot tell which passkeys it holds, so it asks; the browser's own is one click.
  await popup.evaluate(() => chrome.runtime.sendMessage({ type: 'vault.lock' }));
  await demo(page, 'signin', 'carol');
  const locked = await waitForDialog(extension);
  await expect(locked.getByText('Tessera is locked.', { exact: false })).toBeVisible();
  await answerDialog(locked, "Use another device or the browser's own");
  await expect(status(page)).toHaveText('Signed in as carol');
  // Or unlock in the dialog and use the passkey Tessera holds.
  await demo(page, 'signin', 'alice');
  const unlock = await waitForDialog(extension);
  await unlock.getByLabel('Master password', { exact: true }).fill(MASTER_PASSWORD);
  await unlock.getByRole('button', { name: 'Unlock', exact: true }).click();
  await answerDialog(unlock, /Sign in as alice/);
  await expect(status(page)).toHaveText('Signed in as alice');
});

test('one window per tab, closing it refuses the call, and the page’s abort closes it', async ({
  extension,
  passkeyRp,
}) => {
  const { page } = await withAlicePasskey(extension, passkeyRp);
  const signInsBefore = passkeyRp.signIns.length;
  const first = getAssertionOutcome(page, { rpId: RP_ID });
  const dialog = await waitForDialog(extension);
  // A second call from the same tab while the first waits: refused, no second window.
  expect(await getAssertionOutcome(page, { rpId: RP_ID })).toBe('NotAllowedError');
  expect(dialogCount(extension)).toBe(1);
  // The person closes the window: the page's call is refused, as a cancel in the browser's own UI.
  await dialog.close();
  expect(await first).toBe('NotAllowedError');

  const aborted = page.evaluate(async (rpId) => {
    const controller = new AbortController();
    const call = navigator.credentials.get({
      publicKey: { challenge: crypto.getRandomValues(new Uint8Array(32)), rpId },
      signal: controller.signal,
    });
    (globalThis as { abortPasskey?: () => void }).abortPasskey = () => controller.abort();
    try {
      await call;
      return 'resolved';
    } catch (error) {
      return (error as Error).name;
    }
  }, RP_ID);
  const abortedDialog = await waitForDialog(extension);
  await page.evaluate(() => (globalThis as { abortPasskey?: () => void }).abortPasskey?.());
  expect(await aborted).toBe('AbortError');
  await expect.poll(() => abortedDialog.isClosed()).toBe(true);
  expect(passkeyRp.signIns.length).toBe(signInsBefore);
});

test('a passkey survives a master password change and a reset restored from an encrypted backup', async ({
  extension,
  passkeyRp,
}) => {
  const { popup, page } = await withAlicePasskey(extension, passkeyRp);
  const signInsBefore = passkeyRp.signIns.length;
  const ask = (message: Record<string, unknown>) =>
    popup.evaluate(async (msg) => {
      const reply = (await chrome.runtime.sendMessage(msg)) as { ok: boolean; value?: unknown };
      if (!reply.ok) throw new Error(`${String(msg.type)}: ${JSON.stringify(reply)}`);
      return reply.value as { text?: string };
    }, message);
  const signIn = async () => {
    await demo(page, 'signin');
    await answerDialog(await waitForDialog(extension), /Sign in as alice/);
    await expect(status(page)).toHaveText('Signed in as alice');
    await demo(page, 'signout');
  };

  await ask({ type: 'vault.changePassword', current: MASTER_PASSWORD, next: NEW_PASSWORD });
  await ask({ type: 'vault.lock' });
  await ask({ type: 'vault.unlock', password: NEW_PASSWORD });
  await signIn();

  const backup = await ask({ type: 'backup.export', password: BACKUP_PASSWORD, current: NEW_PASSWORD });
  await ask({ type: 'vault.reset', confirm: 'RESET LOCAL DATA' });
  await ask({
    type: 'backup.restore',
    text: backup.text,
    password: BACKUP_PASSWORD,
    masterPassword: MASTER_PASSWORD,
  });
  await signIn();
  expect(passkeyRp.signIns.slice(signInsBefore).map((s) => s.username)).toEqual(['alice', 'alice']);
});

test('a passkey survives a forgotten master password: the recovery key opens the vault and sets a new one', async ({
  extension,
  passkeyRp,
}) => {
  test.setTimeout(90_000);
  const { page } = await withAlicePasskey(extension, passkeyRp);
  const signInsBefore = passkeyRp.signIns.length;
  const options = await openOptions(extension, '#unlocking');
  await waitForState(options, 'unlocked');
  const { recoveryKey } = await send<{ recoveryKey: string }>(options, {
    type: 'recovery.create',
    current: MASTER_PASSWORD,
  });

  // The person forgot the master password: the options page's recovery, as they would use it.
  await lockFromPage(options);
  await submitRecovery(await openForgot(options), recoveryKey, NEW_PASSWORD);
  await waitForState(options, 'unlocked');

  await demo(page, 'signin');
  await answerDialog(await waitForDialog(extension), /Sign in as alice/);
  await expect(status(page)).toHaveText('Signed in as alice');
  expect(passkeyRp.signIns.slice(signInsBefore)).toEqual([{ username: 'alice', counter: 0 }]);
});
