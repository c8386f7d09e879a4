// Biometric unlock from the popup: the unlock screen offers it only when an enrolment exists, and
// opens a small extension window on the options page's unlock section, because the WebAuthn dialog
// takes focus and would close a toolbar popup mid-ceremony. The ceremony itself, in that section,
// is covered by options-password.spec.ts (S2) and options-biometric.spec.ts (S3): a virtual
// authenticator belongs to one tab and its PRF secret cannot be copied to the new window's tab.
import { expect, test } from './harness/fixtures';
import {
  createVaultQuickly,
  lockFromPage,
  MASTER_PASSWORD,
  openOptions,
  VirtualAuthenticator,
  waitForState,
} from './helpers/options';
import { openPopup, waitForScreen } from './popup-support';

test('the popup offers biometric unlock only with an enrolment, in a small window', async ({ extension }) => {
  const options = await openOptions(extension, '#unlocking');
  await createVaultQuickly(options);
  await lockFromPage(options);

  let popup = await openPopup(extension);
  await waitForScreen(popup, 'unlock');
  // keys.list answers after the first paint; give it time to (not) show the button.
  await popup.waitForTimeout(500);
  await expect(popup.getByRole('button', { name: 'Unlock with biometric' })).toHaveCount(0);
  await popup.close();

  await options.reload();
  await waitForState(options, 'locked');
  await options.getByLabel('Master password').first().fill(MASTER_PASSWORD);
  await options.getByRole('button', { name: 'Unlock', exact: true }).click();
  await waitForState(options, 'unlocked');
  await VirtualAuthenticator.attach(options);
  const biometric = options.getByRole('region', { name: 'Biometric unlock' });
  await options.bringToFront();
  await biometric.getByLabel('Your master password').fill(MASTER_PASSWORD);
  await biometric.getByRole('button', { name: 'Turn on biometric unlock' }).click();
  await expect(biometric.getByRole('listitem')).toHaveCount(1);
  await lockFromPage(options);

  popup = await openPopup(extension);
  await waitForScreen(popup, 'unlock');
  const windowOpened = extension.context.waitForEvent('page');
  await popup.getByRole('button', { name: 'Unlock with biometric' }).click();
  const unlockWindow = await windowOpened;
  // A new window can take a while to commit its first navigation on a loaded machine.
  await expect(unlockWindow).toHaveURL(/options\.html#unlock$/, { timeout: 15_000 });
  await waitForState(unlockWindow, 'locked');
  await expect(
    unlockWindow
      .getByRole('region', { name: 'Unlock your vault' })
      .getByRole('button', { name: /biometric/i }),
  ).toBeVisible();
});
