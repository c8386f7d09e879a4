// The clipboard is cleared after the configured time also when the popup has closed (the usual
// case): the popup asks the background, which keeps the deadline as an alarm and clears through
// Chrome's offscreen document.
import type { Browser } from 'wxt/browser';
import { expect, test } from './harness/fixtures';
import {
  createVault,
  listOptions,
  login,
  openPopup,
  seedItems,
  sendRequest,
  waitForScreen,
} from './popup-support';

// Functions passed to evalInWorker run in the worker, where `chrome` is global.
declare const chrome: typeof Browser;

test('a copied password is cleared after the popup closed', async ({ extension }) => {
  test.setTimeout(60_000);
  await extension.context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const popup = await openPopup(extension);
  await createVault(popup);
  await sendRequest(popup, { type: 'settings.set', settings: { clipboardClearSeconds: 10 } });
  await seedItems(popup, [login('Clip', { password: 'clip-Secret-456' })]);
  await popup.reload();
  await waitForScreen(popup, 'list');
  await listOptions(popup).first().click();
  await waitForScreen(popup, 'item');
  await popup.getByRole('button', { name: 'Copy Password' }).click();
  await expect(popup.getByRole('status').filter({ hasText: 'copied' })).toContainText('cleared in 10 s');
  const reader = await extension.newPage();
  await reader.goto(extension.url('options.html'));
  const readClipboard = async () => {
    await reader.bringToFront();
    return reader.evaluate(() => navigator.clipboard.readText());
  };
  expect(await readClipboard()).toBe('clip-Secret-456');
  // The popup has asked the background to clear it: the deadline is an alarm now.
  await expect
    .poll(() =>
      extension.evalInWorker(async () => (await chrome.alarms.get('tessera.clipboard'))?.name ?? null),
    )
    .toBe('tessera.clipboard');
  await popup.close();

  // Stop the worker too: the deadline is an alarm, not only a timer in a worker that may sleep.
  await extension.stopServiceWorker();
  await expect.poll(readClipboard, { timeout: 25_000, intervals: [1_000] }).toBe('');
});
