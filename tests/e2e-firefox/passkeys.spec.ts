// Passkeys in Firefox ESR (issue 16): the same demo relying party as tests/e2e/passkeys.spec.ts
// (@simplewebauthn/server over https, self-signed certificate accepted, its hosts resolved to
// 127.0.0.1 by network.dns.localDomains). Firefox runs the page-world script as a MAIN-world content
// script (Firefox 128+) and opens Tessera's dialog as a popup window; the tests answer it as a person
// does, with real mouse input in that window (BiDi input.performActions, see answerDialog).
import type { Frame, Page } from 'puppeteer-core';
import {
  PARTNER_HOST,
  type PasskeyRp,
  passkeyRpFixture,
  RP_HOST,
  RP_ID,
  RP_TEST_HOSTS,
} from '../e2e/harness/passkey-rp';
import { waitForText } from './harness/dom';
import type { FirefoxExtension } from './harness/firefox-extension';
import { test as base, expect } from './harness/fixtures';
import { MASTER_PASSWORD, openPopup, send } from './support';

const test = base.extend<object, { passkeyRp: PasskeyRp }>({
  passkeyRp: passkeyRpFixture,
  firefoxAcceptInsecureCerts: true,
  firefoxPrefs: {
    'network.dns.localDomains': RP_TEST_HOSTS.join(','),
    // Firefox's own WebAuthn (the native path) refuses a page whose certificate was accepted as an
    // exception, as the demo's self-signed one is, unless this test-profile pref allows it.
    'security.webauthn.allow_with_certificate_override': true,
  },
});

/** Dialog windows a test has answered (a closing one can still be listed a moment longer). */
const answered = new Set<string>();

/** Tessera's dialog window: its BiDi browsing context and the one-time token in its address. */
interface DialogWindow {
  readonly context: string;
  readonly token: string;
}

/**
 * The next dialog window Tessera opens, found in BiDi's own list of windows (puppeteer's pages()
 * leaves out a popup window an extension opens).
 */
async function waitForDialog(firefox: FirefoxExtension): Promise<DialogWindow> {
  for (let tries = 0; tries < 150; tries++) {
    const [context] = (await dialogWindows(firefox)).filter((c) => !answered.has(c));
    if (context) {
      answered.add(context);
      const token = await firefox.evaluateIn<string>(context, 'location.hash.slice(1)');
      return { context, token };
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('no passkey dialog window opened');
}

/** The dialog windows open now. */
function dialogWindows(firefox: FirefoxExtension): Promise<string[]> {
  return firefox.windowsShowing(firefox.url('passkey-dialog.html#'));
}

/** Runs in the dialog: the centre of the enabled button whose text starts with `name`, as JSON; '' while none. */
const buttonCentre = (name: string) => `(() => {
  const button = [...document.querySelectorAll('button')].find(
    (b) => !b.disabled && b.textContent.trim().startsWith(${JSON.stringify(name)}),
  );
  if (!button) return '';
  const box = button.getBoundingClientRect();
  return JSON.stringify({ x: box.x + box.width / 2, y: box.y + box.height / 2 });
})()`;

/** Waits for the dialog's button whose text starts with `name`; its centre in the window. */
async function dialogButton(firefox: FirefoxExtension, dialog: DialogWindow, name: string) {
  for (let tries = 0; tries < 150; tries++) {
    const found = await firefox.evaluateIn<string>(dialog.context, buttonCentre(name));
    if (found) return JSON.parse(found) as { x: number; y: number };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`no button "${name}" in the passkey dialog`);
}

/**
 * A person's click on the dialog's button `name` (real mouse input through BiDi), then the window
 * going away, as an answered dialog does.
 */
async function answerDialog(firefox: FirefoxExtension, dialog: DialogWindow, name: string): Promise<void> {
  const { x, y } = await dialogButton(firefox, dialog, name);
  await firefox.clickAt(dialog.context, x, y).catch(async (error: unknown) => {
    // The release can land after the click closed the window: that is not an error.
    if ((await dialogWindows(firefox)).includes(dialog.context)) throw error;
  });
  await waitUntil(
    async () => !(await dialogWindows(firefox)).includes(dialog.context),
    'the dialog to close',
  );
}

async function waitUntil(done: () => Promise<boolean>, what: string): Promise<void> {
  for (let tries = 0; tries < 150; tries++) {
    if (await done()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function demo(page: Page, action: 'register' | 'signin', username: string): Promise<void> {
  await page.$eval(
    '#username',
    (el, value) => {
      (el as HTMLInputElement).value = value;
    },
    username,
  );
  await page.click(`#${action}`);
}

test('register and sign in with a passkey the relying party verifies, each by a person’s click in Tessera’s dialog (a script’s click there does nothing); another site asking for its RP ID is refused', async ({
  firefox,
  passkeyRp,
}) => {
  const popup = await openPopup(firefox);
  await send(popup, { type: 'vault.create', password: MASTER_PASSWORD });
  const page = await firefox.browser.newPage();
  await page.goto(passkeyRp.url(RP_HOST));

  await demo(page, 'register', 'alice');
  const created = await waitForDialog(firefox);
  await dialogButton(firefox, created, 'Save passkey');
  expect(await firefox.evaluateIn<string>(created.context, "document.querySelector('h1').textContent")).toBe(
    `Save a passkey for ${RP_ID}?`,
  );
  // A script's click on Cancel is not the person's: had it counted, the ceremony would have ended
  // (the page's call refused) and the Save below would find no ceremony.
  await firefox.evaluateIn<null>(
    created.context,
    `(() => { [...document.querySelectorAll('button')].find((b) => b.textContent.trim() === 'Cancel').click(); return null; })()`,
  );
  await answerDialog(firefox, created, 'Save passkey');
  await waitForText(page, '#status', 'Registered alice');
  expect(passkeyRp.credentials.map((c) => c.username)).toEqual(['alice']);

  await demo(page, 'signin', '');
  await answerDialog(firefox, await waitForDialog(firefox), 'Sign in as alice');
  await waitForText(page, '#status', 'Signed in as alice');
  expect(passkeyRp.signIns.map((s) => s.username)).toEqual(['alice']);

  // A second account on the same site: a discoverable sign-in then offers both, and the one chosen
  // is the one the relying party verifies.
  await demo(page, 'register', 'bob');
  await answerDialog(firefox, await waitForDialog(firefox), 'Save passkey');
  await waitForText(page, '#status', 'Registered bob');
  expect(passkeyRp.credentials.map((c) => c.username)).toEqual(['alice', 'bob']);
  await demo(page, 'signin', '');
  const both = await waitForDialog(firefox);
  await dialogButton(firefox, both, 'Sign in as alice');
  await answerDialog(firefox, both, 'Sign in as bob');
  await waitForText(page, '#status', 'Signed in as bob');
  expect(passkeyRp.signIns.map((s) => s.username)).toEqual(['alice', 'bob']);

  const hostile = await firefox.browser.newPage();
  await hostile.goto(passkeyRp.url('evil.test', '/blank'));
  const outcome = await assertionOutcome(hostile);
  expect(outcome).toBe('SecurityError');
});

test('never in the way: a sign-in naming only another authenticator’s credential goes to Firefox’s own WebAuthn with no Tessera window; framed callers are refused', async ({
  firefox,
  passkeyRp,
}) => {
  const signInsBefore = passkeyRp.signIns.length;
  const popup = await openPopup(firefox);
  await send(popup, { type: 'vault.create', password: MASTER_PASSWORD });
  await firefox.addVirtualAuthenticator();
  const page = await firefox.browser.newPage();
  await page.goto(passkeyRp.url(RP_HOST));
  // Tessera holds a passkey for the site: alice's.
  await demo(page, 'register', 'alice');
  await answerDialog(firefox, await waitForDialog(firefox), 'Save passkey');
  await waitForText(page, '#status', 'Registered alice');
  // carol's passkey is on the browser's own (virtual) authenticator: "another device" in the dialog.
  // Firefox serves a page's WebAuthn call only while its window is the active one, so Tessera's
  // window must be gone before the page hands the call on (ceremonies.ts).
  await demo(page, 'register', 'carol');
  await answerDialog(firefox, await waitForDialog(firefox), 'Use another device');
  await waitForText(page, '#status', 'Registered carol');

  // carol's sign-in names only her credential: straight to Firefox's WebAuthn. A Tessera window
  // would hold the call until answered, so the sign-in finishing proves there was none.
  await demo(page, 'signin', 'carol');
  await waitForText(page, '#status', 'Signed in as carol');
  expect(await dialogWindows(firefox)).toEqual([]);
  expect(passkeyRp.signIns.slice(signInsBefore).map((s) => s.username)).toEqual(['carol']);

  // The site framed by another without the permission policy: Tessera leaves the frame to Firefox
  // (which cannot tell it the policy), and Firefox refuses.
  const signIn = encodeURIComponent(passkeyRp.url(RP_HOST));
  await page.goto(passkeyRp.url(PARTNER_HOST, `/frame?src=${signIn}`));
  const framed = await childFrame(page);
  await framed.waitForSelector('#signin');
  await framed.click('#signin');
  await framed.waitForFunction(() =>
    document.getElementById('status')?.textContent?.startsWith('Error: NotAllowedError'),
  );
  // A sandboxed frame (an opaque origin, though its address names the site): Tessera refuses.
  await page.goto(passkeyRp.url(RP_HOST, `/frame?src=${signIn}&sandbox=allow-scripts`));
  const sandboxed = await childFrame(page);
  const outcome = await assertionOutcome(sandboxed);
  expect(outcome).toBe('NotAllowedError');
  expect(await dialogWindows(firefox)).toEqual([]);
  expect(passkeyRp.signIns.slice(signInsBefore).map((s) => s.username)).toEqual(['carol']);
});

/** Runs navigator.credentials.get for the demo's RP ID in `target`: the error's name, or 'resolved'. */
function assertionOutcome(target: Page | Frame): Promise<string> {
  return target.evaluate(async (rpId) => {
    try {
      await navigator.credentials.get({
        publicKey: { challenge: crypto.getRandomValues(new Uint8Array(32)), rpId },
      });
      return 'resolved';
    } catch (error) {
      return (error as Error).name;
    }
  }, RP_ID);
}

/** The page's one child frame, once its document has loaded. */
async function childFrame(page: Page): Promise<Frame> {
  for (let tries = 0; tries < 100; tries++) {
    const frame = page.frames().find((f) => f !== page.mainFrame());
    if (frame && (await frame.evaluate(() => document.readyState).catch(() => '')) === 'complete')
      return frame;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('no child frame loaded');
}
