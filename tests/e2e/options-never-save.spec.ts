// "Sites that never offer to save" on the options page: a "Never for this site" answer in a real
// save prompt (tests/fixtures/autofill-e2e) is listed there, locked or unlocked, and removing it
// brings the save offers back on that site.
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type { Browser } from 'wxt/browser';
import { site } from './autofill-support';
import type { ExtensionHarness } from './harness/extension-harness';
import type { FixtureServer } from './harness/fixture-server';
import { expect, test } from './harness/fixtures';
import { createVaultQuickly, lockFromPage, openOptions, waitForState } from './helpers/options';
import { answerPrompt, expectNoPrompt, promptFrame, submitLogin } from './save-prompt-support';

declare const chrome: typeof Browser;

const USER = 'new.user@example.com';
const PASS = 'pw-Typed-Secret!';

/** Submits a new login on the fixture site at `host` and answers the prompt "Never for this site". */
async function answerNever(
  extension: ExtensionHarness,
  server: FixtureServer,
  host: '127.0.0.1' | 'localhost',
) {
  const page = await extension.newPage();
  // The tab a person looks at: the prompt's buttons refuse input while its frame is not visible.
  await page.bringToFront();
  await page.goto(site(server, 'login.html', host));
  await submitLogin(page, USER, PASS);
  await answerPrompt(page, await promptFrame(page), 'Never for this site');
  await expect(page.locator('tessera-frame')).toHaveCount(0);
  await submitLogin(page, USER, PASS);
  await expectNoPrompt(page);
  return page;
}

function section(options: Page) {
  return options.getByRole('region', { name: 'Sites that never offer to save' });
}

test('a "Never" answer is listed in the options; removing it with the keyboard brings the offer back', async ({
  extension,
  fixtureServer,
}) => {
  const options = await openOptions(extension, '#autofill');
  await createVaultQuickly(options);
  const empty = 'No sites. When you answer “Never for this site” in a save prompt, the site appears here.';
  await expect(section(options)).toContainText(empty);

  const page = await answerNever(extension, fixtureServer, '127.0.0.1');
  // The answer was given in another tab: coming back to the options page shows it.
  await options.bringToFront();
  await options.evaluate(() => document.dispatchEvent(new Event('visibilitychange')));
  const origin = `http://127.0.0.1:${fixtureServer.port}`;
  const remove = section(options).getByRole('button', { name: `Remove ${origin}` });
  await expect(section(options).getByRole('listitem')).toHaveText([`${origin}Remove`]);
  const results = await new AxeBuilder({ page: options }).include('#never-save').analyze();
  expect(results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);

  await remove.focus();
  await options.keyboard.press('Enter');
  await expect(section(options).getByRole('status')).toHaveText(
    `${origin} was removed. Tessera will offer to save logins there again.`,
  );
  await expect(section(options)).toContainText(empty);
  // The removed row's button is gone; the focus is on the section's heading, not lost.
  await expect(options.getByRole('heading', { name: 'Sites that never offer to save' })).toBeFocused();

  await page.bringToFront();
  // Another password: the same form sent again with the same values within SUBMISSION_REPEAT_MS of
  // the last send is taken for that send reported twice (src/autofill/tab-memory.ts), and on a fast
  // machine the steps above take less than that.
  await submitLogin(page, USER, `${PASS}-2`);
  await expect((await promptFrame(page)).getByRole('heading')).toHaveText('Save this login in Tessera?');
});

test('while the vault is locked the list shows, sorted; a failed removal says so, and a site can be removed', async ({
  extension,
  fixtureServer,
}) => {
  const options = await openOptions(extension, '#autofill');
  await createVaultQuickly(options);
  await answerNever(extension, fixtureServer, 'localhost');
  await answerNever(extension, fixtureServer, '127.0.0.1');
  await options.bringToFront();
  await lockFromPage(options);

  const [first, second] = ['127.0.0.1', 'localhost'].map((host) => `http://${host}:${fixtureServer.port}`);
  const rows = section(options).getByRole('listitem');
  await expect(rows).toHaveText([`${first}Remove`, `${second}Remove`]);

  // A removal the background cannot write (storage.local failing, say the disk is full) is
  // reported, naming the site, and the list stays as it is.
  await extension.evalInWorker(() => {
    const local = chrome.storage.local as unknown as Record<string, unknown>;
    local.realSet = local.set;
    local.set = () => {
      throw new Error('QUOTA_BYTES quota exceeded');
    };
  });
  const removeFirst = section(options).getByRole('button', { name: `Remove ${first}` });
  await removeFirst.click();
  await expect(section(options).getByRole('alert')).toHaveText(
    `${first} could not be removed: Tessera hit an unexpected error. Nothing was changed.`,
  );
  await expect(rows).toHaveText([`${first}Remove`, `${second}Remove`]);
  await extension.evalInWorker(() => {
    const local = chrome.storage.local as unknown as Record<string, unknown>;
    local.set = local.realSet;
  });

  await removeFirst.click();
  await expect(rows).toHaveText([`${second}Remove`]);
  // The error is gone, and the focus moves to the button now in the removed row's place.
  await expect(options.locator('#never-save-error')).toBeEmpty();
  await expect(section(options).getByRole('button', { name: `Remove ${second}` })).toBeFocused();

  await options.reload();
  await waitForState(options, 'locked');
  await expect(rows).toHaveText([`${second}Remove`]);
});
