// S5 end to end: forgot the password and no biometric. With a recovery key (shown once, grouped,
// printable, closed only after "I saved it"), "Forgot your password?" opens the vault and sets a new
// password, items intact. Without one, the page says plainly that the data cannot be recovered.
import { expect, test } from './harness/fixtures';
import {
  createVaultQuickly,
  expectItems,
  lockFromPage,
  MASTER_PASSWORD,
  NEW_PASSWORD,
  openForgot,
  openOptions,
  sampleItems,
  seedItems,
  send,
  storedKeyKinds,
  submitRecovery,
  unlockWithPassword,
  waitForState,
} from './helpers/options';

const ITEMS = sampleItems(10, 's5');

test('S5: the recovery key, shown once, unlocks the vault and sets a new password', async ({ extension }) => {
  test.setTimeout(90_000);
  const page = await openOptions(extension, '#unlocking');
  await createVaultQuickly(page);
  await seedItems(page, ITEMS);

  const section = page.getByRole('region', { name: 'Recovery key' });
  await expect(section.getByTestId('recovery-status')).toHaveText('Not set up.');
  await section.locator('#recovery-current').fill(MASTER_PASSWORD);
  await section.getByRole('button', { name: 'Create recovery key' }).click();
  const shown = section.getByTestId('recovery-key');
  await expect(shown).toBeVisible();
  // 14 groups of 4 Crockford base32 characters, on two lines.
  const lines = await shown.locator('.recovery-line').allInnerTexts();
  expect(lines).toHaveLength(2);
  const recoveryKey = lines.join(' ');
  expect(recoveryKey).toMatch(/^([0-9A-HJKMNP-TV-Z]{4} ){13}[0-9A-HJKMNP-TV-Z]{4}$/);
  await expect(section.getByRole('button', { name: 'Print' })).toBeVisible();
  await expect(section.getByTestId('recovery-status')).toHaveText(/^Set up on /);
  expect(await storedKeyKinds(page)).toEqual(['password', 'recovery']);

  // It cannot be closed before the person confirms it is saved; then it is gone for good.
  const done = section.getByRole('button', { name: 'Done' });
  await expect(done).toBeDisabled();
  await section.getByLabel('I saved my recovery key somewhere safe').check();
  await done.click();
  await expect(shown).toHaveCount(0);
  await expect(section.getByRole('button', { name: 'Replace recovery key' })).toBeVisible();

  await lockFromPage(page);
  const forgot = await openForgot(page);
  const keyField = forgot.getByLabel('Recovery key');
  const submit = forgot.getByRole('button', { name: 'Unlock and set the new password' });
  await forgot.getByLabel('New master password', { exact: true }).fill(NEW_PASSWORD);
  await forgot.getByLabel('Repeat new master password').fill(NEW_PASSWORD);

  // A typo is caught by the key's checksum, before anything is tried.
  const typo = recoveryKey.slice(0, -1) + (recoveryKey.endsWith('0') ? '1' : '0');
  await keyField.fill(typo);
  await submit.click();
  await expect(forgot.getByRole('alert')).toHaveText(
    'That recovery key has a typo: check each group against your printed copy.',
  );
  await expect(keyField).toBeFocused();
  await waitForState(page, 'locked');

  // Lowercase, with spaces instead of dashes, as typed from paper.
  await keyField.fill(recoveryKey.toLowerCase());
  await submit.click();
  await waitForState(page, 'unlocked');
  await expectItems(page, ITEMS);

  await lockFromPage(page);
  await unlockWithPassword(page, MASTER_PASSWORD);
  await expect(page.getByRole('region', { name: 'Unlock your vault' }).getByRole('alert')).toHaveText(
    'Wrong master password. Check it and try again.',
  );
  await unlockWithPassword(page, NEW_PASSWORD);
  await waitForState(page, 'unlocked');
  await expectItems(page, ITEMS);
  // The recovery key record is still there: it keeps working for the next time.
  expect(await storedKeyKinds(page)).toEqual(['password', 'recovery']);
});

test('S5: without a recovery key the page says plainly that the data cannot be recovered', async ({
  extension,
}) => {
  const page = await openOptions(extension);
  await createVaultQuickly(page);
  await lockFromPage(page);
  const forgot = await openForgot(page);
  await expect(forgot.getByRole('note')).toHaveText(
    'This vault has no recovery key. Without the master password, biometric unlock or a recovery key, the data in this vault cannot be recovered, by Tessera or by anyone else.',
  );
  await expect(forgot.getByLabel('Recovery key')).toHaveCount(0);
  await expect(forgot.getByText('reset local data below and restore the backup')).toBeVisible();
});

test('S5: after the recovery key set a new password, the page suggests a new recovery key, one click away', async ({
  extension,
}) => {
  test.setTimeout(90_000);
  const page = await openOptions(extension, '#unlocking');
  await createVaultQuickly(page);
  await seedItems(page, ITEMS);
  const { recoveryKey: oldKey } = await send<{ recoveryKey: string }>(page, {
    type: 'recovery.create',
    current: MASTER_PASSWORD,
  });
  await page.reload();
  await waitForState(page, 'unlocked');
  // No suggestion after an ordinary unlock.
  const suggestion = page.getByRole('region', { name: 'Make a new recovery key' });
  await expect(suggestion).toHaveCount(0);

  await lockFromPage(page);
  const forgot = await openForgot(page);
  await submitRecovery(forgot, oldKey, NEW_PASSWORD);
  await waitForState(page, 'unlocked');

  // Said at once, with the reason, and focused so a screen reader reads it first.
  await expect(suggestion).toBeVisible();
  await expect(suggestion).toContainText('Your vault is open with the new master password.');
  await expect(suggestion).toContainText('may have been seen while you typed it');
  await expect(page.getByRole('heading', { name: 'Make a new recovery key' })).toBeFocused();

  // One click leads to the recovery key section, where the new master password is asked for.
  await suggestion.getByRole('button', { name: 'Make a new recovery key' }).click();
  const section = page.getByRole('region', { name: 'Recovery key' });
  const current = section.getByLabel('Your master password, to make a recovery key');
  await expect(current).toBeFocused();
  await expect(current).not.toHaveAttribute('aria-invalid');
  await current.fill(NEW_PASSWORD);
  await section.getByRole('button', { name: 'Replace recovery key' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Replace recovery key' }).click();
  const shown = section.getByTestId('recovery-key');
  await expect(shown).toBeVisible();
  const newKey = (await shown.locator('.recovery-line').allInnerTexts()).join(' ');
  expect(newKey.replaceAll(' ', '-')).not.toBe(oldKey);
  // Done: the suggestion goes, and the old key no longer opens the vault.
  await expect(suggestion).toHaveCount(0);
  await section.getByLabel('I saved my recovery key somewhere safe').check();
  await section.getByRole('button', { name: 'Done' }).click();
  await lockFromPage(page);
  const retry = await openForgot(page);
  await submitRecovery(retry, oldKey, MASTER_PASSWORD);
  await expect(retry.getByRole('alert')).not.toBeEmpty();
  await waitForState(page, 'locked');
  await unlockWithPassword(page, NEW_PASSWORD);
  await waitForState(page, 'unlocked');
  await expectItems(page, ITEMS);
});
