// Accessibility of every popup screen, checked by axe-core in both colour schemes: no violation
// of impact "serious" or "critical" (WCAG 2.x A/AA rules and axe best practices).
import { expect, test } from './harness/fixtures';
import { expectNoSeriousViolations } from './helpers/axe';
import { login, MASTER_PASSWORD, openPopup, seedItems, waitForScreen } from './popup-support';

/** The popup help's topics (issue 15: the help mentions every feature). */
const HELP_TOPICS = [
  'Unlock and lock',
  'Search',
  'Fill a login',
  'Two-factor codes',
  'Passkeys',
  'Vault health',
  'Settings',
];

for (const colorScheme of ['light', 'dark'] as const) {
  test(`axe finds no serious or critical violations on any screen (${colorScheme})`, async ({
    extension,
  }) => {
    // Ten screens, each analysed by axe: on the shared 2-core machine (load ~15) this ran past 60 s.
    test.setTimeout(120_000);
    const page = await openPopup(extension);
    await page.emulateMedia({ colorScheme });

    await waitForScreen(page, 'create');
    await page.getByLabel('Master password', { exact: true }).fill('password123');
    await page.getByRole('button', { name: 'Create vault' }).click();
    await expect(page.getByRole('alert')).not.toBeEmpty();
    await expectNoSeriousViolations(page, 'create (with error)');

    await page.getByLabel('Master password', { exact: true }).fill(MASTER_PASSWORD);
    await page.getByLabel('Repeat master password').fill(MASTER_PASSWORD);
    await page.getByRole('button', { name: 'Create vault' }).click();
    await waitForScreen(page, 'list');
    await expectNoSeriousViolations(page, 'list (empty)');

    await seedItems(page, [
      login('Example Bank', {
        notes: 'Notes here',
        fields: [{ name: 'PIN', value: '1234', hidden: true }],
        // A two-factor code: the list mark, the item's code and ring, the editor's secret field.
        totp: 'otpauth://totp/Bank:ann?secret=JBSWY3DPEHPK3PXP&issuer=Bank',
      }),
      login('Mail', { totp: 'not base32!' }),
      login('Shop'),
    ]);
    await page.reload();
    await waitForScreen(page, 'list');
    await page.keyboard.press('ArrowDown');
    await expectNoSeriousViolations(page, 'list');

    await page.keyboard.press('Enter');
    await waitForScreen(page, 'item');
    await page.getByRole('button', { name: 'Show Password' }).click();
    await expectNoSeriousViolations(page, 'item');
    await page.getByRole('button', { name: 'Delete' }).click();
    await expect(page.getByRole('dialog')).toBeVisible();
    await expectNoSeriousViolations(page, 'delete confirmation');
    await page.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click();

    await page.getByRole('button', { name: 'Edit' }).click();
    await waitForScreen(page, 'edit');
    await expectNoSeriousViolations(page, 'edit');

    await page.getByRole('button', { name: 'Generate' }).click();
    await waitForScreen(page, 'generator');
    await expectNoSeriousViolations(page, 'generator (password, from form)');
    await page.getByRole('radio', { name: 'Passphrase' }).check();
    await expectNoSeriousViolations(page, 'generator (passphrase)');
    await page.getByRole('button', { name: 'Cancel' }).click();
    await waitForScreen(page, 'edit');
    await page.getByRole('button', { name: 'Back' }).click();
    await waitForScreen(page, 'item');
    await page.getByRole('button', { name: 'Back' }).click();
    await waitForScreen(page, 'list');

    await page.getByRole('button', { name: 'Password generator' }).click();
    await waitForScreen(page, 'generator');
    await expectNoSeriousViolations(page, 'generator (from list)');
    await page.getByRole('button', { name: 'Back' }).click();
    await waitForScreen(page, 'list');

    // Help: from the list's "?" button by keyboard, every topic, Escape back; then Back.
    await page.getByRole('button', { name: 'Help', exact: true }).focus();
    await page.keyboard.press('Enter');
    await waitForScreen(page, 'help');
    await expect(page.getByRole('heading', { level: 1, name: 'Help' })).toBeFocused();
    for (const topic of HELP_TOPICS) {
      await expect(page.getByRole('heading', { level: 2, name: topic, exact: true })).toBeVisible();
    }
    await expect(page.getByText(/Ctrl\+Shift\+L/)).toBeVisible();
    await expectNoSeriousViolations(page, 'help');
    await page.keyboard.press('Escape');
    await waitForScreen(page, 'list');
    await page.getByRole('button', { name: 'Help', exact: true }).click();
    await waitForScreen(page, 'help');
    await page.getByRole('button', { name: 'Back' }).click();

    await page.getByRole('button', { name: 'Lock now' }).click();
    await waitForScreen(page, 'unlock');
    await expectNoSeriousViolations(page, 'unlock');
    await page.getByLabel('Master password').fill('wrong password');
    await page.getByRole('button', { name: 'Unlock' }).click();
    await expect(page.getByRole('alert')).not.toBeEmpty();
    await expectNoSeriousViolations(page, 'unlock (with error)');
  });
}
