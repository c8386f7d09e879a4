// @vitest-environment happy-dom
// The passkey dialog's first view (entrypoints/passkey-dialog/Dialog.tsx; issue 18,
// passkey_assertion_ms): asked for before the first render and shown as soon as it arrives, not
// after the next animation frame, where Preact runs a useEffect. Here no frame ever comes (the
// fake clock stands still, requestAnimationFrame never calls back): the view must still show. The
// background is a recording fake; nothing is answered without a click (the button's handler
// ignores untrusted clicks, and none is made here).

import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const TOKEN = 'token-from-the-background';
const view = {
  kind: 'get',
  rpId: 'example.com',
  origin: 'https://example.com',
  state: 'unlocked',
  passkeys: [{ itemId: 'i1', credentialId: 'c1', itemName: 'Example', userName: 'alice', createdAt: 1 }],
};
const sent: Array<{ type: string; token?: string }> = [];

vi.mock('wxt/browser', () => ({ browser: { i18n: { getMessage: (name: string) => name } } }));
vi.mock('@/src/messages/client', () => ({
  RequestError: class extends Error {},
  request: async (message: { type: string; token?: string }) => {
    sent.push(message);
    return view;
  },
}));

beforeAll(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'performance', 'Date'] });
  vi.stubGlobal('requestAnimationFrame', () => 0);
  vi.stubGlobal('cancelAnimationFrame', () => undefined);
  document.body.innerHTML = '<div id="app"></div>';
  window.location.hash = `#${TOKEN}`;
});

afterAll(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

/** Settles pending promises (and Preact's renders, queued as microtasks) without moving the clock. */
async function settle() {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}

describe('the passkey dialog’s first view', () => {
  it('is asked for at mount and shown without waiting for an animation frame', async () => {
    const { mountDialog } = await import('@/entrypoints/passkey-dialog/Dialog');
    mountDialog();
    await settle();
    // Asked for once, for this dialog's token (no early script ran here).
    expect(sent).toEqual([{ type: 'passkey.dialog.view', token: TOKEN }]);
    const buttons = [...document.querySelectorAll('button')].map((b) => b.textContent);
    expect(buttons).toContain('passkeyDialog_use');
    expect(document.querySelector('[aria-busy]')).toBeNull();
    // Shown, not answered: only the person's click answers.
    expect(sent).toHaveLength(1);
  });
});
