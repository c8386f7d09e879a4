// Settings on the options page: auto-lock, lock on system lock and clipboard clearing work while the
// vault is locked and are saved at once; "Never" warns. Key derivation strength shows the current
// Argon2id cost and a measured "about N ms on this device", and changing it keeps the password.
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

test('settings are saved at once, also while locked; "Never" warns', async ({ extension }) => {
  const page = await openOptions(extension);
  await createVaultQuickly(page);
  await lockFromPage(page);

  const region = page.getByRole('region', { name: 'Locking and clipboard' });
  const autoLock = region.getByLabel('Lock automatically');
  await expect(autoLock).toHaveValue('15');
  await expect(region.getByRole('note')).toHaveCount(0);
  await autoLock.selectOption({ label: 'Never' });
  await expect(region.getByRole('status')).toHaveText('Saved.');
  await expect(region.getByRole('note')).toContainText('the vault stays unlocked until you lock it');
  await expect(autoLock).toHaveAccessibleDescription(/stays unlocked until you lock it/);

  await region.getByLabel('Lock when the computer locks').uncheck();
  await region
    .getByLabel('Clear copied passwords from the clipboard')
    .selectOption({ label: 'After 10 seconds' });
  await expect(region.getByRole('status')).toHaveText('Saved.');
  expect(await send(page, { type: 'settings.get' })).toEqual({
    autoLockMinutes: 0,
    lockOnSystemLock: false,
    clipboardClearSeconds: 10,
    copyCodeAfterFill: false,
    passwordAgeDays: 365,
  });

  await autoLock.selectOption({ label: 'After 4 hours' });
  await expect(region.getByRole('note')).toHaveCount(0);
  await page.reload();
  await waitForState(page, 'locked');
  await expect(region.getByLabel('Lock automatically')).toHaveValue('240');
  await expect(region.getByLabel('Lock when the computer locks')).not.toBeChecked();
});

test('key derivation strength: measured readout, and a change that keeps the password', async ({
  extension,
}) => {
  test.setTimeout(90_000);
  const page = await openOptions(extension);
  await createVaultQuickly(page);

  const region = page.getByRole('region', { name: 'Key derivation strength' });
  await region.scrollIntoViewIfNeeded();
  await expect(region.getByTestId('kdf-current')).toHaveText('Current: 64 MiB memory, 3 passes, 4 lanes');
  const choice = region.getByLabel('Strength', { exact: true });
  await expect(choice).toHaveValue('standard');
  const estimate = region.locator('#kdf-estimate');
  await expect(estimate).toHaveText(/^About \d[\d,]* ms per unlock on this device\.$/, { timeout: 20_000 });

  await choice.selectOption('light');
  await expect(estimate).toHaveText(/^About \d[\d,]* ms per unlock on this device\.$/, { timeout: 20_000 });

  await region.getByLabel('Your master password, to apply the new strength').fill('not my password at all 1');
  await region.getByRole('button', { name: 'Apply' }).click();
  await expect(region.getByRole('alert')).toHaveText(
    'The current master password is not correct. Nothing was changed.',
  );
  expect(await send(page, { type: 'vault.kdfCost' })).toEqual({
    memoryKiB: 65536,
    iterations: 3,
    parallelism: 4,
  });

  await region.getByLabel('Your master password, to apply the new strength').fill(MASTER_PASSWORD);
  await region.getByRole('button', { name: 'Apply' }).click();
  await expect(region.getByRole('status')).toHaveText(
    'Key derivation strength changed. Your master password stays the same.',
  );
  await expect(region.getByTestId('kdf-current')).toHaveText('Current: 32 MiB memory, 3 passes, 4 lanes');
  expect(await send(page, { type: 'vault.kdfCost' })).toEqual({
    memoryKiB: 32768,
    iterations: 3,
    parallelism: 4,
  });

  await lockFromPage(page);
  await unlockWithPassword(page, MASTER_PASSWORD);
  await waitForState(page, 'unlocked');
});
