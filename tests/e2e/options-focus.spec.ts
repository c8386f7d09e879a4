// Where the cursor is after the options page refuses something or finishes it. A refusal puts it
// on the field to fix (marked invalid only then); an action that ends or removes the control that
// started it leaves it on the next sensible control. It never falls to the page body, where a
// keyboard or screen-reader user would have to find their way back from the top.
import type { Page } from '@playwright/test';
import { expect, test } from './harness/fixtures';
import {
  BACKUP_PASSWORD,
  createVaultQuickly,
  enrolBiometric,
  MASTER_PASSWORD,
  openOptions,
  send,
  showGroup,
  VirtualAuthenticator,
} from './helpers/options';

const WRONG = 'not my master password 3';

/** The focused element's tag and id (or text), and a failure if it is the page body. */
async function expectFocusNotOnBody(page: Page, step: string): Promise<void> {
  // Effects that move focus run after the render that ends the request: wait for them to settle.
  await expect
    .poll(() => page.evaluate(() => document.activeElement?.tagName ?? 'none'), { message: step })
    .not.toMatch(/^(BODY|none)$/);
}

test('after a refusal the cursor is on the field to fix, marked invalid only then', async ({ extension }) => {
  test.setTimeout(90_000);
  const page = await openOptions(extension, '#unlocking');
  await createVaultQuickly(page);

  // Recovery key: nothing typed is not invalid; a wrong master password is, and gets the cursor.
  const recovery = page.getByRole('region', { name: 'Recovery key' });
  const recoveryCurrent = recovery.getByLabel('Your master password, to make a recovery key');
  await expect(recoveryCurrent).not.toHaveAttribute('aria-invalid');
  await recovery.getByRole('button', { name: 'Create recovery key' }).click();
  await expect(recovery.getByRole('alert')).toHaveText('Enter your master password first.');
  await expect(recoveryCurrent).toBeFocused();
  await expect(recoveryCurrent).toHaveAttribute('aria-invalid', 'true');
  await recoveryCurrent.fill(WRONG);
  await expect(recoveryCurrent).not.toHaveAttribute('aria-invalid');
  await recovery.getByRole('button', { name: 'Create recovery key' }).click();
  await expect(recovery.getByRole('alert')).toHaveText('Wrong master password. Check it and try again.');
  await expect(recoveryCurrent).toBeFocused();
  await expect(recoveryCurrent).toHaveAttribute('aria-invalid', 'true');

  // Encrypted backup: the same for its master password.
  await showGroup(page, 'Import and export');
  const backup = page.getByRole('region', { name: 'Encrypted backup' });
  const backupCurrent = backup.getByLabel('Your master password, to export a backup');
  await backup.getByLabel('Password for the new backup', { exact: true }).fill(BACKUP_PASSWORD);
  await backup.getByLabel('Repeat the password for the new backup').fill(BACKUP_PASSWORD);
  await backup.getByRole('button', { name: 'Export encrypted backup' }).click();
  await expect(page.locator('#export-error')).toHaveText('Enter your master password first.');
  await expect(backupCurrent).toBeFocused();
  await expect(backupCurrent).toHaveAttribute('aria-invalid', 'true');
  await backupCurrent.fill(WRONG);
  await backup.getByRole('button', { name: 'Export encrypted backup' }).click();
  await expect(page.locator('#export-error')).toHaveText('Wrong master password. Check it and try again.');
  await expect(backupCurrent).toBeFocused();
  await expect(backupCurrent).toHaveAttribute('aria-invalid', 'true');

  // Biometric unlock: the ceremony succeeds, then the background refuses the wrong password.
  await showGroup(page, 'Unlock and recovery');
  await VirtualAuthenticator.attach(page);
  const biometric = page.getByRole('region', { name: 'Biometric unlock' });
  const biometricCurrent = biometric.getByLabel('Your master password, to turn on biometric unlock');
  await page.bringToFront();
  await biometric.getByRole('button', { name: 'Turn on biometric unlock' }).click();
  await expect(biometric.getByRole('alert')).toHaveText('Enter your master password first.');
  await expect(biometricCurrent).toBeFocused();
  await biometricCurrent.fill(WRONG);
  await biometric.getByRole('button', { name: 'Turn on biometric unlock' }).click();
  await expect(biometric.getByRole('alert')).toHaveText('Wrong master password. Check it and try again.');
  await expect(biometricCurrent).toBeFocused();
  await expect(biometricCurrent).toHaveAttribute('aria-invalid', 'true');
});

test('after an action ends or removes its own button, the cursor is never left on the page body', async ({
  extension,
}) => {
  test.setTimeout(90_000);
  const page = await openOptions(extension, '#transfer');
  await createVaultQuickly(page);

  // A damaged backup file is refused without naming a field: the cursor stays on the button.
  const backup = page.getByRole('region', { name: 'Encrypted backup' });
  await backup.getByLabel('Backup file').setInputFiles({
    name: 'tessera-backup.json',
    mimeType: 'application/json',
    buffer: Buffer.from(
      (
        await send<{ text: string }>(page, {
          type: 'backup.export',
          password: BACKUP_PASSWORD,
          current: MASTER_PASSWORD,
        })
      ).text,
    ),
  });
  await backup.getByLabel('Password of the backup to import').fill(`${BACKUP_PASSWORD}x`);
  await backup.getByRole('button', { name: 'Check backup' }).click();
  await expect(page.locator('#import-error')).not.toBeEmpty();
  await expectFocusNotOnBody(page, 'import refused');

  // The recovery key is closed with Done, which goes away with it.
  await showGroup(page, 'Unlock and recovery');
  const recovery = page.getByRole('region', { name: 'Recovery key' });
  await recovery.getByLabel('Your master password, to make a recovery key').fill(MASTER_PASSWORD);
  await recovery.getByRole('button', { name: 'Create recovery key' }).click();
  await recovery.getByLabel('I saved my recovery key somewhere safe').check();
  await recovery.getByRole('button', { name: 'Done' }).click();
  await expect(recovery.getByTestId('recovery-key')).toHaveCount(0);
  await expectFocusNotOnBody(page, 'recovery key closed');

  // A biometric enrolment is removed, and its Remove button with it.
  await VirtualAuthenticator.attach(page);
  const biometric = page.getByRole('region', { name: 'Biometric unlock' });
  await enrolBiometric(page);
  await expectFocusNotOnBody(page, 'biometric enrolled');
  await biometric.getByRole('button', { name: 'Remove “This device”' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Remove' }).click();
  await expect(biometric.getByRole('status')).toHaveText('Biometric unlock for “This device” was removed.');
  await expect(biometric.getByRole('listitem')).toHaveCount(0);
  await expectFocusNotOnBody(page, 'biometric enrolment removed');
});
