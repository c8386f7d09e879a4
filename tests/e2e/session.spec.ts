// The background holds the key (issue 2 and 3): the unlocked state survives the service worker being
// stopped, does not survive a browser restart, never reaches storage a content script can read, and
// auto-lock is an alarm that fires while the worker sleeps.
import type { Page } from '@playwright/test';
import type { Browser } from 'wxt/browser';
import { decodeList } from '../../src/messages/list-codec';
import { evalInContentScript } from './harness/content-world';
import { expect, test } from './harness/fixtures';
import {
  createVault,
  listOptions,
  login,
  MASTER_PASSWORD,
  openPopup,
  searchBox,
  seedItems,
  sendRequest,
  waitForScreen,
} from './popup-support';

// Functions passed to evalInWorker are serialised and run in the worker, where `chrome` is global.
declare const chrome: typeof Browser;

test('create from the popup, stop the worker: still unlocked; restart the browser: locked', async ({
  extension,
}) => {
  test.setTimeout(90_000);
  let popup = await openPopup(extension);
  await createVault(popup);
  await seedItems(popup, [login('Alpha'), login('Bravo')]);
  await popup.close();

  await extension.stopServiceWorker();
  expect(await extension.isServiceWorkerRunning()).toBe(false);
  popup = await openPopup(extension);
  await waitForScreen(popup, 'list');
  await expect(listOptions(popup)).toHaveCount(2);
  // The key came back from storage.session into a new worker, not from disk.
  expect(
    await extension.evalInWorker(async () => Object.keys(await chrome.storage.local.get(null))),
  ).not.toContain('session.vaultKey');

  await extension.restartBrowser();
  popup = await openPopup(extension);
  await waitForScreen(popup, 'unlock');
  expect(
    await extension.evalInWorker(async () => Object.keys(await chrome.storage.session.get(null))),
  ).toEqual([]);
});

test('the list snapshot: a stopped worker’s popup shows the current list, and nothing after a lock', async ({
  extension,
}) => {
  test.setTimeout(90_000);
  let popup = await openPopup(extension);
  await createVault(popup);
  await seedItems(popup, [login('Alpha'), login('Bravo')]);
  await popup.close();
  popup = await openPopup(extension);
  await waitForScreen(popup, 'list');
  // Served the list, the background leaves the snapshot (overviews only) in storage.session.
  await expect
    .poll(() => popup.evaluate(async () => Object.keys(await chrome.storage.session.get('session.list'))))
    .toEqual(['session.list']);
  const stored = await popup.evaluate(async () => JSON.stringify(await chrome.storage.session.get(null)));
  expect(stored).not.toContain(login('Alpha').password);
  // A change removes it before the change is answered, so the next popup cannot show a stale list.
  await sendRequest(popup, { type: 'vault.put', item: login('Charlie') });
  expect(
    await popup.evaluate(async () => Object.keys(await chrome.storage.session.get('session.list'))),
  ).toEqual([]);
  await popup.close();
  await extension.stopServiceWorker();
  popup = await openPopup(extension);
  await waitForScreen(popup, 'list');
  await expect(listOptions(popup)).toHaveCount(3);
  await popup.close();

  // With the snapshot in place and the worker stopped, a lock (from another page) must win.
  popup = await openPopup(extension);
  await expect
    .poll(() => popup.evaluate(async () => Object.keys(await chrome.storage.session.get('session.list'))))
    .toEqual(['session.list']);
  await sendRequest(popup, { type: 'vault.lock' });
  await popup.close();
  await extension.stopServiceWorker();
  popup = await openPopup(extension);
  await waitForScreen(popup, 'unlock');
  expect(
    await popup.evaluate(async () => Object.keys(await chrome.storage.session.get(null)).sort()),
  ).not.toContain('session.list');
});

test('the first screen: a long list opens on its first rows, then all of it; never stale after an edit or a worker restart', async ({
  extension,
}) => {
  test.setTimeout(120_000);
  let popup = await openPopup(extension);
  await createVault(popup);
  await seedItems(
    popup,
    Array.from({ length: 120 }, (_, i) => login(`Site ${String(i).padStart(3, '0')}`)),
  );
  await popup.close();
  const firstScreen = (page: typeof popup) =>
    page.evaluate(async () => {
      const slot = (await chrome.storage.session.get('session.listFirstScreen'))['session.listFirstScreen'] as
        | { total: number; encoded: string }
        | undefined;
      return slot ? { total: slot.total, first: (JSON.parse(slot.encoded) as string[][])[1]![0] } : null;
    });

  popup = await openPopup(extension);
  await waitForScreen(popup, 'list');
  await expect(popup.getByText('120 items')).toBeVisible();
  await expect(listOptions(popup).first()).toHaveAttribute('aria-setsize', '120');
  // Search answers from the whole list, past the first screen's 30 rows.
  await searchBox(popup).fill('site 119');
  await expect(listOptions(popup)).toHaveText([/Site 119/]);
  await expect.poll(() => firstScreen(popup)).toEqual({ total: 120, first: 'Site 000' });

  // An edit that changes the first row removes the first screen before it is answered...
  await sendRequest(popup, { type: 'vault.put', item: login('Aardvark') });
  expect(await firstScreen(popup)).toBeNull();
  await popup.close();
  // ...so the next popup, here with the worker stopped, shows the new first row and count.
  await extension.stopServiceWorker();
  popup = await openPopup(extension);
  await waitForScreen(popup, 'list');
  await expect(listOptions(popup).first()).toContainText('Aardvark');
  await expect(popup.getByText('121 items')).toBeVisible();
  await popup.close();

  // Written again after that popup was served the list; the next popup opens on it, worker stopped.
  popup = await openPopup(extension);
  await expect.poll(() => firstScreen(popup)).toEqual({ total: 121, first: 'Aardvark' });
  await popup.close();
  await extension.stopServiceWorker();
  popup = await openPopup(extension);
  await waitForScreen(popup, 'list');
  await expect(listOptions(popup).first()).toContainText('Aardvark');
  await searchBox(popup).fill('site 118');
  await expect(listOptions(popup)).toHaveText([/Site 118/]);

  // A lock removes it with the key.
  await sendRequest(popup, { type: 'vault.lock' });
  expect(await firstScreen(popup)).toBeNull();
});

test('the stored list order in Chromium: after writes of every kind, a password unlock and a worker restart list every item in name order; a damaged order record is ignored (the list sorted) and replaced at the next write', async ({
  extension,
}) => {
  test.setTimeout(120_000);
  const popup = await openPopup(extension);
  await createVault(popup);
  // Names out of order, in two batches, then a rename that moves an item and a delete.
  const names = Array.from({ length: 60 }, (_, i) => `Item ${String((i * 37) % 60).padStart(2, '0')}`);
  await seedItems(
    popup,
    names.slice(0, 30).map((name) => login(name)),
  );
  await seedItems(
    popup,
    names.slice(30).map((name) => login(name)),
  );
  const byName = new Map((await listed(popup)).map((entry) => [entry.name, entry.id]));
  await sendRequest(popup, { type: 'vault.put', item: { ...login('Item 99'), id: byName.get('Item 07') } });
  await sendRequest(popup, { type: 'vault.delete', id: byName.get('Item 31') });
  const expected = [...names.filter((name) => name !== 'Item 07' && name !== 'Item 31').sort(), 'Item 99'];
  expect((await listed(popup)).map((entry) => entry.name)).toEqual(expected);

  // Written beside the manifest: 4 bytes per item, sealed (24-byte nonce, 16-byte tag).
  const stored = await listOrderRecord(popup, false);
  expect(stored?.length).toBe((expected.length * 4 + 40) * 2);

  // A password unlock opens the index with the stored order...
  await sendRequest(popup, { type: 'vault.lock' });
  await sendRequest(popup, { type: 'vault.unlock', password: MASTER_PASSWORD });
  expect((await listed(popup)).map((entry) => entry.name)).toEqual(expected);
  // ...as does a worker restart, and the popup shows it from the first row.
  await popup.close();
  await extension.stopServiceWorker();
  const next = await openPopup(extension);
  await waitForScreen(next, 'list');
  await expect(listOptions(next).first()).toContainText('Item 00');
  await expect(listOptions(next).nth(1)).toContainText('Item 01');
  await expect(listOptions(next).nth(7)).toContainText('Item 08');

  // Unlocks and restarts read it and write nothing.
  expect(await listOrderRecord(next, false)).toBe(stored);

  // A damaged order record: the unlock sorts instead, and the list is still in order.
  await sendRequest(next, { type: 'vault.lock' });
  expect(await listOrderRecord(next, true)).toBe(stored);
  await sendRequest(next, { type: 'vault.unlock', password: MASTER_PASSWORD });
  expect((await listed(next)).map((entry) => entry.name)).toEqual(expected);
  const damaged = await listOrderRecord(next, false);
  expect(damaged).not.toBe(stored);
  // The next write stores a new one for the new list, which the next unlock opens with.
  await sendRequest(next, { type: 'vault.put', item: login('Item 100') });
  const rewritten = await listOrderRecord(next, false);
  expect(rewritten).not.toBe(damaged);
  expect(rewritten?.length).toBe(((expected.length + 1) * 4 + 40) * 2);
  await sendRequest(next, { type: 'vault.lock' });
  await sendRequest(next, { type: 'vault.unlock', password: MASTER_PASSWORD });
  expect((await listed(next)).map((entry) => entry.name)).toEqual([...expected, 'Item 100'].sort());
});

async function listed(page: Page) {
  return decodeList((await sendRequest<{ encoded: string }>(page, { type: 'vault.list' })).encoded);
}

/**
 * The sealed list-order record in this browser's own IndexedDB, as hex, or null when there is none;
 * `damage` flips its last byte (the tag) first, and the record as it was is returned.
 */
function listOrderRecord(page: Page, damage: boolean): Promise<string | null> {
  return page.evaluate(async (flip) => {
    const request = <T>(r: IDBRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
    const db = await request(indexedDB.open('tessera-vault'));
    const tx = db.transaction('meta', 'readwrite');
    const meta = tx.objectStore('meta');
    const record = (await request(meta.get('listOrder'))) as { id: string; sealed: Uint8Array } | undefined;
    if (record && flip) {
      const sealed = record.sealed.slice();
      sealed[sealed.length - 1] = (sealed[sealed.length - 1] ?? 0) ^ 1;
      meta.put({ ...record, sealed }, 'listOrder');
    }
    await new Promise((resolve, reject) => {
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error);
    });
    db.close();
    return record ? Array.from(record.sealed, (b) => b.toString(16).padStart(2, '0')).join('') : null;
  }, damage);
}

test('a content script cannot read storage.session, while the vault key is in it', async ({
  extension,
  fixtureServer,
}) => {
  const popup = await openPopup(extension);
  await createVault(popup);
  expect(
    await extension.evalInWorker(async () => Object.keys(await chrome.storage.session.get(null))),
  ).toContain('session.vaultKey');
  const page = await extension.newPage();
  await page.goto(fixtureServer.url('demo-site/'));
  const outcome = await evalInContentScript(
    page,
    extension.id,
    `chrome.storage.session.get(null).then((v) => ({ keys: Object.keys(v) }), (e) => ({ refused: String(e) }))`,
  );
  expect(JSON.stringify(outcome)).not.toContain('vaultKey');
  expect(outcome).toMatchObject({ refused: expect.stringMatching(/access|not allowed|trusted/i) });
  // And storage.local, which content scripts can read, holds nothing key-related.
  const local = await evalInContentScript(
    page,
    extension.id,
    `chrome.storage.local.get(null).then((v) => JSON.stringify(v))`,
  );
  expect(String(local)).not.toMatch(/vaultKey|session\./);
});

test('auto-lock: an alarm N minutes out, pushed back by activity, locks every open page when it fires', async ({
  extension,
}) => {
  const popup = await openPopup(extension);
  await createVault(popup);
  await sendRequest(popup, { type: 'settings.set', settings: { autoLockMinutes: 1 } });
  const alarm = () =>
    extension.evalInWorker(async () => (await chrome.alarms.get('tessera.autolock'))?.scheduledTime ?? null);
  const first = await alarm();
  expect(first).not.toBeNull();
  expect(first! - Date.now()).toBeGreaterThan(50_000);
  expect(first! - Date.now()).toBeLessThanOrEqual(60_000);

  // Using the popup counts as activity: the deadline moves (the scheduler coalesces bursts of 5 s).
  await popup.waitForTimeout(5_100);
  await sendRequest(popup, { type: 'session.activity' });
  await expect.poll(alarm).toBeGreaterThan(first!);

  // Stop the worker, then let the alarm fire: the alarm wakes it and the vault locks.
  await extension.evalInWorker(async () =>
    chrome.alarms.create('tessera.autolock', { when: Date.now() + 1_500 }),
  );
  await extension.stopServiceWorker();
  await waitForScreen(popup, 'unlock');
  expect(
    await extension.evalInWorker(async () => Object.keys(await chrome.storage.session.get(null))),
  ).not.toContain('session.vaultKey');
});

test('"never" auto-lock clears the alarm', async ({ extension }) => {
  const popup = await openPopup(extension);
  await createVault(popup);
  await sendRequest(popup, { type: 'settings.set', settings: { autoLockMinutes: 0 } });
  expect(
    await extension.evalInWorker(async () => (await chrome.alarms.get('tessera.autolock')) ?? null),
  ).toBeNull();
});
