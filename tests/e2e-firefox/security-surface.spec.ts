// Issue 13 item 11 in Firefox: the inline menu framed in a web page may send only its own
// requests; Firefox reports the framed moz-extension page with its tab and frame, as Chrome does,
// so the same audience rules apply (src/messages/audience.ts).
import { expect, test } from './harness/fixtures';
import { openMenuOnLoginPage } from './support';

test('the inline menu frame is refused vault data and the prompt’s requests, naming who may ask', async ({
  firefox,
  fixtureServer,
}) => {
  const { menu } = await openMenuOnLoginPage(firefox, fixtureServer);

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
