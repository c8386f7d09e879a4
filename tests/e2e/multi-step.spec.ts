// Two-step sign-in end to end (issue 5, part 6): the account filled on a username-only page is
// the one filled on the password page that follows, in that tab and on that site only.
import { decodeList } from '../../src/messages/list-codec';
import { matchesSection, openPopupFor, site, tabIdOf } from './autofill-support';
import type { ExtensionHarness } from './harness/extension-harness';
import type { FixtureServer } from './harness/fixture-server';
import { expect, test } from './harness/fixtures';
import { createVault, login, openPopup, seedItems, sendRequest } from './popup-support';
import { answerPrompt, promptFrame } from './save-prompt-support';

/** Two accounts on 127.0.0.1: A ranks first (a favourite), B second. */
async function setUp(extension: ExtensionHarness, server: FixtureServer) {
  const urls = [`http://127.0.0.1:${server.port}/`];
  const a = login('Account A', { username: 'a@example.com', password: 'pw-A-Secret', urls, favorite: true });
  const b = login('Account B', { username: 'b@example.com', password: 'pw-B-Secret', urls });
  const popup = await openPopup(extension);
  await createVault(popup);
  await seedItems(popup, [a, b]);
  return { popup, a, b };
}

test('the account chosen on the username page fills the password page that follows', async ({
  extension,
  fixtureServer,
}) => {
  const { popup, a, b } = await setUp(extension, fixtureServer);
  const page = await extension.newPage();
  await page.goto(site(fixtureServer, 'identifier.html'));
  const chooser = await openPopupFor(extension, page);
  await expect(matchesSection(chooser).getByRole('listitem').first()).toContainText('Account A');
  await matchesSection(chooser).getByRole('button', { name: 'Fill Account B' }).click();
  await expect(page.locator('#username')).toHaveValue(b.username);
  await chooser.close();
  await Promise.all([page.waitForURL(/password\.html/), page.locator('#username').press('Enter')]);
  await page.waitForLoadState('load');

  // The shortcut (the function its listener calls) fills B, not the usual first match A.
  const tabId = await tabIdOf(extension, page.url());
  const filled = await sendRequest<{ name: string }>(popup, { type: 'autofill.fillNext', tabId });
  expect(filled.name).toBe('Account B');
  await expect(page.locator('#password')).toHaveValue(b.password);
  // And the popup lists B first on this page.
  const list = await openPopupFor(extension, page);
  await expect(matchesSection(list).getByRole('listitem').first()).toContainText('Account B');
  await list.close();

  // Another site in between forgets the choice: back on the site, A is first again.
  await page.goto(site(fixtureServer, 'plain.html', 'localhost'));
  await page.goto(site(fixtureServer, 'password.html'));
  const again = await sendRequest<{ name: string }>(popup, {
    type: 'autofill.fillNext',
    tabId: await tabIdOf(extension, page.url()),
  });
  expect(again.name).toBe('Account A');
  await expect(page.locator('#password')).toHaveValue(a.password);
});

test('the choice stays in its own tab', async ({ extension, fixtureServer }) => {
  const { popup, b } = await setUp(extension, fixtureServer);
  const page = await extension.newPage();
  await page.goto(site(fixtureServer, 'identifier.html'));
  const tabId = await tabIdOf(extension, page.url());
  // Shortcut twice: A, then B (the cycle), on the username page.
  await sendRequest(popup, { type: 'autofill.fillNext', tabId });
  const second = await sendRequest<{ name: string }>(popup, { type: 'autofill.fillNext', tabId });
  expect(second.name).toBe('Account B');
  await expect(page.locator('#username')).toHaveValue(b.username);

  const other = await extension.newPage();
  await other.goto(site(fixtureServer, 'password.html'));
  const elsewhere = await sendRequest<{ name: string }>(popup, {
    type: 'autofill.fillNext',
    tabId: await tabIdOf(extension, other.url()),
  });
  expect(elsewhere.name).toBe('Account A');
});

test('a username typed on the first step picks the account, and a new one is offered for saving', async ({
  extension,
  fixtureServer,
}) => {
  const { popup, b } = await setUp(extension, fixtureServer);
  const page = await extension.newPage();
  // Typed by hand (no fill): B's username.
  await page.goto(site(fixtureServer, 'identifier.html'));
  await page.locator('#username').fill(b.username);
  await Promise.all([page.waitForURL(/password\.html/), page.locator('#username').press('Enter')]);
  await page.waitForLoadState('load');
  const filled = await sendRequest<{ name: string }>(popup, {
    type: 'autofill.fillNext',
    tabId: await tabIdOf(extension, page.url()),
  });
  expect(filled.name).toBe('Account B');

  // A username the vault does not know, then a password typed on the second page: a save offer
  // for that username, although the password page has no username field.
  await page.goto(site(fixtureServer, 'identifier.html'));
  await page.locator('#username').fill('c@example.com');
  await Promise.all([page.waitForURL(/password\.html/), page.locator('#username').press('Enter')]);
  await page.locator('#password').fill('pw-C-Typed');
  await Promise.all([page.waitForNavigation(), page.locator('#password').press('Enter')]);
  const prompt = await promptFrame(page);
  await expect(prompt.locator('dl')).toContainText('c@example.com');
  await answerPrompt(page, prompt, 'Save');
  await expect(page.locator('tessera-frame')).toHaveCount(0);
  const { encoded } = await sendRequest<{ encoded: string }>(popup, { type: 'vault.list' });
  const saved = decodeList(encoded).find((item) => item.username === 'c@example.com');
  expect(saved).toBeDefined();
  expect(await sendRequest(popup, { type: 'vault.get', id: saved?.id })).toMatchObject({
    password: 'pw-C-Typed',
  });
});
