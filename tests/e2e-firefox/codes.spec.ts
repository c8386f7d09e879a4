// Two-factor codes in Firefox's popup (issue 15), as tests/e2e/popup-totp.spec.ts does in Chromium:
// the item view shows the login's current code, checked against the independent Node HMAC TOTP of
// tests/e2e/two-factor-support.ts (not src/totp), and a click copies it. Reading the clipboard back
// needs clipboardRead, which Tessera does not ask for: the test installs a copy of the build with it.
import { login } from '../e2e/popup-support';
import { acceptedCodes, TWO_FACTOR_SECRET } from '../e2e/two-factor-support';
import { waitForReady } from './harness/dom';
import { expect, test } from './harness/fixtures';
import { createVaultInPopup, MASTER_PASSWORD, openPopup, send } from './support';

test.use({ firefoxTestPermissions: ['clipboardRead'] });

test('the item view shows the current code (Node HMAC agrees) and copies it on click', async ({
  firefox,
}) => {
  test.setTimeout(90_000);
  const popup = await openPopup(firefox);
  await createVaultInPopup(popup, MASTER_PASSWORD);
  await send(popup, {
    type: 'vault.putMany',
    replace: false,
    items: [login('Two Factor', { totp: TWO_FACTOR_SECRET }), login('Plain')],
  });
  await firefox.reload(popup);
  await waitForReady(popup, 'list');
  // The search box has the focus: type, Enter opens the first match.
  await popup.keyboard.type('Two Factor');
  await popup.keyboard.press('Enter');
  await waitForReady(popup, 'item');

  const code = await popup.waitForSelector('[data-testid="otp-code"]');
  const shown = (await code!.evaluate((el) => el.textContent ?? '')).replace(/\s/g, '');
  expect(acceptedCodes()).toContain(shown);
  expect(await code!.evaluate((el) => el.getAttribute('aria-label') ?? el.textContent)).toMatch(
    /^Copy one-time code \d{3} \d{3}$/,
  );

  await code!.click();
  // "One-time code copied." and, with the clear-after setting, when it will be cleared.
  await popup.waitForFunction(() =>
    [...document.querySelectorAll('[role="status"]')].some((el) =>
      el.textContent?.startsWith('One-time code copied.'),
    ),
  );
  const copied = await popup.evaluate(() => navigator.clipboard.readText());
  expect(acceptedCodes()).toContain(copied);
});
