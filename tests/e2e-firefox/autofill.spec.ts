// Fill on a loopback page in Firefox: the popup (aimed at the page's tab, as the toolbar popup is)
// lists the page's login and Fill puts it into the form through the content script.
import type { Page } from 'puppeteer-core';
import { click, find, waitForReady, waitForText } from './harness/dom';
import { expect, test } from './harness/fixtures';
import { createVaultWithLogins, openPopup, PASS, USER } from './support';

/** The id of the tab whose top frame shows `url`, as the extension sees it. */
async function tabIdOf(extensionPage: Page, url: string): Promise<number> {
  const handle = await extensionPage.waitForFunction(
    async (wanted) => {
      const api = (
        globalThis as unknown as {
          browser: {
            tabs: { query(q: object): Promise<{ id?: number }[]> };
            webNavigation: { getFrame(d: object): Promise<{ url: string } | null> };
          };
        }
      ).browser;
      for (const tab of await api.tabs.query({})) {
        if (tab.id === undefined) continue;
        const top = await api.webNavigation.getFrame({ tabId: tab.id, frameId: 0 }).catch(() => null);
        if (top?.url === wanted) return tab.id;
      }
      return false;
    },
    { timeout: 10_000 },
    url,
  );
  return (await handle.jsonValue()) as number;
}

test('the popup offers the page’s login and Fill fills it on 127.0.0.1', async ({
  firefox,
  fixtureServer,
}) => {
  await createVaultWithLogins(firefox, fixtureServer.port);
  const site = await firefox.browser.newPage();
  const url = fixtureServer.url('autofill-e2e/login.html');
  await site.goto(url);

  const probe = await firefox.openExtensionPage('popup.html');
  const tabId = await tabIdOf(probe, url);
  await probe.close();
  const popup = await openPopup(firefox, `?tab=${tabId}`);
  await waitForReady(popup, 'list');
  const section = 'Logins for this page';
  await find(popup, { kind: 'button', name: 'Fill Local', within: section });
  // Only this site's login is offered: localhost on the same port is another site.
  expect(await popup.evaluate(() => document.body.textContent?.includes('Fill Other'))).toBe(false);
  await click(popup, 'Fill Local', section);
  await waitForText(popup, '[role="status"]', 'Filled.');

  const values = await site.evaluate(() =>
    ['username', 'password'].map((id) => (document.getElementById(id) as HTMLInputElement).value),
  );
  expect(values).toEqual([USER, PASS]);
});
