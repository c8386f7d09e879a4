/**
 * Which frames may show the inline menu right now: the background's bookkeeping between a
 * person's click in a login field (the content script "arms" its frame) and the menu page that
 * the content script then opens in that frame (which "claims" the arm with its token).
 *
 * Safety fact: an arm is for one frame (tab id + frame id, and Chrome's document id where the
 * browser gives one), is claimed by exactly one menu frame in the same tab that presents the
 * arm's random token, and expires; a newer arm, a navigation of the frame or the tab closing
 * drops it. A page that frames the menu page itself therefore gets nothing: it has no token (the
 * token travels only from the background to the content script and into our own frame's URL,
 * inside a closed shadow root, which the page can neither read nor reach), and a second frame
 * presenting a token already claimed is refused.
 *
 * Why the token and not "the menu's parent frame": webNavigation does not list frames showing an
 * extension page (Chrome), and a message sender names its own frame only, so the background
 * cannot learn which frame the menu sits in; the token is what ties the two together.
 */

import { equalSecretText } from '../crypto/compare';

/** How long after the click the menu page may claim the arm. */
export const CLAIM_WINDOW_MS = 10_000;
/** How long an open menu may fill (it closes long before, on blur or Escape). */
export const ARM_LIFETIME_MS = 10 * 60_000;

export interface ArmedFrame {
  tabId: number;
  frameId: number;
  documentId?: string;
  /** The frame's URL and origin when armed, from the browser (the message sender). */
  url: string;
  origin: string;
  /** The top page's URL when armed: fills are refused if the tab moved to another site since. */
  topUrl: string;
}

export interface Arm extends ArmedFrame {
  token: string;
  at: number;
  /** The menu frame that claimed this arm (its frame id in the same tab). */
  menuFrameId?: number;
}

/** The menu frame asking, as the browser reports it (the message sender). */
export interface MenuFrame {
  tabId: number;
  /** The menu page's own frame id. */
  frameId: number;
}

export type ArmRefusal = 'no-arm' | 'expired' | 'claimed';

export function createMenuArms(deps: { now(): number; token(): string }) {
  /** One arm per frame: key `${tabId}:${frameId}`. */
  const arms = new Map<string, Arm>();
  const key = (tabId: number, frameId: number) => `${tabId}:${frameId}`;

  function find(token: string): Arm | undefined {
    // Constant time: the token is the menu's only credential (src/crypto/compare.ts).
    for (const arm of arms.values()) if (equalSecretText(arm.token, token)) return arm;
    return undefined;
  }

  /** Checks a menu frame's token against its parent frame's arm; returns the arm or a refusal. */
  function check(token: string, menu: MenuFrame, window: number): Arm | ArmRefusal {
    const arm = find(token);
    if (!arm || arm.tabId !== menu.tabId) return 'no-arm';
    if (deps.now() - arm.at > window) return 'expired';
    if (arm.menuFrameId !== undefined && arm.menuFrameId !== menu.frameId) return 'claimed';
    return arm;
  }

  return {
    /** Arms `frame` (replacing its previous arm); returns the token for the menu it opens. */
    arm(frame: ArmedFrame): string {
      const token = deps.token();
      arms.set(key(frame.tabId, frame.frameId), { ...frame, token, at: deps.now() });
      return token;
    },

    /** The menu page's first request: binds the arm to this menu frame. */
    claim(token: string, menu: MenuFrame): Arm | ArmRefusal {
      const arm = find(token);
      // Claiming is once; a later request from the same menu goes through use().
      const result = check(token, menu, arm?.menuFrameId === undefined ? CLAIM_WINDOW_MS : ARM_LIFETIME_MS);
      if (typeof result !== 'string') result.menuFrameId = menu.frameId;
      return result;
    },

    /** Later requests (fill, close): only from the menu frame that claimed the arm. */
    use(token: string, menu: MenuFrame): Arm | ArmRefusal {
      const arm = find(token);
      if (arm && arm.menuFrameId === undefined) return 'no-arm';
      return check(token, menu, ARM_LIFETIME_MS);
    },

    /** A frame's document changed (navigation) or its menu closed. */
    forgetFrame(tabId: number, frameId: number): void {
      arms.delete(key(tabId, frameId));
    },

    forgetTab(tabId: number): void {
      for (const [k, arm] of arms) if (arm.tabId === tabId) arms.delete(k);
    },

    /** For tests and diagnostics. */
    size(): number {
      return arms.size;
    },
  };
}

export type MenuArms = ReturnType<typeof createMenuArms>;
