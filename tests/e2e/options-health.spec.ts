// Vault health in the options page on a seeded vault: weak, reused, http-only and URL-less logins
// are listed with a link to edit each; an edit in the popup (opened from that link) updates the
// counts without a reload; axe finds nothing serious on the screen. The report's grouping rules
// and the age rule are unit-tested (tests/unit/health/report.test.ts).
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import type { HealthReport } from '../../src/health/report';
import { expect, test } from './harness/fixtures';
import { ESTIMATOR_GLOBAL, RATED_AFTER_WAKE, weakAfterRating, ZXCVBN_RATED } from './helpers/health';
import { createVaultQuickly, openOptions, seedItems, send, sendRaw } from './helpers/options';
import { login, waitForScreen } from './popup-support';

const STRONG = 'violet mango quarry lantern 77';

const ITEMS = [
  // One weak password on two sites: weak twice, and one reused group.
  login('Alpha Mail', { id: 'alpha', password: 'password1', urls: ['https://mail.alpha.test/'] }),
  login('Beta Shop', { id: 'beta', password: 'password1', urls: ['https://beta.test/login'] }),
  // Strong and unique, https: in no group.
  login('Gamma Bank', { id: 'gamma', password: STRONG, urls: ['https://gamma.test/'] }),
  login('Delta Forum', { id: 'delta', password: 'ok-Unique-Forum-Secret-91', urls: ['http://delta.test/'] }),
  login('Epsilon Router', { id: 'epsilon', password: 'ok-Unique-Router-Secret-37', urls: [] }),
];

function group(page: Page, id: string) {
  return page.getByTestId(`health-${id}`);
}

async function expectCounts(page: Page, counts: Record<string, number>): Promise<void> {
  for (const [id, count] of Object.entries(counts)) {
    await expect(group(page, id).locator('.health-count'), id).toHaveText(String(count));
  }
}

test('the health groups of a seeded vault, an edit from its link updating them, axe-clean', async ({
  extension,
}) => {
  test.setTimeout(120_000);
  const page = await openOptions(extension, '#health');
  await createVaultQuickly(page);
  await seedItems(page, ITEMS);
  await page.reload();
  const region = page.getByRole('region', { name: 'Password health' });
  await expect(region.getByTestId('health-summary')).toHaveText('Every password has been checked.');
  await expectCounts(page, { reused: 2, weak: 2, old: 0, insecure: 1, 'no-url': 1 });
  await expect(group(page, 'reused').locator('[data-item-id]')).toHaveCount(2);
  await expect(group(page, 'weak').locator('[data-item-id]')).toHaveText([/Alpha Mail/, /Beta Shop/]);
  await expect(group(page, 'insecure')).toContainText('Delta Forum');
  await expect(group(page, 'no-url')).toContainText('Epsilon Router');
  // No password reaches the page.
  const html = await page.content();
  for (const item of ITEMS) expect(html).not.toContain(item.password);

  const axe = await new AxeBuilder({ page }).include('main').analyze();
  const serious = axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(serious.map((v) => `${v.id}: ${v.help}`)).toEqual([]);

  // The Edit link opens that login in the popup's editor, in a tab; a new password there updates
  // the groups here, without a reload.
  const [editor] = await Promise.all([
    page.context().waitForEvent('page'),
    group(page, 'weak').getByRole('link', { name: 'Edit Beta Shop' }).click(),
  ]);
  await waitForScreen(editor, 'edit');
  await expect(editor.getByLabel('Name', { exact: true })).toHaveValue('Beta Shop');
  await editor.getByLabel('Password', { exact: true }).fill('another-Long-Unique-Secret-58');
  await editor.getByRole('button', { name: 'Save' }).click();
  await waitForScreen(editor, 'item');
  await expectCounts(page, { reused: 0, weak: 1, insecure: 1, 'no-url': 1 });
  await expect(group(page, 'reused')).toContainText('None.');
});

test('only the options page may ask for the report', async ({ extension }) => {
  const page = await openOptions(extension);
  await createVaultQuickly(page);
  expect((await send<{ unrated: number }>(page, { type: 'health.report' })).unrated).toBe(0);
  const popup = await extension.openPopup();
  const reply = await sendRaw(popup, { type: 'health.report' });
  expect(reply).toEqual({
    ok: false,
    error: {
      code: 'forbidden-sender',
      message: `"health.report" may be asked only by Tessera's options page.`,
    },
  });
});

/** What the worker's global scope holds under the estimator's name (a function once loaded). */
const estimatorIn = (extension: { evalInWorker<R, A>(fn: (name: A) => R, arg: A): Promise<R> }) =>
  extension.evalInWorker((name) => typeof (globalThis as Record<string, unknown>)[name], ESTIMATOR_GLOBAL);

test('the worker starts without zxcvbn, loads it for the first rating, and a worker stopped and woken still rates', async ({
  extension,
}) => {
  test.setTimeout(120_000);
  const page = await openOptions(extension, '#health');
  await createVaultQuickly(page);
  await seedItems(page, ZXCVBN_RATED);
  const report = () => send<HealthReport>(page, { type: 'health.report' });
  // background.js does not carry zxcvbn's dictionaries (its common-password list has this word);
  // the estimator's own script does.
  const source = (file: string) =>
    page.evaluate(async (url) => (await fetch(url)).text(), extension.url(file));
  expect(await source('background.js')).not.toContain('qwertyuiop');
  expect(await source('strength-estimator.js')).toContain('qwertyuiop');
  // A started worker has not loaded the estimator; the first rating does.
  await extension.stopServiceWorker();
  expect(await estimatorIn(extension)).toBe('undefined');
  expect(await weakAfterRating(report)).toEqual(['Alpha Mail']);
  expect(await estimatorIn(extension)).toBe('function');

  // A later start loads the copy stored at install: importScripts() of any other script throws.
  await extension.stopServiceWorker();
  expect(await estimatorIn(extension)).toBe('undefined');
  await seedItems(page, [RATED_AFTER_WAKE]);
  expect(await weakAfterRating(report)).toEqual(['Alpha Mail', 'Kappa Blog']);
  expect(await estimatorIn(extension)).toBe('function');
  // And the page shows it.
  await page.reload();
  await expectCounts(page, { weak: 2 });
});
