/**
 * The background's side of the inline menu: arming a frame after a click in its login field,
 * answering the menu page (its logins, a fill, a close), and asking the content script whether
 * the menu and its field are still shown as the person saw them before anything is filled.
 *
 * Fills go through the fill service (fill-service.ts) with the same rules as the popup, limited
 * to the one frame that asked and pinned to its document: the menu is only another way to choose.
 *
 * Safety fact: every frame and URL here comes from the browser (message senders, webNavigation),
 * never from a message's content; the menu page is told only overviews (name, username), only
 * for the frame whose arm's token it holds (see menu-arms.ts), and only while that frame still
 * shows the document it was armed for.
 */

import type { FillOutcome, MenuItems } from '../messages/protocol';
import { Refusal } from '../messages/router';
import type { SenderInfo } from '../messages/sender';
import { type FillService, type FrameInfo, webOrigin } from './fill-service';
import type { Arm, MenuArms, MenuFrame } from './menu-arms';

/** Commands the background sends to the content script of the armed frame. */
export type MenuCommand = { type: 'tessera.menu.check' } | { type: 'tessera.menu.close' };

/** The content script's answer to 'tessera.menu.check'. */
export interface MenuCheck {
  ok: boolean;
}

export interface MenuServiceDeps {
  fill: Pick<FillService, 'fill' | 'matchesForUrl' | 'countFor'>;
  arms: MenuArms;
  /** One frame of a tab, from the browser (webNavigation.getFrame); null when gone. */
  frame(tabId: number, frameId: number): Promise<FrameInfo | null>;
  /** The content script of one frame (pinned to its document where the browser can). */
  ask(tabId: number, frame: { frameId: number; documentId?: string }, command: MenuCommand): Promise<unknown>;
  /** The menu page's URL without query or fragment: chrome-extension://<id>/inline-menu.html. */
  menuUrl: string;
}

type ContentSender = Extract<SenderInfo, { kind: 'content' }>;

const REFUSED = 'The Tessera menu was not opened here. Nothing was shown.';

export function createMenuService(deps: MenuServiceDeps) {
  /** The asking menu page's frame, or a refusal: only our own menu page, in a tab, may ask. */
  function menuFrame(sender: SenderInfo): MenuFrame {
    if (sender.kind !== 'page' || sender.tabId === undefined || sender.frameId === undefined) {
      throw new Refusal('menu-refused', REFUSED);
    }
    if (sender.url.split(/[?#]/)[0] !== deps.menuUrl) throw new Refusal('menu-refused', REFUSED);
    return { tabId: sender.tabId, frameId: sender.frameId };
  }

  /**
   * The arm, if the armed frame still shows the document (Chrome) or at least the origin (where
   * the browser gives no document id) it was armed for: the old page's matches are never used.
   */
  async function accepted(result: Arm | string): Promise<{ arm: Arm; frame: FrameInfo }> {
    if (typeof result === 'string') throw new Refusal('menu-refused', REFUSED);
    const frame = await deps.frame(result.tabId, result.frameId);
    if (
      !frame ||
      webOrigin(frame.url) !== result.origin ||
      (result.documentId !== undefined && frame.documentId !== result.documentId)
    ) {
      deps.arms.forgetFrame(result.tabId, result.frameId);
      throw new Refusal('navigated', 'That page has changed since the menu was opened. Nothing was filled.');
    }
    return { arm: result, frame };
  }

  function target(arm: Arm) {
    return arm.documentId !== undefined
      ? { frameId: arm.frameId, documentId: arm.documentId }
      : { frameId: arm.frameId };
  }

  return {
    /** A click in a login field: arm the frame if it has logins (none: no menu at all). */
    async open(
      sender: ContentSender,
      topUrl: () => Promise<string | null>,
    ): Promise<{ count: number; token?: string }> {
      const origin = webOrigin(sender.url);
      if (!origin || origin !== sender.origin) return { count: 0 };
      const count = await deps.fill.countFor(sender.url);
      const top = count > 0 ? await topUrl() : null;
      if (!top) return { count: 0 };
      const token = deps.arms.arm({
        tabId: sender.tabId,
        frameId: sender.frameId,
        url: sender.url,
        origin,
        topUrl: top,
        ...(sender.documentId !== undefined ? { documentId: sender.documentId } : {}),
      });
      return { count, token };
    },

    async items(token: string, sender: SenderInfo): Promise<MenuItems> {
      const { arm, frame } = await accepted(deps.arms.claim(token, menuFrame(sender)));
      return {
        matches: await deps.fill.matchesForUrl(frame.url, arm.tabId),
        origin: arm.origin,
        crossOrigin: arm.origin !== webOrigin(arm.topUrl),
      };
    },

    async fill(
      request: { token: string; itemId: string; confirmFrameOrigin?: string; confirmActionOrigin?: string },
      sender: SenderInfo,
    ): Promise<FillOutcome> {
      const { arm } = await accepted(deps.arms.use(request.token, menuFrame(sender)));
      // The page's own view, just before the secret leaves: our host still on top where it was,
      // the field visible and unmoved (src/autofill/content/menu.ts).
      const check = (await deps
        .ask(arm.tabId, target(arm), { type: 'tessera.menu.check' })
        .catch(() => undefined)) as MenuCheck | undefined;
      if (check?.ok !== true) {
        throw new Refusal(
          'menu-covered',
          'The page is covering or has moved the Tessera menu. Nothing was filled.',
        );
      }
      const outcome = await deps.fill.fill({
        tabId: arm.tabId,
        itemId: request.itemId,
        pageUrl: arm.topUrl,
        frame: target(arm),
        ...(request.confirmFrameOrigin ? { confirmFrameOrigin: request.confirmFrameOrigin } : {}),
        ...(request.confirmActionOrigin ? { confirmActionOrigin: request.confirmActionOrigin } : {}),
      });
      deps.arms.forgetFrame(arm.tabId, arm.frameId);
      void deps.ask(arm.tabId, target(arm), { type: 'tessera.menu.close' }).catch(() => undefined);
      return outcome;
    },

    async close(token: string, sender: SenderInfo): Promise<null> {
      const arm = deps.arms.use(token, menuFrame(sender));
      if (typeof arm === 'string') throw new Refusal('menu-refused', REFUSED);
      deps.arms.forgetFrame(arm.tabId, arm.frameId);
      await deps.ask(arm.tabId, target(arm), { type: 'tessera.menu.close' }).catch(() => undefined);
      return null;
    },
  };
}

export type MenuService = ReturnType<typeof createMenuService>;
