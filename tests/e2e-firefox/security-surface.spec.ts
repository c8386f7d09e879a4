// Issue 13 item 11 in Firefox: the inline menu framed in a web page may send only its own
// requests; Firefox reports the framed moz-extension page with its tab and frame, as Chrome does,
// so the same audience rules apply (src/messages/audience.ts).
import { expect, test } from './harness/fixtures';
import { createVaultWithLogins, extensionFrame } from './support';

test('the inline menu frame is refused vault data and the prompt’s requests, naming who may ask', async ({
  firefox,
  fixtureServer,
}) => {
  await createVaultWithLogins(firefox, fixtureServer.port);
  const page = await firefox.browser.newPage();
  await page.goto(fixtureServer.url('autofill-e2e/login.html'));
  await page.click('#username');
  const menu = await extensionFrame(page, '/inline-menu.html', '[role="option"]');

  const ask = (message: Record<string, unknown>) =>
    menu.evaluate(
      (m) =>
        (
          globalThis as unknown as { browser: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }
        ).browser.runtime.sendMessage(m),
      message,
    );
  for (const message of [
    { type: 'vault.list' },
    { type: 'vault.status' },
    { type: 'settings.get' },
    { type: 'autofill.offer.get', token: 'AAAAAAAAAAAAAAAAAAAAAA' },
  ]) {
    expect(await ask(message), message.type).toMatchObject({
      ok: false,
      error: { code: 'forbidden-sender', message: expect.stringMatching(/may be asked only by Tessera's/) },
    });
  }
  // Its own requests still work: tests/e2e-firefox/inline-menu.spec.ts lists and fills through it.
});
