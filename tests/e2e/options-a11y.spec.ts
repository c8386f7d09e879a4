// Accessibility of the options page in each state, checked by axe-core in both colour schemes: no
// violation of impact "serious" or "critical" (WCAG 2.x A/AA rules and axe best practices).
import { expect, test } from './harness/fixtures';
import { expectNoSeriousViolations } from './helpers/axe';
import {
  createVaultQuickly,
  forEachGroup,
  lockFromPage,
  MASTER_PASSWORD,
  openOptions,
  send,
  showGroup,
  waitForState,
} from './helpers/options';

for (const colorScheme of ['light', 'dark'] as const) {
  test(`axe finds no serious or critical violations in any state (${colorScheme})`, async ({ extension }) => {
    // One axe run per group and state: on a loaded machine each takes a few seconds.
    test.setTimeout(240_000);
    const page = await openOptions(extension);
    await page.emulateMedia({ colorScheme });
    await waitForState(page, 'empty');
    await page
      .getByRole('region', { name: 'Restore from backup' })
      .getByRole('button', { name: 'Restore' })
      .click();
    await expectNoSeriousViolations(page, 'empty (with error)');

    await createVaultQuickly(page);
    await send(page, { type: 'settings.set', settings: { autoLockMinutes: 0 } });
    await page.reload();
    await waitForState(page, 'unlocked');
    await forEachGroup(page, (group) => expectNoSeriousViolations(page, `unlocked, ${group}`));

    await showGroup(page, 'Unlock and recovery');
    await page.locator('#recovery-current').fill(MASTER_PASSWORD);

    await page.getByRole('button', { name: 'Create recovery key' }).click();
    await expect(page.getByTestId('recovery-key')).toBeVisible();
    await expectNoSeriousViolations(page, 'recovery key shown');

    await lockFromPage(page);
    await page.getByRole('button', { name: 'Forgot your password?' }).click();
    await expectNoSeriousViolations(page, 'locked, recovery form open');
    await forEachGroup(page, (group) => expectNoSeriousViolations(page, `locked, ${group}`));
  });
}
