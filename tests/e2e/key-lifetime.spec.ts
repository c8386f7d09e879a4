// The vault key's lifetime (issue 13): a lock that lands while edits are in flight waits for them
// and never leaves records sealed under a wiped key; a stopped worker woken by a request that races
// a lock never undoes the lock; and a web page cannot keep the vault unlocked by making the content
// script talk to the background (script-initiated requestSubmit(), focusing login fields).
import type { Page } from '@playwright/test';
import type { Browser } from 'wxt/browser';
import { decodeList } from '../../src/messages/list-codec';
import type { Item } from '../../src/vault/types';
import { setUpTwoSites, site } from './autofill-support';
import { expect, test } from './harness/fixtures';
import {
  createVault,
  login,
  MASTER_PASSWORD,
  openPopup,
  seedItems,
  sendRequest,
  waitForScreen,
} from './popup-support';

// Functions passed to evalInWorker are serialised and run in the worker, where `chrome` is global.
declare const chrome: typeof Browser;
type PageChrome = { runtime: { sendMessage(message: unknown): Promise<{ ok: boolean; value?: unknown }> } };

/** Every item of the vault, whole (the vault must be unlocked). */
async function allItems(popup: Page): Promise<Item[]> {
  const { encoded } = await sendRequest<{ encoded: string }>(popup, { type: 'vault.list' });
  return Promise.all(
    decodeList(encoded).map((o) => sendRequest<Item>(popup, { type: 'vault.get', id: o.id })),
  );
}

test('edits in flight when the vault locks: each is done or refused "locked", and the vault opens intact', async ({
  extension,
}) => {
  test.setTimeout(90_000);
  const popup = await openPopup(extension);
  await createVault(popup);
  await seedItems(popup, [login('Alpha'), login('Bravo'), login('Charlie')]);
  const before = await allItems(popup);

  // Sixty edits (each reads the previous item before it seals) and a lock behind them, all sent at
  // once: the lock arrives while edits are still queued and one is awaiting its read.
  const outcomes = await popup.evaluate(async (items) => {
    const { chrome } = globalThis as unknown as { chrome: PageChrome };
    const edits = items.flatMap((item, round) =>
      Array.from({ length: 20 }, (_, n) => {
        const { createdAt: _c, updatedAt: _u, ...input } = item;
        return { ...input, notes: `edit ${round}-${n}` };
      }),
    );
    const sent = edits.map((item) => chrome.runtime.sendMessage({ type: 'vault.put', item }));
    const lock = chrome.runtime.sendMessage({ type: 'vault.lock' });
    const replies = await Promise.all(sent);
    await lock;
    return replies.map((reply, i) => ({ reply, sent: edits[i]! }));
  }, before);

  // Every reply is either the stored item or a clear "locked" refusal.
  for (const { reply } of outcomes) {
    if (!reply.ok) expect(JSON.stringify(reply)).toMatch(/locked/i);
  }
  expect((await sendRequest<{ state: string }>(popup, { type: 'vault.status' })).state).toBe('locked');

  // The vault opens with the password; each item holds its last acknowledged edit (or is unchanged).
  await sendRequest(popup, { type: 'vault.unlock', password: MASTER_PASSWORD });
  const after = await allItems(popup);
  expect(after.map((i) => i.id).sort()).toEqual(before.map((i) => i.id).sort());
  for (const item of after) {
    const acknowledged = outcomes.filter((o) => o.reply.ok && o.sent.id === item.id);
    const expected = acknowledged.at(-1)?.sent.notes ?? before.find((b) => b.id === item.id)!.notes;
    expect(item.notes).toBe(expected);
  }
  expect((await sendRequest<{ problems: unknown[] }>(popup, { type: 'vault.status' })).problems).toEqual([]);
});

test('a password reset by biometric in flight (Argon2id) when the vault locks: it opens with the new password', async ({
  extension,
}) => {
  test.setTimeout(90_000);
  const popup = await openPopup(extension);
  await createVault(popup);
  await seedItems(popup, [login('Alpha'), login('Bravo')]);
  const before = await allItems(popup);
  // A biometric key record, as the options page enrols one (the PRF output is the authenticator's).
  const b64url = (bytes: number) =>
    Buffer.from(crypto.getRandomValues(new Uint8Array(bytes))).toString('base64url');
  const prf = { credentialId: b64url(16), prfSalt: b64url(32), prfOutput: b64url(32) };
  await sendRequest(popup, {
    type: 'biometric.enrol',
    current: MASTER_PASSWORD,
    ...prf,
    label: 'Test key',
    replaceIds: [],
  });

  // The reset spends hundreds of milliseconds in the new password's Argon2id; locks come meanwhile.
  const replies = await popup.evaluate(async ({ credentialId, prfOutput }) => {
    const { chrome } = globalThis as unknown as { chrome: PageChrome };
    const reset = chrome.runtime.sendMessage({
      type: 'biometric.setPassword',
      credentialId,
      prfOutput,
      next: 'the new master password 1',
    });
    // A lock every 25 ms for half a second: one of them lands while Argon2id runs, whatever it
    // takes on this machine (a lock of a locked vault changes nothing).
    const locks = [];
    for (let i = 0; i < 20; i++) {
      await new Promise((resolve) => setTimeout(resolve, 25));
      locks.push(chrome.runtime.sendMessage({ type: 'vault.lock' }));
    }
    return Promise.all([reset, ...locks]);
  }, prf);
  const [reset] = replies;
  if (!reset.ok) expect(JSON.stringify(reset)).toMatch(/locked/i);
  expect((await sendRequest<{ state: string }>(popup, { type: 'vault.status' })).state).toBe('locked');

  // Done: the new password opens the vault; refused: the old one still does. Either way, intact.
  await sendRequest(popup, {
    type: 'vault.unlock',
    password: reset.ok ? 'the new master password 1' : MASTER_PASSWORD,
  });
  expect(await allItems(popup)).toEqual(before);
});

test('a stopped worker woken by a request that races a lock: the lock is never undone', async ({
  extension,
}) => {
  test.setTimeout(120_000);
  const popup = await openPopup(extension);
  await createVault(popup);
  await seedItems(popup, [login('Alpha')]);
  for (let round = 0; round < 3; round++) {
    if (round > 0) await sendRequest(popup, { type: 'vault.unlock', password: MASTER_PASSWORD });
    await extension.stopServiceWorker();
    // The first request wakes the worker and starts the reopen from the session copy of the key;
    // the lock is right behind it.
    await popup.evaluate(async () => {
      const { chrome } = globalThis as unknown as { chrome: PageChrome };
      await Promise.all([
        chrome.runtime.sendMessage({ type: 'vault.list' }),
        chrome.runtime.sendMessage({ type: 'vault.lock' }),
      ]);
    });
    // Locked, and staying locked: later requests find no vault in memory or in storage.session.
    const list = await popup.evaluate(async () => {
      const { chrome } = globalThis as unknown as { chrome: PageChrome };
      return chrome.runtime.sendMessage({ type: 'vault.list' });
    });
    expect(JSON.stringify(list)).toMatch(/locked/i);
    expect((await sendRequest<{ state: string }>(popup, { type: 'vault.status' })).state).toBe('locked');
    expect(
      await extension.evalInWorker(async () => Object.keys(await chrome.storage.session.get(null))),
    ).not.toContain('session.vaultKey');
  }
  await sendRequest(popup, { type: 'vault.unlock', password: MASTER_PASSWORD });
  expect((await allItems(popup)).map((i) => i.name)).toEqual(['Alpha']);
});

test('a page that submits its login form by script in a loop does not postpone auto-lock', async ({
  extension,
  fixtureServer,
}) => {
  test.setTimeout(90_000);
  await setUpTwoSites(extension, fixtureServer);
  const options = await extension.openOptions();
  await sendRequest(options, { type: 'settings.set', settings: { autoLockMinutes: 1 } });
  await options.close();
  const alarm = () =>
    extension.evalInWorker(async () => (await chrome.alarms.get('tessera.autolock'))?.scheduledTime ?? null);
  const first = await alarm();
  expect(first).not.toBeNull();

  const page = await extension.newPage();
  await page.goto(site(fixtureServer, 'login.html'));
  // The page's own script: fill the form, focus its fields and requestSubmit() it every 200 ms,
  // cancelling the navigation. Each submit reaches the content script like a person's would.
  await page.evaluate(() => {
    const form = document.getElementById('login') as HTMLFormElement;
    form.addEventListener('submit', (event) => event.preventDefault());
    let n = 0;
    setInterval(() => {
      n += 1;
      (document.getElementById('username') as HTMLInputElement).value = `user${n}@example.com`;
      (document.getElementById('password') as HTMLInputElement).value = `pw-${n}-Secret!`;
      (document.getElementById(n % 2 ? 'username' : 'password') as HTMLInputElement).focus();
      form.requestSubmit();
    }, 200);
  });
  // Past the scheduler's 5 s coalescing, with dozens of submits: the deadline has not moved.
  await page.waitForTimeout(8_000);
  expect(await alarm()).toBe(first);

  // And when the alarm fires (brought forward here), the vault locks while the page keeps going.
  await extension.evalInWorker(async () =>
    chrome.alarms.create('tessera.autolock', { when: Date.now() + 1_000 }),
  );
  // Watched from the worker: opening a popup would itself be a person's activity.
  const keyHeld = () =>
    extension.evalInWorker(async () => 'session.vaultKey' in (await chrome.storage.session.get(null)));
  await expect.poll(keyHeld, { timeout: 15_000 }).toBe(false);
  await page.waitForTimeout(2_000);
  expect(await keyHeld()).toBe(false);
  const popup = await openPopup(extension);
  await waitForScreen(popup, 'unlock');
});
