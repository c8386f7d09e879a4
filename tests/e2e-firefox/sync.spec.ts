// Sync in Firefox ESR (issue 14): the join, edit and password-change flows of tests/e2e/sync.spec.ts,
// through the same real Apache (tests/sync-harness) at https://dav.tessera.test:<port>/ (its
// self-signed certificate accepted, the name resolved to 127.0.0.1 by network.dns.localDomains).
//
// The host permission is asked for as a person's click asks for it (permissions.request from the
// options page's Check / Join handler). Firefox's pref extensions.webextOptionalPermissionPrompts=false
// (meant for automation) answers that prompt with "Allow"; the shipped build is installed unchanged,
// so unlike Chromium (tests/e2e/sync-support.ts) nothing is granted at install.
import type { Page } from 'puppeteer-core';
import { sampleItems } from '../e2e/helpers/options';
import { type ApacheServer, startApache } from '../sync-harness/apache';
import { fetchTrusting } from '../sync-harness/clients';
import { click, fill, waitForReady } from './harness/dom';
import { findFirefox } from './harness/firefox-executable';
import { FirefoxExtension } from './harness/firefox-extension';
import { test as base, expect } from './harness/fixtures';
import { MASTER_PASSWORD, NEW_PASSWORD, send, sendRaw } from './support';

const HOST = 'dav.tessera.test';
const PREFS = {
  'network.dns.localDomains': HOST,
  'extensions.webextOptionalPermissionPrompts': false,
} as const;

interface Folder {
  url: string;
  username: string;
  password: string;
}

const test = base.extend<
  { folder: Folder; secondDevice: (options?: { trustServers?: boolean }) => Promise<FirefoxExtension> },
  { apache: ApacheServer }
>({
  apache: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright requires an object pattern here.
    async ({}, use) => {
      const apache = await startApache();
      test.skip(!apache, 'apache2 is not installed');
      if (!apache) return;
      await use(apache);
      await apache.stop();
    },
    { scope: 'worker' },
  ],
  firefoxAcceptInsecureCerts: true,
  firefoxPrefs: PREFS,
  /** A fresh folder on Apache (MKCOL) for the test, as a person would enter it. */
  folder: async ({ apache }, use, testInfo) => {
    const name = `ff-${testInfo.testId}`.replace(/[^A-Za-z0-9-]/g, '-');
    const url = `${apache.origin}/dav/${name}/`;
    const auth = Buffer.from(`${apache.username}:${apache.password}`, 'utf8').toString('base64');
    const made = await fetchTrusting(apache.certPem)(url, {
      method: 'MKCOL',
      headers: { authorization: `Basic ${auth}` },
    });
    expect(made.status).toBe(201);
    const onHost = new URL(url);
    onHost.hostname = HOST;
    await use({ url: onHost.href, username: apache.username, password: apache.password });
  },
  /**
   * Another Firefox profile with the same build: the second device. It accepts Apache's self-signed
   * certificate unless `trustServers` is false (as a person's Firefox would meet it).
   */
  secondDevice: async ({ firefoxPath }, use) => {
    const launched: FirefoxExtension[] = [];
    await use(async ({ trustServers = true } = {}) => {
      const device = await FirefoxExtension.launch({
        executablePath: firefoxPath ?? findFirefox()!,
        prefs: PREFS,
        acceptInsecureCerts: trustServers,
      });
      launched.push(device);
      return device;
    });
    for (const device of launched) await device.close().catch(() => undefined);
  },
});

test.describe.configure({ timeout: 240_000 });

const SYNC_REGION = 'Sync through your own server';
const JOIN_REGION = 'Join a synced vault';

async function waitForTextIn(page: Page, selector: string, pattern: RegExp): Promise<void> {
  await page.waitForFunction(
    (sel, source) => {
      const re = new RegExp(source);
      return [...document.querySelectorAll(sel)].some((el) => re.test(el.textContent ?? ''));
    },
    { timeout: 60_000 },
    selector,
    pattern.source,
  );
}

async function fillServer(page: Page, folder: Folder, region: string): Promise<void> {
  await fill(page, 'Folder address (WebDAV)', folder.url, region);
  await fill(page, 'User name', folder.username, region);
  await fill(page, 'App password', folder.password, region);
}

/** Device A: a vault with `count` items, connected to `folder` by the options page's own buttons. */
async function connectedDevice(firefox: FirefoxExtension, folder: Folder, count: number): Promise<Page> {
  const page = await firefox.openExtensionPage('options.html#sync');
  await waitForReady(page, 'options-empty');
  await send(page, { type: 'vault.create', password: MASTER_PASSWORD });
  await send(page, { type: 'vault.putMany', replace: false, items: sampleItems(count, 'ff') });
  await firefox.reload(page);
  await waitForReady(page, 'options-unlocked');
  await fillServer(page, folder, SYNC_REGION);
  await click(page, 'Check the folder', SYNC_REGION);
  await waitForTextIn(
    page,
    '[data-testid="sync-plan"]',
    new RegExp(`upload this vault \\(${count} items\\)`),
  );
  await click(page, 'Upload and turn on sync', SYNC_REGION);
  await waitForTextIn(page, '[data-testid="sync-state"]', /Last synced/);
  return page;
}

/** Device B: no vault; Get started > Join a synced vault. */
async function joinedDevice(firefox: FirefoxExtension, folder: Folder, password: string): Promise<Page> {
  const page = await firefox.openExtensionPage('options.html');
  await waitForReady(page, 'options-empty');
  await fillServer(page, folder, JOIN_REGION);
  await fill(page, 'Master password of the synced vault', password, JOIN_REGION);
  await click(page, 'Join', JOIN_REGION);
  await waitForReady(page, 'options-unlocked');
  return page;
}

async function syncNow(firefox: FirefoxExtension, page: Page): Promise<void> {
  await firefox.navigate(page, firefox.url('options.html#sync'));
  await click(page, 'Sync now', SYNC_REGION);
  await waitForTextIn(page, '.done', /^Synced\.$/);
}

test('join from a second Firefox profile: every item arrives, and an edit on either reaches the other', async ({
  firefox,
  folder,
  secondDevice,
}) => {
  const items = sampleItems(6, 'ff');
  const pageA = await connectedDevice(firefox, folder, items.length);
  const b = await secondDevice();
  const pageB = await joinedDevice(b, folder, MASTER_PASSWORD);
  for (const item of items) {
    expect(
      await send<{ name: string; password: string }>(pageB, { type: 'vault.get', id: item.id }),
    ).toMatchObject({
      name: item.name,
      password: item.password,
    });
  }

  await send(pageB, { type: 'vault.put', item: { ...items[2]!, name: 'Edited in Firefox B' } });
  await syncNow(b, pageB);
  await syncNow(firefox, pageA);
  expect(await send<{ name: string }>(pageA, { type: 'vault.get', id: items[2]!.id })).toMatchObject({
    name: 'Edited in Firefox B',
  });
});

test('a password change on B: A unlocks with the NEW password and says it was changed on another device', async ({
  firefox,
  folder,
  secondDevice,
}) => {
  const pageA = await connectedDevice(firefox, folder, 2);
  const b = await secondDevice();
  const pageB = await joinedDevice(b, folder, MASTER_PASSWORD);

  await send(pageA, { type: 'vault.lock' });
  await send(pageB, { type: 'vault.changePassword', current: MASTER_PASSWORD, next: NEW_PASSWORD });
  await syncNow(b, pageB);

  await firefox.navigate(pageA, firefox.url('options.html'));
  await waitForReady(pageA, 'options-locked');
  await fill(pageA, 'Master password', NEW_PASSWORD, 'Unlock your vault');
  await click(pageA, 'Unlock', 'Unlock your vault');
  await waitForReady(pageA, 'options-unlocked');
  await waitForTextIn(pageA, '[data-testid="sync-keys-changed"]', /changed on another device on/);
  await syncNow(firefox, pageA);
  await send(pageA, { type: 'vault.lock' });
  expect(await sendRaw(pageA, { type: 'vault.unlock', password: MASTER_PASSWORD })).toMatchObject({
    ok: false,
    error: { code: 'wrong-password' },
  });
});

// The browser's name for the failure comes from webRequest.onErrorOccurred (src/sync/net-diagnosis.ts).
test('a server whose certificate Firefox does not trust: the page says so, not "unreachable"', async ({
  folder,
  secondDevice,
}) => {
  const device = await secondDevice({ trustServers: false });
  const page = await device.openExtensionPage('options.html#sync');
  await waitForReady(page, 'options-empty');
  await send(page, { type: 'vault.create', password: MASTER_PASSWORD });
  await device.reload(page);
  await waitForReady(page, 'options-unlocked');
  await fillServer(page, folder, SYNC_REGION);
  await click(page, 'Check the folder', SYNC_REGION);
  await waitForTextIn(page, '#sync-connect-error', /certificate is not trusted by this browser/);
  // Firefox names it with NSS's sentence, which the background's message quotes.
  expect(await sendRaw(page, { type: 'sync.inspect', ...folder })).toMatchObject({
    ok: false,
    error: { code: 'tls-untrusted', message: expect.stringContaining('self-signed') },
  });
});
