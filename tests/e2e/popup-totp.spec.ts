// Two-factor codes end to end on the built extension (issue 15): the item view shows the current
// code with its time ring and copies it on click and Enter; the list marks items with a code; a
// bad secret says why instead of showing a code; the editor describes a pasted secret and reads
// the QR code shown on a real page (served from a real loopback server, drawn by the qrcode
// package), only after the toolbar button gave the activeTab grant; and a Google Authenticator
// export imported in the options page becomes one item per account.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import QRCode from 'qrcode';
import { currentCode, isOtpError, parseOtpSecret } from '../../src/totp';
import { openPopupFor } from './autofill-support';
import { startFixtureServer } from './harness/fixture-server';
import { expect, test } from './harness/fixtures';
import { createVaultQuickly, openOptions } from './helpers/options';
import { createVault, listOptions, login, openPopup, seedItems, waitForScreen } from './popup-support';

const URI = 'otpauth://totp/ACME:jo%40example.com?secret=JBSWY3DPEHPK3PXP&issuer=ACME';

/** The code `uri` gives at `ms`. */
function codeAt(uri: string, ms: number): string {
  const params = parseOtpSecret(uri);
  if (isOtpError(params)) throw new Error(params.message);
  return currentCode(params, ms).code;
}

/** Reads the clipboard from an extension page brought to the front (reading needs focus). */
async function clipboardText(reader: Page): Promise<string> {
  await reader.bringToFront();
  return reader.evaluate(() => navigator.clipboard.readText());
}

test('item view: the current code with its time ring; click and Enter copy it; the list marks coded items; a bad secret says why', async ({
  extension,
}) => {
  await extension.context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const popup = await openPopup(extension);
  await createVault(popup);
  await seedItems(popup, [
    login('Two Factor', { totp: URI }),
    login('Broken Code', { totp: 'see the email from IT, 1 Jan' }),
    login('Plain'),
  ]);
  await popup.reload();
  await waitForScreen(popup, 'list');

  const row = (name: string) => listOptions(popup).filter({ hasText: name });
  await expect(row('Two Factor').getByTestId('otp-mark')).toBeVisible();
  await expect(row('Two Factor')).toContainText('Has a one-time code');
  await expect(row('Broken Code').getByTestId('otp-mark')).toHaveCount(0);
  await expect(row('Plain').getByTestId('otp-mark')).toHaveCount(0);

  await row('Two Factor').click();
  await waitForScreen(popup, 'item');
  const button = popup.getByTestId('otp-code');
  const before = Date.now();
  const shown = (await button.textContent())?.replace(/\s/g, '');
  const after = Date.now();
  expect([codeAt(URI, before), codeAt(URI, after)]).toContain(shown);
  await expect(button).toHaveAccessibleName(/^Copy one-time code \d{3} \d{3}$/);
  const seconds = Number(await popup.getByTestId('otp-seconds').textContent());
  expect(seconds).toBeGreaterThanOrEqual(1);
  expect(seconds).toBeLessThanOrEqual(30);
  await expect(popup.locator('svg.otp-ring')).toBeVisible();
  // Screen readers hear the code (a polite live region), never the countdown (aria-hidden ring).
  await expect(
    popup.locator('[aria-live="polite"]').filter({ hasText: /^One-time code \d{3} \d{3}$/ }),
  ).toHaveCount(1);
  await expect(popup.locator('svg.otp-ring')).toHaveAttribute('aria-hidden', 'true');

  const reader = await extension.newPage();
  await reader.goto(extension.url('options.html'));

  await popup.bringToFront();
  await button.click();
  await expect(popup.getByRole('status').filter({ hasText: 'One-time code copied' })).toBeVisible();
  const copied = await clipboardText(reader);
  expect([codeAt(URI, Date.now() - 2_000), codeAt(URI, Date.now())]).toContain(copied);

  await reader.evaluate(() => navigator.clipboard.writeText(''));
  await popup.bringToFront();
  await button.focus();
  await popup.keyboard.press('Enter');
  await expect.poll(() => clipboardText(reader)).toMatch(/^\d{6}$/);

  await popup.bringToFront();
  await popup.getByRole('button', { name: 'Back' }).click();
  await waitForScreen(popup, 'list');
  await row('Broken Code').click();
  await waitForScreen(popup, 'item');
  await expect(popup.getByTestId('otp-invalid')).toContainText('not a base32 setup key');
  await expect(popup.getByTestId('otp-code')).toHaveCount(0);
});

test('editor: a pasted key is described; the QR code on the shown tab is read once the toolbar button was clicked, and saved', async ({
  extension,
}) => {
  test.setTimeout(90_000);
  const dir = await mkdtemp(path.join(tmpdir(), 'tessera-qr-'));
  await QRCode.toFile(path.join(dir, 'qr.png'), URI, { width: 240, margin: 4 });
  await writeFile(
    path.join(dir, 'setup.html'),
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Set up 2FA</title></head>' +
      '<body><h1>Scan this code with your authenticator</h1><img src="qr.png" alt="QR code" width="240" height="240"></body></html>',
  );
  const server = await startFixtureServer({ root: dir });
  try {
    const setup = await extension.newPage();
    const vaultPage = await openPopup(extension);
    await createVault(vaultPage);
    await seedItems(vaultPage, [login('Scan Me')]);
    await setup.goto(server.url('setup.html'));
    await expect(setup.locator('img')).toHaveJSProperty('complete', true);

    const popup = await openPopupFor(extension, setup);
    await listOptions(popup).filter({ hasText: 'Scan Me' }).click();
    await waitForScreen(popup, 'item');
    await popup.getByRole('button', { name: 'Edit' }).click();
    await waitForScreen(popup, 'edit');

    const field = popup.getByLabel('Two-factor secret');
    const note = popup.getByTestId('otp-note');
    await expect(note).toContainText('Paste the setup key');
    await field.fill('jbsw y3dp ehpk 3pxp');
    await expect(note).toHaveText('6-digit codes every 30 s.');
    await field.fill('123456');
    await expect(note).toContainText('looks like a one-time code, not a setup key');
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await field.fill('');

    // Without the toolbar button's grant, the tab cannot be captured: a clear refusal.
    await setup.bringToFront();
    const scan = popup.getByRole('button', { name: 'Scan QR code on this tab' });
    await scan.click();
    await expect(note).toContainText('Tessera cannot capture this tab');
    await expect(field).toHaveValue('');

    await extension.clickToolbarButton(setup);
    await setup.bringToFront();
    await scan.click();
    await expect(note).toHaveText('ACME · jo@example.com: 6-digit codes every 30 s.');
    await expect(field).toHaveValue(URI);

    await popup.getByRole('button', { name: 'Save' }).click();
    await waitForScreen(popup, 'item');
    const shown = (await popup.getByTestId('otp-code').textContent())?.replace(/\s/g, '');
    expect([codeAt(URI, Date.now() - 2_000), codeAt(URI, Date.now())]).toContain(shown);
  } finally {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
});

test('options import: a Google Authenticator export becomes one item per account, each with its code', async ({
  extension,
}) => {
  const page = await openOptions(extension, '#transfer');
  await createVaultQuickly(page);
  const region = page.getByRole('region', { name: 'Import from another password manager' });
  // The published two-account export link (tests/unit/totp/vectors/SOURCES.md).
  const link =
    'otpauth-migration://offline?data=CkMKFD3GyqSCSm0oh2eyMx4gtDFmy4XZEhxBQ01FIENvOmpvaG4uZG9lQGV4YW1wbGUuY29tGgdBQ01FIENvIAEoATACCjUKCkhlbGxvId6tvu8SGEV4YW1wbGU6YWxpY2VAZ29vZ2xlLmNvbRoHRXhhbXBsZSABKAEwAhABGAEgACjn4Pv4Ag==';
  await region.getByLabel('Export file from your old password manager').setInputFiles({
    name: 'google-authenticator.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from(`${link}\n`),
  });
  const preview = region.getByTestId('file-import-preview');
  await expect(preview).toContainText('Format: Google Authenticator export or otpauth:// links (text)');
  await expect(preview).toContainText('The file holds 2 items to import.');
  await region.getByRole('button', { name: 'Import 2 items' }).click();
  await expect(page.locator('#file-import-done')).toHaveText('Imported 2 items into your vault.');

  const popup = await openPopup(extension);
  await waitForScreen(popup, 'list');
  const acme = listOptions(popup).filter({ hasText: 'ACME Co' });
  await expect(acme).toContainText('john.doe@example.com');
  await expect(acme.getByTestId('otp-mark')).toBeVisible();
  await acme.click();
  await waitForScreen(popup, 'item');
  const secret = 'otpauth://totp/x?secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ';
  const shown = (await popup.getByTestId('otp-code').textContent())?.replace(/\s/g, '');
  expect([codeAt(secret, Date.now() - 2_000), codeAt(secret, Date.now())]).toContain(shown);
});
