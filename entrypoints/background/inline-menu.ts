/**
 * Wires the inline menu's service (src/autofill/menu-service.ts) to the browser: frames from
 * webNavigation, commands to one frame's content script through tabs.sendMessage (pinned to its
 * document where Chrome supports documentId), arms dropped when a frame navigates or a tab closes.
 *
 * Safety fact: the menu page's handlers accept only our own inline-menu.html, shown in a tab's
 * frame, whose parent frame armed it; see menu-arms.ts for why a page framing it gets nothing.
 */

import { browser } from 'wxt/browser';
import type { FillService, FrameInfo } from '../../src/autofill/fill-service';
import { createMenuArms } from '../../src/autofill/menu-arms';
import { createMenuService } from '../../src/autofill/menu-service';
import { toBase64Url } from '../../src/crypto/encoding';
import type { Handlers } from '../../src/messages/router';

export type MenuRequest =
  | 'autofill.menu.open'
  | 'autofill.menu.items'
  | 'autofill.menu.fill'
  | 'autofill.menu.close';

export function createMenuHandlers(fill: FillService): Pick<Handlers, MenuRequest> {
  const arms = createMenuArms({
    now: Date.now,
    token: () => toBase64Url(crypto.getRandomValues(new Uint8Array(16))),
  });
  const frame = async (tabId: number, frameId: number): Promise<FrameInfo | null> => {
    const found = await browser.webNavigation.getFrame({ tabId, frameId }).catch(() => null);
    if (!found) return null;
    const info: FrameInfo = { frameId, parentFrameId: found.parentFrameId, url: found.url };
    const documentId = (found as { documentId?: unknown }).documentId;
    if (typeof documentId === 'string') info.documentId = documentId;
    return info;
  };
  const service = createMenuService({
    fill,
    arms,
    frame,
    // Not getURL('/inline-menu.html'): with use_dynamic_url that gives the per-session address
    // the content script loads, which redirects; the frame's own URL is on the extension origin.
    menuUrl: `${browser.runtime.getURL('/')}inline-menu.html`,
    ask(tabId, target, command) {
      const options = target.documentId
        ? ({ documentId: target.documentId } as { frameId?: number })
        : { frameId: target.frameId };
      return browser.tabs.sendMessage(tabId, command, options);
    },
  });

  // A new document in a frame never inherits the old one's arm; nor does a closed tab.
  browser.webNavigation.onCommitted.addListener((details) =>
    arms.forgetFrame(details.tabId, details.frameId),
  );
  browser.tabs.onRemoved.addListener((tabId) => arms.forgetTab(tabId));

  return {
    'autofill.menu.open': (_r, sender) =>
      sender.kind === 'content'
        ? service.open(sender, async () => (await frame(sender.tabId, 0))?.url ?? null)
        : { count: 0 },
    'autofill.menu.items': (r, sender) => service.items(r.token, sender),
    'autofill.menu.fill': (r, sender) =>
      service.fill(
        {
          token: r.token,
          itemId: r.itemId,
          ...(r.confirmFrameOrigin ? { confirmFrameOrigin: r.confirmFrameOrigin } : {}),
          ...(r.confirmActionOrigin ? { confirmActionOrigin: r.confirmActionOrigin } : {}),
        },
        sender,
      ),
    'autofill.menu.close': (r, sender) => service.close(r.token, sender),
  };
}
