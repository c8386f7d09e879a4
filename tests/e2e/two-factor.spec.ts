// Two-factor codes filled end to end (issue 15, item 4): a login with a code, filled on the first
// page of the two-step fixture site, then its code on the code page, by the popup's Fill, the
// shortcut's command and the inline menu; the six-box variant; and username, password and code
// in one form. The code is checked against the site's own authenticator (two-factor-support.ts).
import type { Page } from '@playwright/test';
import { matchesSection, openPopupFor, site, tabIdOf, values } from './autofill-support';
import type { ExtensionHarness } from './harness/extension-harness';
import type { FixtureServer } from './harness/fixture-server';
import { expect, test } from './harness/fixtures';
import { createVault, login, openPopup, seedItems, sendRequest } from './popup-support';
import { acceptedCodes, TWO_FACTOR_SECRET } from './two-factor-support';

async function setUp(extension: ExtensionHarness, server: FixtureServer) {
  const urls = [`http://127.0.0.1:${server.port}/`];
  const coded = login('With code', { username: 'alice@example.com', urls, totp: TWO_FACTOR_SECRET });
  const plain = login('Without code', { username: 'bob@example.com', urls, favorite: true });
  const popup = await openPopup(extension);
  await createVault(popup);
  await seedItems(popup, [coded, plain]);
  return { popup, coded, plain };
}

/** Page 1: the popup's Fill for the login with a code, then the person submits. */
async function signInFirstStep(extension: ExtensionHarness, page: Page, next: RegExp) {
  const chooser = await openPopupFor(extension, page);
  await matchesSection(chooser).getByRole('button', { name: 'Fill With code' }).click();
  await expect(page.locator('#password')).toHaveValue('pw-With code-Secret!');
  await chooser.close();
  await Promise.all([page.waitForURL(next), page.locator('#password').press('Enter')]);
  await page.waitForLoadState('load');
}

test('the code page after a filled login: the shortcut fills the code, and the popup ranks that login first', async ({
  extension,
  fixtureServer,
}) => {
  const { popup } = await setUp(extension, fixtureServer);
  const page = await extension.newPage();
  await page.goto(site(fixtureServer, 'two-factor.html'));
  await signInFirstStep(extension, page, /two-factor-code\.html/);

  const list = await openPopupFor(extension, page);
  await expect(matchesSection(list).getByRole('listitem').first()).toContainText('With code');
  await list.close();

  const tabId = await tabIdOf(extension, page.url());
  const filled = await sendRequest<{ name: string; code?: string }>(popup, {
    type: 'autofill.fillNext',
    tabId,
  });
  expect(filled).toMatchObject({ name: 'With code', code: 'filled' });
  const [code] = await values(page, 'code');
  expect(acceptedCodes()).toContain(code);
});

test('the six-box code page is filled one digit per box from the popup', async ({
  extension,
  fixtureServer,
}) => {
  await setUp(extension, fixtureServer);
  const page = await extension.newPage();
  await page.goto(site(fixtureServer, 'two-factor.html?next=two-factor-boxes.html'));
  await signInFirstStep(extension, page, /two-factor-boxes\.html/);

  const chooser = await openPopupFor(extension, page);
  await matchesSection(chooser).getByRole('button', { name: 'Fill With code' }).click();
  await expect(page.locator('#d6')).not.toHaveValue('');
  const digits = await values(page, 'd1', 'd2', 'd3', 'd4', 'd5', 'd6');
  expect(digits.every((digit) => /^\d$/.test(digit))).toBe(true);
  expect(acceptedCodes()).toContain(digits.join(''));
});

test('username, password and code in one form; a login without a code leaves the code field alone', async ({
  extension,
  fixtureServer,
}) => {
  const { popup } = await setUp(extension, fixtureServer);
  const page = await extension.newPage();
  await page.goto(site(fixtureServer, 'two-factor-same-page.html'));
  const tabId = await tabIdOf(extension, page.url());
  const pageUrl = page.url();
  const items = await sendRequest<{ matches: Array<{ id: string; name: string }> }>(popup, {
    type: 'autofill.matchesForTab',
    tabId,
  });
  const id = (name: string) => items.matches.find((match) => match.name === name)?.id;

  await sendRequest(popup, { type: 'autofill.fill', tabId, itemId: id('Without code'), pageUrl });
  expect(await values(page, 'username', 'password', 'code')).toEqual([
    'bob@example.com',
    'pw-Without code-Secret!',
    '',
  ]);

  const outcome = await sendRequest<{ filled: number; code?: string }>(popup, {
    type: 'autofill.fill',
    tabId,
    itemId: id('With code'),
    pageUrl,
  });
  expect(outcome).toMatchObject({ filled: 3, code: 'filled' });
  const [username, password, code] = await values(page, 'username', 'password', 'code');
  expect([username, password]).toEqual(['alice@example.com', 'pw-With code-Secret!']);
  expect(acceptedCodes()).toContain(code);
});

test('a login without a code on the code page is refused with a clear message', async ({
  extension,
  fixtureServer,
}) => {
  await setUp(extension, fixtureServer);
  const page = await extension.newPage();
  await page.goto(site(fixtureServer, 'two-factor-code.html'));
  const chooser = await openPopupFor(extension, page);
  await matchesSection(chooser).getByRole('button', { name: 'Fill Without code' }).click();
  await expect(chooser.getByText('"Without code" has none saved')).toBeVisible();
  expect(await values(page, 'code')).toEqual(['']);
});
