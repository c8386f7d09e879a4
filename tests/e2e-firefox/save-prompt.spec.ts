// The save prompt in Firefox (issue 5's save offers on issue 7's second browser): a login for a new
// account submitted on a page is offered in an extension frame, the frame shows the username and
// site but never the password, and Save stores it with the site's address.
import { decodeList } from '../../src/messages/list-codec';
import type { FixtureServer } from '../e2e/harness/fixture-server';
import type { FirefoxExtension } from './harness/firefox-extension';
import { expect, test } from './harness/fixtures';
import { clickInFrame, createVaultWithLogins, extensionFrame, openPopup, send } from './support';

const NEW_USER = 'bob@example.com';
const NEW_PASS = 'pw-Bob-New-Secret!';
/** The prompt's clickjacking guard (src/autofill/menu-guard.ts) waits 500 ms; a little more. */
const SETTLE_MS = 700;

interface Item {
  username: string;
  password: string;
  urls: string[];
}

/** The vault with the Local login, a new login submitted on login.html, and its save prompt. */
async function newLoginOffered(firefox: FirefoxExtension, server: FixtureServer) {
  await createVaultWithLogins(firefox, server.port);
  const page = await firefox.browser.newPage();
  await page.goto(server.url('autofill-e2e/login.html'));
  await page.type('#username', NEW_USER);
  await page.type('#password', NEW_PASS);
  await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
  return { page, prompt: await extensionFrame(page, '/save-prompt.html', 'h1, [role="heading"]') };
}

test('a new login submitted on a page is offered, and Save stores it', async ({ firefox, fixtureServer }) => {
  const { page, prompt } = await newLoginOffered(firefox, fixtureServer);
  const text = await prompt.evaluate(() => document.body.textContent ?? '');
  expect(text).toContain('Save this login in Tessera?');
  expect(text).toContain(NEW_USER);
  expect(text).toContain(`127.0.0.1:${fixtureServer.port}`);
  expect(await prompt.evaluate(() => document.documentElement.outerHTML)).not.toContain(NEW_PASS);

  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  await clickInFrame(page, prompt, 'button', 'Save');
  await page.waitForFunction(() => document.querySelector('tessera-frame') === null);

  const popup = await openPopup(firefox);
  const { encoded } = await send<{ encoded: string }>(popup, { type: 'vault.list' });
  const entry = decodeList(encoded).find((e) => e.username === NEW_USER);
  if (!entry) throw new Error('the new login was not saved');
  const saved = await send<Item>(popup, { type: 'vault.get', id: entry.id });
  expect(saved).toMatchObject({
    username: NEW_USER,
    password: NEW_PASS,
    urls: [`http://127.0.0.1:${fixtureServer.port}/`],
  });
});

test('a click on the prompt too soon after it appeared does nothing; the same click later saves', async ({
  firefox,
  fixtureServer,
}) => {
  const { page, prompt } = await newLoginOffered(firefox, fixtureServer);
  // At once: the guard (src/autofill/menu-guard.ts, 500 ms) refuses it; Firefox has no
  // Intersection Observer v2, so the clock is what stands between a provoked click and a save.
  await clickInFrame(page, prompt, 'button', 'Save');
  await prompt.waitForFunction(() =>
    /just appeared/.test(document.querySelector('[role="status"]')?.textContent ?? ''),
  );
  expect(await page.evaluate(() => document.querySelectorAll('tessera-frame').length)).toBe(1);
  const popup = await openPopup(firefox);
  const before = await send<{ encoded: string }>(popup, { type: 'vault.list' });
  expect(decodeList(before.encoded).some((e) => e.username === NEW_USER)).toBe(false);

  await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
  await clickInFrame(page, prompt, 'button', 'Save');
  await page.waitForFunction(() => document.querySelector('tessera-frame') === null);
  const after = await send<{ encoded: string }>(popup, { type: 'vault.list' });
  expect(decodeList(after.encoded).some((e) => e.username === NEW_USER)).toBe(true);
});
