// S1 and S2 end to end on the options page, with a CDP virtual authenticator as the fingerprint
// reader. S1: change the master password with the current one; the old one fails, the new one works,
// every item is intact and biometric unlock still works. S2: unlock with biometric, then change the
// password by verifying with biometric instead of the forgotten current password.
import type { Page } from '@playwright/test';
import { expect, test } from './harness/fixtures';
import {
  createVaultQuickly,
  enrolBiometric,
  expectItems,
  lockFromPage,
  MASTER_PASSWORD,
  NEW_PASSWORD,
  openOptions,
  sampleItems,
  seedItems,
  showGroup,
  unlockWithPassword,
  VirtualAuthenticator,
  waitForState,
} from './helpers/options';

const ITEMS = sampleItems(12, 's1');

async function unlockWithBiometric(page: Page): Promise<void> {
  await page.bringToFront();
  await page.getByRole('button', { name: 'Unlock with biometric' }).click();
  await waitForState(page, 'unlocked');
}

function newPasswordFields(page: Page) {
  const region = page.getByRole('region', { name: 'Master password' });
  return {
    region,
    current: region.getByLabel('Current master password'),
    next: region.getByLabel('New master password', { exact: true }),
    repeat: region.getByLabel('Repeat new master password'),
  };
}

test('S1: change password keeps every item; old password fails, new works, biometric still works', async ({
  extension,
}) => {
  test.setTimeout(90_000);
  const page = await openOptions(extension);
  await waitForState(page, 'empty');

  // First run in the options page itself.
  const create = page.getByRole('region', { name: 'Create a new vault' });
  await create.getByLabel('Master password', { exact: true }).fill(MASTER_PASSWORD);
  await create.getByLabel('Repeat master password').fill(MASTER_PASSWORD);
  await create.getByRole('button', { name: 'Create vault' }).click();
  await waitForState(page, 'unlocked');
  await seedItems(page, ITEMS);

  await VirtualAuthenticator.attach(page);
  await showGroup(page, 'Unlock and recovery');
  await enrolBiometric(page);
  await showGroup(page, 'Vault and security');

  // A wrong current password changes nothing and says so.
  const form = newPasswordFields(page);
  await form.current.fill('not my password at all 1');
  await form.next.fill(NEW_PASSWORD);
  await form.repeat.fill(NEW_PASSWORD);
  await form.region.getByRole('button', { name: 'Change password' }).click();
  await expect(form.region.getByRole('alert')).toHaveText(
    'The current master password is not correct. Nothing was changed.',
  );
  await expect(form.current).toBeFocused();

  await form.current.fill(MASTER_PASSWORD);
  await form.region.getByRole('button', { name: 'Change password' }).click();
  await expect(form.region.getByRole('button', { name: 'Changing password…' })).toBeDisabled();
  await expect(form.region.getByRole('status')).toHaveText(
    'Master password changed. Use the new one from now on.',
  );
  await expect(form.current).toHaveValue('');

  await lockFromPage(page);
  await unlockWithPassword(page, MASTER_PASSWORD);
  await expect(page.getByRole('region', { name: 'Unlock your vault' }).getByRole('alert')).toHaveText(
    'Wrong master password. Check it and try again.',
  );
  await waitForState(page, 'locked');

  // Biometric unlock still works: its key record wraps the same vault key, untouched.
  await unlockWithBiometric(page);
  await expectItems(page, ITEMS);

  await lockFromPage(page);
  await unlockWithPassword(page, NEW_PASSWORD);
  await waitForState(page, 'unlocked');
  await expectItems(page, ITEMS);
});

test('S2: unlock with biometric, then change the password by verifying with biometric', async ({
  extension,
}) => {
  test.setTimeout(90_000);
  const page = await openOptions(extension);
  await createVaultQuickly(page);
  await seedItems(page, ITEMS);
  await VirtualAuthenticator.attach(page);
  await showGroup(page, 'Unlock and recovery');
  await enrolBiometric(page);

  await lockFromPage(page);
  await unlockWithBiometric(page);
  await showGroup(page, 'Vault and security');

  const form = newPasswordFields(page);
  await form.region.getByRole('button', { name: 'Verify with biometric instead' }).click();
  // No current password is asked for: the fresh assertion is the proof.
  await expect(form.current).toHaveCount(0);
  await form.next.fill(NEW_PASSWORD);
  await form.repeat.fill(NEW_PASSWORD);
  await page.bringToFront();
  await form.region.getByRole('button', { name: 'Verify and change password' }).click();
  await expect(form.region.getByRole('status')).toHaveText(
    'Master password changed. Use the new one from now on.',
  );

  await lockFromPage(page);
  await unlockWithPassword(page, NEW_PASSWORD);
  await waitForState(page, 'unlocked');
  await expectItems(page, ITEMS);
});
