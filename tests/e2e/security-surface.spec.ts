// Issue 13 items 5 and 11, end to end in Chromium: the inline menu framed in a web page may send
// only its own three requests; what it could read if script ran in it (SECURITY.md, "Framed pages")
// and what keeps script out of it (the extension-page CSP); a page looping content-script requests
// is refused by its tab's rate limit while the popup keeps being answered at once.
import type { Frame, Page } from '@playwright/test';
import type { Browser } from 'wxt/browser';
import { twoSitesPage } from './autofill-support';
import { evalInContentScript } from './harness/content-world';
import { expect, test } from './harness/fixtures';
import { openPopup, sendRequest } from './popup-support';
import { KEY_SLOT } from './security-support';

declare const chrome: typeof Browser;

/** A person's click in the login field of login.html, then the inline menu's frame once it lists. */
async function openMenu(page: Page): Promise<Frame> {
  await page.locator('#username').click();
  const menuFrame = () => page.frames().find((frame) => frame.url().includes('/inline-menu.html'));
  await expect.poll(() => menuFrame() !== undefined).toBe(true);
  const menu = menuFrame() as Frame;
  await expect(menu.getByRole('option').first()).toBeVisible();
  return menu;
}

/** Sends `message` from inside the menu frame, as the menu's own script would. */
function askFromMenu(menu: Frame, message: Record<string, unknown>) {
  return menu.evaluate(
    (msg) =>
      chrome.runtime.sendMessage(msg) as Promise<{ ok: boolean; error?: { code: string; message: string } }>,
    message,
  );
}

test('the inline menu frame may ask only for its own requests; everything else is refused naming who may', async ({
  extension,
  fixtureServer,
}) => {
  const page = await twoSitesPage(extension, fixtureServer, 'login.html');
  const menu = await openMenu(page);
  const token = new URL(menu.url()).hash.slice(1);
  expect(token.length).toBeGreaterThan(0);

  for (const message of [
    { type: 'vault.list' },
    { type: 'vault.status' },
    { type: 'vault.lock' },
    { type: 'settings.get' },
    { type: 'neverSave.list' },
    { type: 'autofill.matchesForTab', tabId: 1 },
    { type: 'autofill.offer.get', token: 'AAAAAAAAAAAAAAAAAAAAAA' },
  ]) {
    const reply = await askFromMenu(menu, message);
    expect(reply, message.type).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    expect(reply.error?.message, message.type).toMatch(
      /may be asked only by Tessera's (own pages|save prompt)/,
    );
  }
  // Its own request, with its own token, is still answered.
  const items = await askFromMenu(menu, { type: 'autofill.menu.items', token });
  expect(items).toMatchObject({ ok: true });
});

test('the inline menu frame runs only bundled script: no eval, no inline script (what keeps the session key out of reach)', async ({
  extension,
  fixtureServer,
}) => {
  const page = await twoSitesPage(extension, fixtureServer, 'login.html');
  const menu = await openMenu(page);
  // The limit SECURITY.md states: a framed page is one of the extension's trusted contexts, so
  // script running in it could read storage.session, the session copy of the vault key included.
  // No browser API narrows that per context, which is why no script but our bundle may run there.
  const visible = await menu.evaluate(async () => Object.keys(await chrome.storage.session.get(null)));
  expect(visible).toContain(KEY_SLOT);

  // (eval cannot be tried from here: DevTools evaluation, which this test runs through, is exempt
  // from the page's CSP; tests/unit/security/framed-pages.test.ts checks the pages' code instead.)
  const outcome = await menu.evaluate(async () => {
    const scope = globalThis as unknown as { injected?: string };
    const violations: string[] = [];
    document.addEventListener('securitypolicyviolation', (e) => violations.push(e.effectiveDirective));
    const inline = document.createElement('script');
    inline.textContent = 'globalThis.injected = "inline"';
    document.head.append(inline);
    const handler = document.createElement('img');
    handler.setAttribute('onerror', 'globalThis.injected = "handler"');
    handler.src = 'data:,x';
    document.body.append(handler);
    const remote = document.createElement('script');
    remote.src = 'https://cdn.example/evil.js';
    document.head.append(remote);
    await new Promise((resolve) => setTimeout(resolve, 500));
    for (const element of [inline, handler, remote]) element.remove();
    return { injected: scope.injected ?? null, violations: [...new Set(violations)].sort() };
  });
  expect(outcome).toEqual({
    injected: null,
    violations: ['script-src-attr', 'script-src-elem'],
  });
});

test('a page looping content-script requests is refused by its tab’s rate limit; the popup is answered at once', async ({
  extension,
  fixtureServer,
}) => {
  const page = await twoSitesPage(extension, fixtureServer, 'login.html');
  const popup = await openPopup(extension);
  // 1,000 requests as fast as the content script can send them (a page that makes it loop).
  const codes = (await evalInContentScript(
    page,
    extension.id,
    `Promise.all(Array.from({ length: 1000 }, () =>
      chrome.runtime.sendMessage({ type: 'autofill.menu.open' }).then((r) => (r.ok ? 'ok' : r.error.code), () => 'send-error'),
    ))`,
  )) as string[];
  const tally: Record<string, number> = {};
  for (const code of codes) tally[code] = (tally[code] ?? 0) + 1;
  expect(tally.throttled ?? 0, JSON.stringify(tally)).toBeGreaterThan(900);
  expect(tally.ok ?? 0, JSON.stringify(tally)).toBeGreaterThan(0);
  expect(Object.keys(tally).sort()).toEqual(['ok', 'throttled']);

  // Meanwhile (the page keeps looping) the popup is answered, and quickly.
  const loop = evalInContentScript(
    page,
    extension.id,
    `(async () => { const end = Date.now() + 3000; let n = 0;
      while (Date.now() < end) { await chrome.runtime.sendMessage({ type: 'autofill.menu.open' }); n++; }
      return n; })()`,
  );
  await page.waitForTimeout(300);
  const started = Date.now();
  expect(await sendRequest<{ state: string }>(popup, { type: 'vault.status' })).toMatchObject({
    state: 'unlocked',
  });
  expect(Date.now() - started).toBeLessThan(1_000);
  expect(await loop).toBeGreaterThan(10);

  // The refusal is a clear error with a wait, and after the wait the tab is answered again. Ten
  // at once, not one: the buckets refill a token every 50-200 ms, and the time between the loop's
  // end and this evaluation (longer on a loaded machine) can hold one, so a single request may be
  // answered; ten cannot all be.
  const replies = (await evalInContentScript(
    page,
    extension.id,
    `Promise.all(Array.from({ length: 10 }, () => chrome.runtime.sendMessage({ type: 'autofill.menu.open' })))`,
  )) as { ok: boolean; error?: { code: string; message: string; retryAfterMs: number } }[];
  const refused = replies.findLast((reply) => !reply.ok);
  expect(replies.filter((reply) => reply.ok).length, JSON.stringify(replies)).toBeLessThanOrEqual(2);
  expect(refused).toMatchObject({ ok: false, error: { code: 'throttled' } });
  expect(refused?.error?.message).toMatch(/Too many requests from this tab\. Try again in \d+ s\./);
  await page.waitForTimeout((refused?.error?.retryAfterMs ?? 0) + 100);
  expect(
    await evalInContentScript(
      page,
      extension.id,
      `chrome.runtime.sendMessage({ type: 'autofill.menu.open' })`,
    ),
  ).toMatchObject({ ok: true });
});
