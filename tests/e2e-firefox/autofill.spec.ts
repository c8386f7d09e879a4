// Fill on a loopback page in Firefox: the popup (aimed at the page's tab, as the toolbar popup is)
// lists the page's login and Fill puts it into the form through the content script.
import { click, find, waitForReady, waitForText } from './harness/dom';
import { expect, test } from './harness/fixtures';
import { createVaultWithLogins, openPopup, PASS, tabIdOf, USER } from './support';

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
