/**
 * Wiring of the passkey provider (src/passkeys/flow/service.ts) to the browser: the dialog as an
 * extension page in a popup window of its own (no page can read or script it), the window and tab
 * events that end a waiting ceremony, and the tab's frames for the caller's ancestry.
 */

import { browser } from 'wxt/browser';
import { toBase64Url } from '../../src/crypto/encoding';
import { randomBytes } from '../../src/crypto/random';
import type { Handlers } from '../../src/messages/router';
import { createCeremonies } from '../../src/passkeys/flow/ceremonies';
import { createPasskeyService } from '../../src/passkeys/flow/service';
import type { Session } from '../../src/session/session';

export type PasskeyRequest =
  | 'passkey.create'
  | 'passkey.get'
  | 'passkey.abort'
  | 'passkey.dialog.view'
  | 'passkey.dialog.answer';

/** The dialog's size: room for a few passkeys and the buttons without scrolling. */
const DIALOG = { width: 440, height: 560 };

/** Creates the service and registers its listeners (synchronously, at the worker's start). */
export function createPasskeyHandlers(session: Session): Pick<Handlers, PasskeyRequest> {
  const ceremonies = createCeremonies(
    {
      async open(token) {
        const window = await browser.windows.create({
          url: browser.runtime.getURL(`/passkey-dialog.html#${token}`),
          type: 'popup',
          focused: true,
          ...DIALOG,
        });
        return window?.id;
      },
      async close(windowId) {
        await browser.windows.remove(windowId);
      },
    },
    () => toBase64Url(randomBytes(16)),
  );
  browser.windows.onRemoved.addListener((windowId) => ceremonies.windowClosed(windowId));
  browser.tabs.onRemoved.addListener((tabId) => ceremonies.tabGone(tabId));

  const service = createPasskeyService({
    session,
    ceremonies,
    now: Date.now,
    async frames(tabId) {
      const frames = await browser.webNavigation.getAllFrames({ tabId }).catch(() => null);
      return (frames ?? []).map(({ frameId, parentFrameId, url }) => ({ frameId, parentFrameId, url }));
    },
  });

  return {
    'passkey.create': (r, sender) => service.create(r, sender),
    'passkey.get': (r, sender) => service.get(r, sender),
    'passkey.abort': (r, sender) => service.abort(r.requestId, sender),
    'passkey.dialog.view': (r) => service.view(r.token),
    'passkey.dialog.answer': (r) => service.answer(r.token, r.answer),
  };
}
