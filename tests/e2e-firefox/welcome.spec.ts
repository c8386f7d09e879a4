// The welcome page in Firefox (as tests/e2e/welcome.spec.ts in Chromium): the install opens it once
// (puppeteer installs the build as a temporary add-on: reason 'install'); it creates the vault,
// which the popup then unlocks; Firefox's own pinning steps are shown; stopping the event page and
// an update (the same build installed again: reason 'update') open no other welcome tab.
import { FIREFOX_EXTENSION_DIR } from '../e2e/harness/paths';
import { click, fill, waitForReady } from './harness/dom';
import { expect, test } from './harness/fixtures';
import { MASTER_PASSWORD, openPopup, unlockPopup } from './support';

test.use({ firefoxKeepWelcomePage: true });

test('the install opens the welcome page once; it creates the vault the popup unlocks; no other opens after a background stop or an update', async ({
  firefox,
}) => {
  test.setTimeout(120_000);
  const welcome = await firefox.welcomePage();
  await waitForReady(welcome, 'welcome-empty');
  expect(await firefox.welcomePagesOpen()).toHaveLength(1);

  const region = 'Create a new vault';
  await fill(welcome, 'Master password', MASTER_PASSWORD, region);
  await fill(welcome, 'Repeat master password', MASTER_PASSWORD, region);
  await click(welcome, 'Create vault', region);
  await waitForReady(welcome, 'welcome-created');
  const text = await welcome.evaluate(() => document.body.textContent ?? '');
  expect(text).toContain('“Pin to Toolbar”');
  expect(text).not.toContain('Click the pin next to Tessera.');
  expect(await welcome.$$eval('img', (imgs) => imgs.map((img) => img.getAttribute('src')))).toEqual([
    '/icons/tessera-locked-48.png',
    '/icons/tessera-48.png',
  ]);
  await welcome.close();

  const popup = await openPopup(firefox);
  await waitForReady(popup, 'list');
  await click(popup, 'Lock now');
  await unlockPopup(popup, MASTER_PASSWORD);
  await waitForReady(popup, 'list');

  await firefox.terminateBackground();
  await firefox.reload(popup);
  await waitForReady(popup, 'list');
  expect(await firefox.welcomePagesOpen()).toHaveLength(0);

  // An update of the temporary add-on: its pages close, its data stays.
  await firefox.browser.installExtension(FIREFOX_EXTENSION_DIR);
  const updated = await openPopup(firefox);
  await unlockPopup(updated, MASTER_PASSWORD);
  await waitForReady(updated, 'list');
  expect(await firefox.welcomePagesOpen()).toHaveLength(0);
});
