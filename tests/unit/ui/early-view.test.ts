// The passkey dialog's early view request (src/ui/early-view.ts): the same request the dialog
// would make, taken once by its first load, and dropped when it is not a view.
import { afterEach, describe, expect, it } from 'vitest';
import { BUILD_ID } from '../../../src/messages/build';
import { startEarlyView, takeEarlyView } from '../../../src/ui/early-view';

afterEach(async () => {
  await takeEarlyView();
});

function runtime(answer: () => Promise<unknown>) {
  const sent: unknown[] = [];
  return {
    sent,
    sendMessage(message: unknown) {
      sent.push(message);
      return answer();
    },
  };
}

describe('early view', () => {
  it('sends the dialog’s own view request for its token, and the first take gets the view', async () => {
    const view = { kind: 'get', rpId: 'example.com', origin: 'https://example.com', state: 'locked' };
    const api = runtime(async () => ({ ok: true, value: view }));
    startEarlyView(api, 'token-1');
    expect(api.sent).toEqual([{ type: 'passkey.dialog.view', token: 'token-1', build: BUILD_ID }]);
    await expect(takeEarlyView()).resolves.toEqual(view);
    // Taken once: a later load asks the background again.
    await expect(takeEarlyView()).resolves.toBeUndefined();
  });

  it('drops a refusal or a failed send, so the dialog asks through request() and shows its error', async () => {
    startEarlyView(
      runtime(async () => ({ ok: false, error: { code: 'stale-build', message: 'old' } })),
      't',
    );
    await expect(takeEarlyView()).resolves.toBeUndefined();
    startEarlyView(
      runtime(() => Promise.reject(new Error('no receiver'))),
      't',
    );
    await expect(takeEarlyView()).resolves.toBeUndefined();
  });

  it('without an early script, nothing is taken', async () => {
    await expect(takeEarlyView()).resolves.toBeUndefined();
  });
});
