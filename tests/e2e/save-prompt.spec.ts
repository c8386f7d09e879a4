// Save and update offers end to end (issue 5, part 5): a submitted login on the local fixture
// site (tests/fixtures/autofill-e2e) brings up the save prompt, framed by the content script in a
// closed shadow root, and the person's answer reaches the vault.
import type { Frame, Page } from '@playwright/test';
import axe from 'axe-core';
import { decodeList } from '../../src/messages/list-codec';
import type { Item } from '../../src/vault/types';
import { openPopupFor, site, watchScripts } from './autofill-support';
import type { ExtensionHarness } from './harness/extension-harness';
import type { FixtureServer } from './harness/fixture-server';
import { expect, test } from './harness/fixtures';
import { createVault, login, MASTER_PASSWORD, openPopup, seedItems, sendRequest } from './popup-support';
import {
  answerPrompt,
  clickPromptButton,
  expectNoPrompt,
  promptFrame,
  recordContentMessages,
  submitLogin,
} from './save-prompt-support';

type PageChrome = { runtime: { sendMessage(message: unknown): Promise<unknown> } };

const USER = 'new.user@example.com';
const PASS = 'pw-Typed-Secret!';
async function setUp(
  extension: ExtensionHarness,
  items: Parameters<typeof seedItems>[1] = [],
): Promise<Page> {
  const popup = await openPopup(extension);
  await createVault(popup);
  if (items.length > 0) await seedItems(popup, items);
  return popup;
}

/** An empty vault, a new login submitted on login.html, and its save prompt. */
async function newLoginOffered(extension: ExtensionHarness, server: FixtureServer) {
  const popup = await setUp(extension);
  const page = await extension.newPage();
  await page.goto(site(server, 'login.html'));
  await submitLogin(page, USER, PASS);
  return { popup, page, prompt: await promptFrame(page) };
}

async function items(popup: Page): Promise<Item[]> {
  const { encoded } = await sendRequest<{ encoded: string }>(popup, { type: 'vault.list' });
  return Promise.all(
    decodeList(encoded).map((overview) => sendRequest<Item>(popup, { type: 'vault.get', id: overview.id })),
  );
}

/**
 * The prompt passes axe (serious and critical rules) in both colour schemes. AxeBuilder cannot
 * reach a frame inside a closed shadow root, so axe-core is run in the frame itself.
 */
async function expectAccessible(page: Page, frame: Frame): Promise<void> {
  await frame.evaluate(axe.source);
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await expect
      .poll(() => frame.evaluate(() => matchMedia('(prefers-color-scheme: dark)').matches))
      .toBe(colorScheme === 'dark');
    const violations = await frame.evaluate(async () => {
      const run = (globalThis as unknown as { axe: typeof axe }).axe.run;
      const results = await run(document, { resultTypes: ['violations'] });
      return results.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
    });
    expect(violations, `${colorScheme}: ${violations.join('\n')}`).toEqual([]);
  }
}

test('a new login submitted on a page is offered for saving, in a prompt the page cannot read', async ({
  extension,
  fixtureServer,
}) => {
  const { popup, page, prompt } = await newLoginOffered(extension, fixtureServer);
  await expect(prompt.getByRole('heading')).toHaveText('Save this login in Tessera?');
  await expect(prompt.locator('dl')).toContainText(USER);
  await expect(prompt.locator('dl')).toContainText(`127.0.0.1:${fixtureServer.port}`);
  // The prompt never holds the password, and the page sees an empty, closed host.
  expect(await prompt.content()).not.toContain(PASS);
  const seen = await page.evaluate(() => {
    const host = document.querySelector('tessera-frame');
    return {
      text: document.documentElement.textContent,
      shadow: host?.shadowRoot ?? null,
      html: host?.innerHTML,
    };
  });
  expect(seen).toEqual({ text: expect.not.stringContaining(USER), shadow: null, html: '' });
  await expectAccessible(page, prompt);

  await answerPrompt(page, prompt, 'Save');
  await expect(page.locator('tessera-frame')).toHaveCount(0);
  const saved = await items(popup);
  expect(saved).toHaveLength(1);
  expect(saved[0]).toMatchObject({
    username: USER,
    password: PASS,
    urls: [`http://127.0.0.1:${fixtureServer.port}/`],
    name: '127.0.0.1',
  });
});

test('one click submits a script-filled form before detection ever ran: the login is offered, and saved as submitted', async ({
  extension,
  fixtureServer,
}) => {
  const popup = await setUp(extension);
  const page = await extension.newPage();
  const scripts = await watchScripts(page);
  await page.goto(
    site(fixtureServer, `login.html?${new URLSearchParams({ username: USER, password: PASS })}`),
  );
  await expect(page.locator('#password')).toHaveValue(PASS);
  // No focus, press or key yet: the forms module (detection, the submit watch) is not in.
  await page.waitForTimeout(300);
  expect(scripts.forms()).toEqual([]);
  // The person's one click: its press wakes detection, and the click submits at once.
  await Promise.all([page.waitForNavigation(), page.getByRole('button', { name: 'Sign in' }).click()]);
  const prompt = await promptFrame(page);
  await expect(prompt.locator('dl')).toContainText(USER);
  await answerPrompt(page, prompt, 'Save');
  await expect(page.locator('tessera-frame')).toHaveCount(0);
  expect(await items(popup)).toMatchObject([{ username: USER, password: PASS }]);
  await scripts.cdp.detach();
});

test('a changed password for a saved login is offered as an update that keeps the rest', async ({
  extension,
  fixtureServer,
}) => {
  const existing = login('Local', {
    username: USER,
    password: 'pw-Old',
    notes: 'keep me',
    urls: [`http://127.0.0.1:${fixtureServer.port}/`],
  });
  const popup = await setUp(extension, [existing, login('Elsewhere')]);
  const page = await extension.newPage();
  await page.goto(site(fixtureServer, 'login.html'));
  await submitLogin(page, USER, PASS);

  const prompt = await promptFrame(page);
  await expect(prompt.getByRole('heading')).toHaveText('Update the password of “Local”?');
  await answerPrompt(page, prompt, 'Update');
  await expect(page.locator('tessera-frame')).toHaveCount(0);
  const after = await items(popup);
  expect(after).toHaveLength(2);
  expect(after.find((item) => item.name === 'Local')).toMatchObject({
    ...existing,
    password: PASS,
  });
});

test('a fill submitted unchanged offers nothing', async ({ extension, fixtureServer }) => {
  const existing = login('Local', { username: USER, urls: [`http://127.0.0.1:${fixtureServer.port}/`] });
  await setUp(extension, [existing]);
  const page = await extension.newPage();
  await page.goto(site(fixtureServer, 'login.html'));
  const popup = await openPopupFor(extension, page);
  await popup.getByRole('button', { name: 'Fill Local' }).click();
  await expect(page.locator('#password')).toHaveValue(existing.password);
  await Promise.all([page.waitForNavigation(), page.locator('#password').press('Enter')]);
  await expectNoPrompt(page);
});

test('the page cannot tell the saved password from a wrong guess: the same prompt comes up for both', async ({
  extension,
  fixtureServer,
}) => {
  const existing = login('Local', { username: USER, urls: [`http://127.0.0.1:${fixtureServer.port}/`] });
  const popup = await setUp(extension, [existing]);
  const page = await extension.newPage();
  await page.goto(site(fixtureServer, 'login.html'));
  /** What the page can see of Tessera a fixed time after the sign-in: the host elements and their boxes. */
  const seenByPage = async () => {
    await page.waitForTimeout(2_500);
    return page.evaluate(() =>
      [...document.querySelectorAll('tessera-frame')].map((host) => {
        const { x, y, width, height } = host.getBoundingClientRect();
        return { x, y, width, height, style: host.getAttribute('style'), html: host.innerHTML };
      }),
    );
  };

  // The page typed its guess; the person signs in. Right guess first, then a wrong one.
  await submitLogin(page, USER, existing.password);
  const right = await seenByPage();
  const sameText = await (await promptFrame(page)).getByRole('heading').textContent();
  // Left unanswered: the next sign-in's page load takes it away. (A CDP click on "OK" waits for
  // the frame's input acknowledgement, and the frame's quick removal sometimes swallows it.)
  await submitLogin(page, USER, 'pw-Wrong-Guess');
  const wrong = await seenByPage();
  expect(right).toEqual(wrong);
  expect(right).toHaveLength(1);
  // Only the person, inside the frame the page cannot read, is told which it was.
  expect(sameText).toBe('“Local” already has this password');
  await expect((await promptFrame(page)).getByRole('heading')).toHaveText('Update the password of “Local”?');
  // "Already saved" wrote nothing.
  expect((await items(popup)).map((item) => item.password)).toEqual([existing.password]);
});

test('a single-page app sign-in without navigation brings up the prompt', async ({
  extension,
  fixtureServer,
}) => {
  const popup = await setUp(extension);
  const page = await extension.newPage();
  await page.goto(site(fixtureServer, 'spa-save.html'));
  await page.locator('#username').fill(USER);
  await page.locator('#password').fill(PASS);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('status')).toHaveText('Signed in.');
  const prompt = await promptFrame(page);
  await answerPrompt(page, prompt, 'Save');
  await expect(page.locator('tessera-frame')).toHaveCount(0);
  expect(await items(popup)).toMatchObject([{ username: USER, password: PASS }]);
});

test('in a form its script posts, the plain "Sign in" button brings up the prompt and "Show" does not', async ({
  extension,
  fixtureServer,
}) => {
  const popup = await setUp(extension);
  const page = await extension.newPage();
  await page.goto(site(fixtureServer, 'scripted-form.html'));
  await page.locator('#username').fill(USER);
  await page.locator('#password').fill(PASS);
  // Shown and hidden again: a plain button that is not the form's action.
  await page.getByRole('button', { name: 'Show' }).click();
  await page.getByRole('button', { name: 'Show' }).click();
  await expectNoPrompt(page);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('status')).toHaveText('Signed in.');
  await answerPrompt(page, await promptFrame(page), 'Save');
  await expect(page.locator('tessera-frame')).toHaveCount(0);
  expect(await items(popup)).toMatchObject([{ username: USER, password: PASS }]);
});

test('an http page never updates or shadows an https login for the same account', async ({
  extension,
  fixtureServer,
}) => {
  const secure = login('Secure', { username: USER, urls: [`https://127.0.0.1:${fixtureServer.port}/`] });
  const popup = await setUp(extension, [secure]);
  const page = await extension.newPage();
  await page.goto(site(fixtureServer, 'login.html'));
  await submitLogin(page, USER, PASS);
  await expectNoPrompt(page);
  expect(await items(popup)).toMatchObject([{ ...secure }]);
});

test('"Never for this site" stops the offers there, and only there', async ({ extension, fixtureServer }) => {
  const popup = await setUp(extension);
  const page = await extension.newPage();
  await page.goto(site(fixtureServer, 'login.html'));
  await submitLogin(page, USER, PASS);
  await answerPrompt(page, await promptFrame(page), 'Never for this site');
  await expect(page.locator('tessera-frame')).toHaveCount(0);

  await submitLogin(page, USER, 'pw-Another');
  await expectNoPrompt(page);
  expect(await items(popup)).toEqual([]);

  // The other origin still gets its offer.
  await page.goto(site(fixtureServer, 'login.html', 'localhost'));
  await submitLogin(page, USER, PASS);
  await promptFrame(page);
});

test('while the vault is locked the prompt asks to unlock and writes nothing', async ({
  extension,
  fixtureServer,
}) => {
  const popup = await setUp(extension);
  await sendRequest(popup, { type: 'vault.lock' });
  const page = await extension.newPage();
  await page.goto(site(fixtureServer, 'login.html'));
  await submitLogin(page, USER, PASS);

  const prompt = await promptFrame(page);
  await expect(prompt.getByRole('heading')).toHaveText('Unlock Tessera to save this login');
  await answerPrompt(page, prompt, 'Continue');
  await expect(prompt.getByRole('heading')).toHaveText('Unlock Tessera to save this login');

  await sendRequest(popup, { type: 'vault.unlock', password: MASTER_PASSWORD });
  expect(await items(popup)).toEqual([]);
  // Once unlocked, Continue shows what saving will do before anything is written.
  await answerPrompt(page, prompt, 'Continue');
  await expect(prompt.getByRole('heading')).toHaveText('Save this login in Tessera?');
  expect(await items(popup)).toEqual([]);
  await answerPrompt(page, prompt, 'Save');
  await expect(page.locator('tessera-frame')).toHaveCount(0);
  expect(await items(popup)).toMatchObject([{ username: USER, password: PASS }]);
});

test('a web page cannot load the prompt itself, and a wrong token gets no offer', async ({
  extension,
  fixtureServer,
}) => {
  await setUp(extension);
  const page = await extension.newPage();
  await page.goto(site(fixtureServer, 'login.html'));
  await submitLogin(page, USER, PASS);
  const prompt = await promptFrame(page);
  // A copy framed by the page at the prompt's static address does not load (use_dynamic_url).
  await page.evaluate((url) => {
    const frame = document.createElement('iframe');
    frame.id = 'copy';
    frame.src = `${url}#${'A'.repeat(32)}`;
    document.body.append(frame);
  }, prompt.url().split('#')[0]);
  await expect.poll(() => page.frames().length).toBe(3);
  expect(page.frames().filter((frame) => frame.url().includes('/save-prompt.html'))).toHaveLength(1);
  // Without the token from the prompt's URL fragment (which the page cannot read), no offer.
  const reply = await prompt.evaluate(
    (message) => (globalThis as unknown as { chrome: PageChrome }).chrome.runtime.sendMessage(message),
    { type: 'autofill.offer.get', token: 'A'.repeat(32) },
  );
  expect(reply).toMatchObject({ ok: false, error: { code: 'no-offer' } });
  const resolve = await prompt.evaluate(
    (message) => (globalThis as unknown as { chrome: PageChrome }).chrome.runtime.sendMessage(message),
    { type: 'autofill.offer.resolve', token: 'A'.repeat(32), action: 'save' },
  );
  expect(resolve).toMatchObject({ ok: false, error: { code: 'no-offer' } });
});

test('a page that submits its sign-in form from script, in a loop, gets no prompt and asks nothing of the vault', async ({
  extension,
  fixtureServer,
}) => {
  await setUp(extension, [
    login('Local', { username: USER, password: PASS, urls: [`http://127.0.0.1:${fixtureServer.port}/`] }),
  ]);
  const sent = await recordContentMessages(extension);
  const page = await extension.newPage();
  await page.goto(site(fixtureServer, 'request-submit.html'));
  // requestSubmit(), a dispatched submit event and a script's click on the button, 40 times.
  await expect(page.locator('#count')).toHaveText('40');
  await expectNoPrompt(page);
  expect(await sent()).not.toContain('autofill.submitted');

  // The positive control: the person's own Enter in the same form is reported, and offered.
  await page.locator('#password').fill('pw-Typed-By-Hand');
  await page.locator('#password').press('Enter');
  await expect.poll(sent).toContain('autofill.submitted');
  await promptFrame(page);
});

test('a click on the prompt too soon after it appeared does nothing; the same click later answers', async ({
  extension,
  fixtureServer,
}) => {
  const { popup, page, prompt } = await newLoginOffered(extension, fixtureServer);
  // At once, as a page that provoked the click would time it: refused, and said so.
  await clickPromptButton(page, prompt, 'Save');
  await expect(prompt.getByRole('status')).toHaveText('This just appeared. Check it, then choose again.');
  // A second click right after (a "double-click here" game) is refused too: the clock restarted.
  await clickPromptButton(page, prompt, 'Save');
  await page.waitForTimeout(300);
  await expect(page.locator('tessera-frame')).toHaveCount(1);
  expect(await items(popup)).toEqual([]);
  await answerPrompt(page, prompt, 'Save');
  await expect(page.locator('tessera-frame')).toHaveCount(0);
  expect(await items(popup)).toMatchObject([{ username: USER, password: PASS }]);
});
