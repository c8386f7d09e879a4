// The popup's session screens end to end: first-run creation, unlock (wrong password, throttle,
// right password), Lock now, the lock broadcast reaching a second popup, and a request refused
// with 'locked' sending the popup to the lock screen.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from './harness/fixtures';
import { CHROME_EXTENSION_DIR } from './harness/paths';
import {
  createVault,
  listOptions,
  login,
  MASTER_PASSWORD,
  openPopup,
  searchBox,
  seedItems,
  waitForScreen,
} from './popup-support';

test('first run refuses weak and mismatched passwords, then creates the vault', async ({ extension }) => {
  const page = await openPopup(extension);
  await waitForScreen(page, 'create');
  const password = page.getByLabel('Master password', { exact: true });
  const confirm = page.getByLabel('Repeat master password');
  const create = page.getByRole('button', { name: 'Create vault' });
  const error = page.getByRole('alert');

  await expect(password).toBeFocused();
  await expect(page.getByText('cannot recover a forgotten master password')).toBeVisible();

  // A very common password: refused whatever the confirmation says, with no "use anyway".
  await password.fill('password123');
  await expect(page.getByText(/Strength: (Very weak|Weak)/)).toBeVisible();
  await confirm.fill('password123');
  await create.click();
  await expect(error).toHaveText(/too easy to guess/);
  await expect(page.getByRole('button', { name: /use anyway/i })).toHaveCount(0);
  await expect(password).toBeFocused();

  // Strong but mistyped confirmation.
  await password.fill(MASTER_PASSWORD);
  await expect(page.getByText('Strength: Strong')).toBeVisible();
  await confirm.fill(`${MASTER_PASSWORD}!`);
  await create.click();
  await expect(error).toHaveText('The two passwords do not match.');
  await expect(confirm).toBeFocused();
  await expect(page.locator('body')).toHaveAttribute('data-ready', 'create');

  await confirm.fill(MASTER_PASSWORD);
  await create.click();
  // Argon2id takes about a second: the button says so meanwhile.
  await expect(page.getByRole('button', { name: 'Creating vault…' })).toBeDisabled();
  await waitForScreen(page, 'list');
  await expect(page.getByText('Your vault is empty')).toBeVisible();
  await expect(page.getByText('0 items')).toBeVisible();
  await expect(searchBox(page)).toBeFocused();
});

test('opening an unlocked vault runs only the scripts popup.html names until the list is ready, then loads the item and editor screens, never the generator or zxcvbn', async ({
  extension,
}) => {
  const first = await openPopup(extension);
  await createVault(first);
  await seedItems(first, [login('Alpha'), login('Beta')]);

  const page = await extension.newPage();
  // Each script the page fetched and when the browser sent the request (ms since the epoch, as
  // the page's performance.timeOrigin counts), compared with the list-ready mark below.
  const scripts: { path: string; sentAt: number }[] = [];
  page.on('requestfinished', (request) => {
    if (request.resourceType() === 'script')
      scripts.push({ path: new URL(request.url()).pathname, sentAt: request.timing().startTime });
  });
  await page.goto(extension.url('popup.html'));
  await waitForScreen(page, 'list');
  await expect(listOptions(page)).toHaveCount(2);
  const readyAt = await page.evaluate(() => {
    const marks = performance.getEntriesByName('tessera:list-ready');
    return marks.length === 1 ? performance.timeOrigin + marks[0]!.startTime : Number.NaN;
  });
  expect(readyAt).not.toBeNaN();

  // The item and editor screens load once the whole list is there (LazyScreens.tsx).
  const lazy = /^\/chunks\/(ItemScreen|EditScreen)-[\w-]+\.js$/;
  await expect.poll(() => scripts.filter((s) => lazy.test(s.path)).length).toBe(2);
  const loaded = scripts.map((s) => ({ path: s.path, beforeReady: s.sentAt < readyAt }));

  // Before the list is ready: exactly the scripts popup.html names (the early first-screen read,
  // the entry and its static imports), no lazily loaded screen.
  const html = await readFile(path.join(CHROME_EXTENSION_DIR, 'popup.html'), 'utf8');
  const declared = [...html.matchAll(/(?:src|href)="(\/[^"]+\.js)"/g)].map((m) => m[1]);
  expect(declared).toContain('/popup-early.js');
  expect(
    loaded
      .filter((s) => s.beforeReady)
      .map((s) => s.path)
      .sort(),
  ).toEqual([...new Set(declared)].sort());
  // After it: the two screens and what they import, never the generator (its word list), the
  // strength estimator (zxcvbn), the QR reader, help or the first-run screen.
  const later = loaded.filter((s) => !s.beforeReady).map((s) => s.path);
  for (const script of later)
    expect(script).not.toMatch(/\/(GeneratorScreen|HelpScreen|CreateScreen|qr-image|dist)-/);
});

test('unlock: clear message for a wrong password, the throttle wait, then the right password', async ({
  extension,
}) => {
  const page = await openPopup(extension);
  await createVault(page);
  await page.getByRole('button', { name: 'Lock now' }).click();
  await waitForScreen(page, 'unlock');

  const password = page.getByLabel('Master password');
  const unlock = page.getByRole('button', { name: 'Unlock' });
  await expect(password).toBeFocused();

  await password.fill('not my password');
  await unlock.click();
  await expect(page.getByRole('alert')).toHaveText('Wrong master password. Check it and try again.');
  await expect(page.locator('body')).toHaveAttribute('data-ready', 'unlock');

  // The first two mistakes are free; from the third the background makes the next attempt wait
  // (1 s, then 2 s, ...). The fourth failure leaves a 2 s wait: shown, and Unlock disabled.
  for (let attempt = 2; attempt <= 4; attempt++) {
    await expect(unlock).toBeEnabled({ timeout: 15_000 });
    await password.fill(`wrong ${attempt}`);
    await unlock.click();
    await expect(page.getByRole('button', { name: 'Unlocking…' })).toHaveCount(0);
  }
  await expect(page.getByTestId('unlock-wait')).toHaveText(/Try again in \d+ s/i);
  await expect(unlock).toBeDisabled();

  await expect(unlock).toBeEnabled({ timeout: 15_000 });
  await expect(page.getByTestId('unlock-wait')).toHaveCount(0);
  await password.fill(MASTER_PASSWORD);
  await unlock.click();
  await waitForScreen(page, 'list');
});

test('a lock in one popup sends every other open popup to the lock screen at once', async ({ extension }) => {
  const a = await openPopup(extension);
  await createVault(a);
  await seedItems(a, [login('Shared Item')]);
  const b = await openPopup(extension);
  await waitForScreen(b, 'list');
  await expect(listOptions(b)).toHaveCount(1);
  // b shows the item; lock from a.
  await b.getByRole('option', { name: /Shared Item/ }).click();
  await waitForScreen(b, 'item');
  await expect(b.getByRole('heading', { name: 'Shared Item' })).toBeVisible();

  await a.bringToFront();
  await a.getByRole('button', { name: 'Lock now' }).click();
  await waitForScreen(a, 'unlock');

  // No reload: b's own listener reacted to the broadcast and dropped the decrypted item.
  await waitForScreen(b, 'unlock');
  await expect(b.getByText('Shared Item')).toHaveCount(0);
  await expect(b.getByLabel('Master password')).toBeVisible();

  // Unlocking again starts on the list, not on the item that was open.
  await b.bringToFront();
  await b.getByLabel('Master password').fill(MASTER_PASSWORD);
  await b.getByRole('button', { name: 'Unlock' }).click();
  await waitForScreen(b, 'list');
});

test("a request refused with 'locked' sends the popup to the lock screen", async ({ extension }) => {
  const page = await openPopup(extension);
  await createVault(page);
  await seedItems(page, [login('Quiet Item')]);
  await page.reload();
  await waitForScreen(page, 'list');

  // Lose the session behind the popup's back, without a lock broadcast: the worker's memory and
  // the session copy of the key both go, as after a crash.
  await extension.evalInWorker(() => {
    const { chrome } = globalThis as unknown as {
      chrome: { storage: { session: { clear(): Promise<void> } } };
    };
    return chrome.storage.session.clear();
  });
  await extension.stopServiceWorker();

  await page.getByRole('option', { name: /Quiet Item/ }).click();
  await waitForScreen(page, 'unlock');
  await expect(page.getByText('Quiet Item')).toHaveCount(0);
});

test('after an unlock that found damaged records, a notice says so and the rest opens', async ({
  extension,
}) => {
  const page = await openPopup(extension);
  await createVault(page);
  await seedItems(page, [login('One'), login('Two'), login('Three')]);
  await page.reload();
  await waitForScreen(page, 'list');
  await page.getByRole('button', { name: 'Lock now' }).click();
  await waitForScreen(page, 'unlock');

  // Damage the vault on disk: drop every overview chunk (the popup shares the extension's origin,
  // so it can reach the same IndexedDB the background uses).
  const removed = await page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('tessera-vault');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const store = db.transaction('chunks', 'readwrite').objectStore('chunks');
          const count = store.count();
          count.onsuccess = () => {
            store.clear().onsuccess = () => {
              db.close();
              resolve(count.result);
            };
          };
        };
      }),
  );
  expect(removed).toBeGreaterThan(0);

  await page.getByLabel('Master password').fill(MASTER_PASSWORD);
  await page.getByRole('button', { name: 'Unlock' }).click();
  await waitForScreen(page, 'list');
  const notice = page.getByRole('status').filter({ hasText: 'damaged record' });
  await expect(notice).toContainText(/found \d+ damaged records?\. Everything else opened normally\./);
  await expect(listOptions(page)).toHaveCount(3);
  // Non-blocking: the list works with the notice up, and the notice can be dismissed.
  await searchBox(page).fill('two');
  await expect(listOptions(page)).toHaveText([/Two/]);
  await notice.getByRole('button', { name: 'Dismiss' }).click();
  await expect(notice).toHaveCount(0);
});
