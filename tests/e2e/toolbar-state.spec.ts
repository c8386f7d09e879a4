// The toolbar button follows the session: the locked icon from the start (title "Tessera"), the
// unlocked icon and "Tessera (unlocked)" after an unlock, the same after the worker was stopped and
// started again, and locked again after auto-lock (its alarm brought forward) and after "Lock now".
import { expect, test } from './harness/fixtures';
import {
  createVaultQuickly,
  lockFromPage,
  MASTER_PASSWORD,
  openOptions,
  send,
  unlockWithPassword,
  waitForState,
} from './helpers/options';

declare const chrome: {
  action: { getTitle(details: object): Promise<string> };
  alarms: { create(name: string, info: { when: number }): void };
};

test('the toolbar icon and title follow unlock, a worker restart, auto-lock and lock', async ({
  extension,
}) => {
  test.setTimeout(90_000);
  const title = () => extension.evalInWorker(() => chrome.action.getTitle({}));
  const manifest = await extension.evalInWorker(() =>
    (
      globalThis as unknown as { chrome: { runtime: { getManifest(): unknown } } }
    ).chrome.runtime.getManifest(),
  );
  // Icons at every size both stores ask for; the toolbar starts on the locked one.
  expect(manifest).toMatchObject({
    icons: {
      16: 'icons/tessera-16.png',
      32: 'icons/tessera-32.png',
      48: 'icons/tessera-48.png',
      128: 'icons/tessera-128.png',
    },
    action: { default_icon: { 16: 'icons/tessera-locked-16.png', 128: 'icons/tessera-locked-128.png' } },
  });

  const page = await openOptions(extension);
  await waitForState(page, 'empty');
  expect(await title()).toBe('Tessera');
  await createVaultQuickly(page);
  await expect.poll(title).toBe('Tessera (unlocked)');

  await extension.stopServiceWorker();
  expect(await title()).toBe('Tessera (unlocked)');

  await send(page, { type: 'settings.set', settings: { autoLockMinutes: 1 } });
  await extension.evalInWorker(() => chrome.alarms.create('tessera.autolock', { when: Date.now() + 500 }));
  await waitForState(page, 'locked');
  await expect.poll(title).toBe('Tessera (locked)');

  await unlockWithPassword(page, MASTER_PASSWORD);
  await waitForState(page, 'unlocked');
  await expect.poll(title).toBe('Tessera (unlocked)');
  await lockFromPage(page);
  await expect.poll(title).toBe('Tessera (locked)');
});
