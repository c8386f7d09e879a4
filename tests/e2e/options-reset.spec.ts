// S4 end to end: locked out, reset local data while LOCKED after a typed confirmation; the vault,
// its key records and the settings are gone; first run (options page, and the popup's first-run
// screen) offers "Restore from backup"; restoring the backup exported earlier brings every item back.
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { expect, test } from './harness/fixtures';
import {
  BACKUP_PASSWORD,
  createVaultQuickly,
  expectItems,
  lockFromPage,
  MASTER_PASSWORD,
  NEW_PASSWORD,
  openOptions,
  sampleItems,
  seedItems,
  send,
  storedKeyKinds,
  waitForState,
} from './helpers/options';

const ITEMS = sampleItems(25, 's4');

/** Exports a backup through the page's backup section; returns the file's text. */
async function exportBackup(page: Page): Promise<{ name: string; text: string }> {
  const region = page.getByRole('region', { name: 'Encrypted backup' });
  await region.getByLabel('Password for the new backup', { exact: true }).fill(BACKUP_PASSWORD);
  await region.getByLabel('Repeat the password for the new backup').fill(BACKUP_PASSWORD);
  const download = page.waitForEvent('download');
  await region.getByLabel('Your master password').fill(MASTER_PASSWORD);
  await region.getByRole('button', { name: 'Export encrypted backup' }).click();
  const file = await download;
  const name = file.suggestedFilename();
  await expect(region.getByRole('status').first()).toHaveText(`Saved ${name} with ${ITEMS.length} items.`);
  return { name, text: await readFile((await file.path())!, 'utf8') };
}

async function storageLocal(page: Page): Promise<Record<string, unknown>> {
  return page.evaluate(() =>
    (
      globalThis as unknown as {
        chrome: { storage: { local: { get(k: null): Promise<Record<string, unknown>> } } };
      }
    ).chrome.storage.local.get(null),
  );
}

test('S4: reset while locked after a typed confirmation, then restore the backup', async ({ extension }) => {
  test.setTimeout(90_000);
  // Opens on the backup's group; locked, the page falls back to the group with reset in it.
  const page = await openOptions(extension, '#transfer');
  await createVaultQuickly(page);
  await seedItems(page, ITEMS);
  const backup = await exportBackup(page);
  expect(backup.name).toMatch(/^tessera-backup-\d{4}-\d{2}-\d{2}\.json$/);
  expect(JSON.parse(backup.text)).toMatchObject({ format: 'tessera-backup', itemCount: ITEMS.length });
  expect(backup.text).not.toContain('Site 1');

  // State that a reset must remove: a recovery key record and a changed setting.
  await send(page, { type: 'recovery.create', current: MASTER_PASSWORD });
  await send(page, { type: 'settings.set', settings: { autoLockMinutes: 60 } });
  expect(await storedKeyKinds(page)).toEqual(['password', 'recovery']);
  expect(await storageLocal(page)).toHaveProperty('settings');

  await lockFromPage(page);
  const reset = page.getByRole('region', { name: 'Reset local data' });
  // It says exactly what will be lost.
  for (const loss of [
    "every item in this browser's vault",
    'biometric unlock enrolments',
    'the recovery key record',
    'settings (auto-lock, clipboard clearing)',
  ]) {
    await expect(reset.getByRole('listitem').filter({ hasText: loss })).toBeVisible();
  }
  // Locked: no backup can be exported, so none is offered.
  await expect(reset.getByRole('button', { name: 'Export an encrypted backup first' })).toHaveCount(0);

  const typed = reset.getByLabel('To confirm, type “reset”');
  await typed.fill('rest');
  await reset.getByRole('button', { name: 'Reset local data' }).click();
  await expect(reset.getByRole('alert')).toHaveText('Type “reset” to confirm.');
  await expect(typed).toBeFocused();
  expect((await send<{ state: string }>(page, { type: 'vault.status' })).state).toBe('locked');

  await typed.fill('reset');
  await reset.getByRole('button', { name: 'Reset local data' }).click();
  await waitForState(page, 'empty');

  // Gone: the vault (status 'empty'), its key records, the settings and everything in storage.local.
  expect((await send<{ state: string }>(page, { type: 'vault.status' })).state).toBe('empty');
  expect(await storedKeyKinds(page)).toEqual([]);
  expect(await send(page, { type: 'settings.get' })).toMatchObject({ autoLockMinutes: 15 });
  expect(await storageLocal(page)).toEqual({});

  // The popup's first-run screen offers the restore too, opening this page at #restore.
  const popup = await extension.newPage();
  await popup.goto(extension.url('popup.html'));
  const opened = popup.context().waitForEvent('page');
  await popup.getByRole('button', { name: 'Restore from backup' }).click();
  const restorePage = await opened;
  await restorePage.waitForLoadState();
  expect(new URL(restorePage.url()).pathname).toBe('/options.html');
  await waitForState(restorePage, 'empty');
  await expect(restorePage.getByRole('heading', { name: 'Restore from backup' })).toBeFocused();
  await restorePage.close();
  await popup.close();

  const restore = page.getByRole('region', { name: 'Restore from backup' });
  await restore.getByLabel('Backup file').setInputFiles({
    name: backup.name,
    mimeType: 'application/json',
    buffer: Buffer.from(backup.text),
  });
  await expect(restore.getByText(`with ${ITEMS.length} items.`)).toBeVisible();
  await restore.getByLabel('New master password', { exact: true }).fill(NEW_PASSWORD);
  await restore.getByLabel('Repeat new master password').fill(NEW_PASSWORD);

  // A wrong backup password: a clear error, and nothing changed.
  await restore.getByLabel('Backup password').fill('not the backup password 7');
  await restore.getByRole('button', { name: 'Restore', exact: true }).click();
  await expect(restore.getByRole('alert')).toHaveText(
    'The backup password is wrong, or the file is damaged. Nothing was changed.',
  );
  expect((await send<{ state: string }>(page, { type: 'vault.status' })).state).toBe('empty');

  await restore.getByLabel('Backup password').fill(BACKUP_PASSWORD);
  await restore.getByRole('button', { name: 'Restore', exact: true }).click();
  await waitForState(page, 'unlocked');
  await expectItems(page, ITEMS);

  // The restored vault opens with its new master password.
  await lockFromPage(page);
  expect((await send<{ state: string }>(page, { type: 'vault.unlock', password: NEW_PASSWORD })).state).toBe(
    'unlocked',
  );
  await expectItems(page, ITEMS);
});

test('S4: a damaged backup file is named as such before any password is asked for', async ({ extension }) => {
  const page = await openOptions(extension, '#restore');
  await waitForState(page, 'empty');
  const restore = page.getByRole('region', { name: 'Restore from backup' });
  await expect(page.getByRole('heading', { name: 'Restore from backup' })).toBeFocused();
  await restore.getByLabel('Backup file').setInputFiles({
    name: 'notes.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from('{"format":"tessera-backup","version":1,'),
  });
  await expect(restore.getByRole('alert')).toHaveText(
    'This file cannot be used: This is not a Tessera backup file (it is not JSON, or it was cut short).',
  );
  await restore.getByRole('button', { name: 'Restore', exact: true }).click();
  await expect(restore.getByRole('alert')).toHaveText('Choose a backup file.');
  expect((await send<{ state: string }>(page, { type: 'vault.status' })).state).toBe('empty');
});
