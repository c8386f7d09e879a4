/**
 * The background's side of autofill: which logins match a tab, and sending one login to the
 * frames of a tab that may receive it. Browser APIs come in as dependencies, so the rules are
 * plain functions with unit tests.
 *
 * Rules, on every fill path (issue 5, "Rules on every fill path"):
 * - The tab must still be on the origin the user saw when choosing (popup or shortcut): a
 *   navigation in between refuses with 'navigated' instead of filling the new site.
 * - Each frame is matched on its own URL (matchItem: an https item never fills on http), never on
 *   the top page's. Frames on the top page's origin are filled; a matching frame on another origin
 *   (a cross-origin iframe) only after the user confirmed that exact origin ('confirm-frame'), and
 *   then one frame only: the first of that origin that every parent up to the top shows to the
 *   person (issue 13, item 7: a frame cannot see how its parent hides it, so the parent judges).
 * - The login is sent with tabs.sendMessage to those frames only, pinned to the document the
 *   frame list named where the browser supports it, and the content script checks again that its
 *   own origin is the one the login was matched for.
 * - A form that posts to another origin is refused by the content script ('confirm-action')
 *   until the user confirms that origin.
 * - A sandboxed document (opaque origin: CSP `sandbox`, `<iframe sandbox>`) is refused by the
 *   content script ('sandboxed'), though its URL, which is all webNavigation gives, names the site.
 *
 * Safety fact: frame URLs come from the browser (webNavigation), never from a page or a content
 * script's message, and a content script only ever receives the one login it is to fill.
 */

import type { FillOutcome, TabMatch } from '../messages/protocol';
import { Refusal } from '../messages/router';
import type { Item, ItemOverview } from '../vault/types';
import type { FillCommand, FillResult } from './content/fill';
import type { FillCodeCommand, FillCodeResult } from './content/fill-code';
import { matchItem, type RankedMatch, rankMatches } from './match';
import type { TabMemory } from './tab-memory';

export interface FrameInfo {
  frameId: number;
  parentFrameId: number;
  url: string;
  /** Chrome's id of the document in the frame; pins a message to that document. */
  documentId?: string;
}

export interface FillServiceDeps {
  /** Every frame of the tab, the top frame (frameId 0) included; [] when the tab is gone. */
  frames(tabId: number): Promise<FrameInfo[]>;
  send(tabId: number, frame: FrameInfo, command: FillCommand): Promise<FillResult | undefined>;
  /**
   * Whether `parent`'s document shows the <iframe> of `child` to the person (not 0x0, transparent,
   * hidden, clipped, off-screen or covered), measured by the parent's content script
   * (content/frame-probe.ts); false when it cannot tell.
   */
  shownByParent(tabId: number, child: FrameInfo, parent: FrameInfo): Promise<boolean>;
  vault(): Promise<{ list(): readonly ItemOverview[]; get(id: string): Promise<Item> }>;
  now(): number;
  /**
   * The item's current one-time code (RFC 6238, from its `totp` secret), or null when it has none
   * or the secret gives no code. Computed here, in the background, just before it is sent.
   */
  oneTimeCode?(item: Item): string | null;
  /** Sends a code to the one frame that asked for it (answered a login fill with wantsCode). */
  sendCode?(tabId: number, frame: FrameInfo, command: FillCodeCommand): Promise<FillCodeResult | undefined>;
  /**
   * After a fill that did not fill the code itself: copy the code if the person chose so in the
   * settings (off by default), to be cleared like any copy. Resolves true when it was copied.
   */
  copyCode?(code: string): Promise<boolean>;
  /**
   * Where fills are remembered (issue 5, parts 5 and 6): what went into each frame, so that
   * submitting it unchanged offers no save, and the account filled on a username-only page, which
   * then ranks first on the same site in that tab.
   */
  memory?: TabMemory;
}

/** One frame's answer to a login fill. */
interface Sent {
  frame: FrameInfo;
  result: FillResult;
}

export interface FillRequest {
  tabId: number;
  itemId: string;
  /** The URL the user saw when choosing the login (the popup's view of the tab). */
  pageUrl: string;
  confirmFrameOrigin?: string;
  confirmActionOrigin?: string;
  /**
   * Only this frame (the inline menu's: credentials go only to the frame that asked), and only
   * while it still shows this document (Chrome's documentId; absent elsewhere).
   */
  frame?: { frameId: number; documentId?: string };
}

/** How long a repeated shortcut moves on to the next match instead of starting over. */
export const CYCLE_WINDOW_MS = 30_000;

/** The origin of an http(s) URL, or null for anything else (about:blank, chrome:, data:). */
export function webOrigin(url: string): string | null {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : null;
  } catch {
    return null;
  }
}

export interface FillPlan {
  /** Matching frames on the top page's origin: filled without asking. */
  sameOrigin: FrameInfo[];
  /** Matching frames on other origins, by origin: filled only after a confirmation. */
  crossOrigin: Map<string, FrameInfo[]>;
}

/** Which frames of a tab the item may fill, each judged by its own URL. */
export function planFill(item: Pick<ItemOverview, 'urls' | 'match'>, frames: readonly FrameInfo[]): FillPlan {
  const top = frames.find((frame) => frame.frameId === 0);
  const topOrigin = top ? webOrigin(top.url) : null;
  const plan: FillPlan = { sameOrigin: [], crossOrigin: new Map() };
  for (const frame of frames) {
    const origin = webOrigin(frame.url);
    if (!origin || !matchItem(item.urls, item.match, frame.url)) continue;
    if (origin === topOrigin) plan.sameOrigin.push(frame);
    else plan.crossOrigin.set(origin, [...(plan.crossOrigin.get(origin) ?? []), frame]);
  }
  return plan;
}

/** The part of a plan for one frame. */
function onlyFrame(plan: FillPlan, frameId: number): FillPlan {
  const crossOrigin = new Map<string, FrameInfo[]>();
  for (const [origin, frames] of plan.crossOrigin) {
    const kept = frames.filter((frame) => frame.frameId === frameId);
    if (kept.length > 0) crossOrigin.set(origin, kept);
  }
  return { sameOrigin: plan.sameOrigin.filter((frame) => frame.frameId === frameId), crossOrigin };
}

export function createFillService(deps: FillServiceDeps) {
  const cycles = new Map<number, { url: string; index: number; at: number }>();

  async function topUrl(tabId: number): Promise<{ url: string; frames: FrameInfo[] }> {
    const frames = await deps.frames(tabId);
    const url = frames.find((frame) => frame.frameId === 0)?.url;
    if (!url) throw new Refusal('no-tab', 'That tab is gone.');
    return { url, frames };
  }

  async function sendAll(
    tabId: number,
    frames: readonly FrameInfo[],
    command: FillCommand,
    itemId: string,
  ): Promise<Sent[]> {
    const results = await Promise.all(
      frames.map(async (frame) => {
        const result = await deps.send(tabId, frame, command).catch(() => undefined);
        if (result?.ok) {
          if (result.filled > 0) deps.memory?.rememberFill(tabId, frame.frameId, command);
          // The account chosen on a username-only page, or a login with a code (its code page
          // follows): the next page of the site ranks it first.
          if (result.identifier || command.hasCode) deps.memory?.rememberAccount(tabId, frame.url, itemId);
        }
        return result ? { frame, result } : undefined;
      }),
    );
    return results.filter((sent): sent is Sent => sent !== undefined);
  }

  /**
   * The code, to each frame that showed a code field for this login, computed now and sent to
   * that frame only. How many fields it filled, and a refusal a frame answered, if any.
   */
  async function fillCodes(
    tabId: number,
    item: Item,
    sent: readonly Sent[],
    origin: string,
    confirmActionOrigin: string | undefined,
  ): Promise<{ filled: number; refused: FillCodeResult[] }> {
    const asking = sent.filter(({ result }) => result.ok && result.wantsCode);
    const refused: FillCodeResult[] = [];
    let filled = 0;
    for (const { frame } of asking) {
      const code = deps.oneTimeCode?.(item);
      if (!code || !deps.sendCode) break;
      const command: FillCodeCommand = {
        type: 'tessera.fill.code',
        origin,
        code,
        ...(confirmActionOrigin ? { confirmActionOrigin } : {}),
      };
      const result = await deps.sendCode(tabId, frame, command).catch(() => undefined);
      if (result?.ok) filled += result.filled;
      else if (result) refused.push(result);
    }
    return { filled, refused };
  }

  /** Whether every frame from `frame` up to the top shows its child to the person. */
  async function shownFromTop(
    tabId: number,
    frame: FrameInfo,
    frames: readonly FrameInfo[],
  ): Promise<boolean> {
    for (let child = frame; child.frameId !== 0; ) {
      const parent = frames.find((candidate) => candidate.frameId === child.parentFrameId);
      if (!parent || !(await deps.shownByParent(tabId, child, parent))) return false;
      child = parent;
    }
    return true;
  }

  /**
   * A confirmed cross-origin fill: the first candidate frame the person can see, judged from
   * above, and no other (the rest of that origin's frames may be the page's hidden copies).
   */
  async function fillOneShown(
    tabId: number,
    candidates: readonly FrameInfo[],
    frames: readonly FrameInfo[],
    command: FillCommand,
    itemId: string,
  ): Promise<Sent[]> {
    const results: Sent[] = [];
    for (const frame of candidates) {
      if (!(await shownFromTop(tabId, frame, frames))) continue;
      const [sent] = await sendAll(tabId, [frame], command, itemId);
      if (sent) results.push(sent);
      if (sent?.result.ok) break;
    }
    return results;
  }

  /** The tab's matches, best first, with the account chosen on a username-only page moved to the top. */
  function rankForTab(tabId: number, items: readonly ItemOverview[], url: string): RankedMatch[] {
    const ranked = rankMatches(items, url);
    const chosen = deps.memory?.account(tabId, url);
    const index = chosen === undefined ? -1 : ranked.findIndex((match) => match.item.id === chosen);
    if (index <= 0) return ranked;
    return [ranked[index] as RankedMatch, ...ranked.slice(0, index), ...ranked.slice(index + 1)];
  }

  async function fill(request: FillRequest): Promise<FillOutcome> {
    const { url, frames } = await topUrl(request.tabId);
    const seen = webOrigin(request.pageUrl);
    if (!seen || seen !== webOrigin(url)) {
      throw new Refusal(
        'navigated',
        'The tab has moved to another site since the list was shown. Nothing was filled.',
      );
    }
    const only = request.frame;
    if (only) {
      const target = frames.find((frame) => frame.frameId === only.frameId);
      if (!target || (only.documentId !== undefined && target.documentId !== only.documentId)) {
        throw new Refusal(
          'navigated',
          'That page has changed since the menu was opened. Nothing was filled.',
        );
      }
    }
    const item = await (await deps.vault()).get(request.itemId);
    const plan = only ? onlyFrame(planFill(item, frames), only.frameId) : planFill(item, frames);

    let targets = plan.sameOrigin;
    let origin = seen;
    if (targets.length === 0) {
      const [first] = plan.crossOrigin.keys();
      if (first === undefined) {
        throw new Refusal('no-match', `"${item.name}" is not for this site. Nothing was filled.`);
      }
      const confirmed = request.confirmFrameOrigin;
      if (!confirmed || !plan.crossOrigin.has(confirmed)) {
        throw new Refusal(
          'confirm-frame',
          `The login form on this page comes from ${first}, a different site from the page. Fill it anyway?`,
          undefined,
          first,
        );
      }
      targets = plan.crossOrigin.get(confirmed) ?? [];
      origin = confirmed;
    }

    const hasCode = Boolean(deps.oneTimeCode?.(item));
    const command: FillCommand = {
      type: 'tessera.fill',
      origin,
      username: item.username,
      password: item.password,
      ...(request.confirmActionOrigin ? { confirmActionOrigin: request.confirmActionOrigin } : {}),
      ...(hasCode ? { hasCode: true as const } : {}),
    };
    const sent =
      origin === seen
        ? await sendAll(request.tabId, targets, command, item.id)
        : await fillOneShown(request.tabId, targets, frames, command, item.id);
    const codes = await fillCodes(request.tabId, item, sent, origin, request.confirmActionOrigin);
    const results: Array<FillResult | FillCodeResult> = [
      ...sent.map(({ result }) => result),
      ...codes.refused,
    ];
    const filled = sent.reduce((sum, { result }) => sum + (result.ok ? result.filled : 0), 0) + codes.filled;
    if (filled > 0) return { filled, origin, ...(await codeOutcome(item, hasCode, codes.filled)) };
    if (results.some((result) => !result.ok && result.code === 'code-only')) {
      throw new Refusal(
        'no-code',
        `This page asks for a two-factor code, and "${item.name}" has none saved. Nothing was filled.`,
      );
    }
    const action = results.find((result) => !result.ok && result.code === 'confirm-action');
    if (action && !action.ok && action.code === 'confirm-action') {
      throw new Refusal(
        'confirm-action',
        `This form would send your login to ${action.origin}, a different site. Fill it anyway?`,
        undefined,
        action.origin,
      );
    }
    if (results.some((result) => !result.ok && result.code === 'sandboxed')) {
      throw new Refusal(
        'sandboxed',
        'The login form on this page is in a sandboxed frame, which does not belong to the site. Nothing was filled.',
      );
    }
    if (plan.sameOrigin.length > 0 && plan.crossOrigin.size > 0 && !request.confirmFrameOrigin) {
      const [first] = plan.crossOrigin.keys();
      if (first !== undefined) {
        throw new Refusal(
          'confirm-frame',
          `The login form on this page comes from ${first}, a different site from the page. Fill it anyway?`,
          undefined,
          first,
        );
      }
    }
    throw new Refusal('no-form', 'No visible login form was found on this page.');
  }

  /** What happened to the code of a fill that filled something: filled, copied, or nothing. */
  async function codeOutcome(
    item: Item,
    hasCode: boolean,
    codeFields: number,
  ): Promise<Pick<FillOutcome, 'code'>> {
    if (codeFields > 0) return { code: 'filled' };
    const code = hasCode ? deps.oneTimeCode?.(item) : null;
    if (!code || !deps.copyCode) return {};
    return (await deps.copyCode(code).catch(() => false)) ? { code: 'copied' } : {};
  }

  return {
    fill,

    /** The logins for the tab's top page, best first. Overviews only: no secret. */
    async matchesForTab(tabId: number): Promise<{ url: string; matches: TabMatch[] }> {
      const { url } = await topUrl(tabId);
      const ranked = rankForTab(tabId, (await deps.vault()).list(), url);
      return {
        url,
        matches: ranked.map(({ item, reason }) => ({
          id: item.id,
          name: item.name,
          username: item.username,
          reason,
        })),
      };
    },

    /**
     * The logins for one frame's URL (the inline menu's frame), best first, with the account the
     * tab just used on this site first (a code page after its login page). Overviews only.
     */
    async matchesForUrl(url: string, tabId?: number): Promise<TabMatch[]> {
      const items = (await deps.vault()).list();
      const ranked = tabId === undefined ? rankMatches(items, url) : rankForTab(tabId, items, url);
      return ranked.map(({ item, reason }) => ({
        id: item.id,
        name: item.name,
        username: item.username,
        reason,
      }));
    },

    /** How many logins match a content script's own page (for an inline hint; no names). */
    async countFor(url: string): Promise<number> {
      return rankMatches((await deps.vault()).list(), url).length;
    },

    /**
     * The keyboard shortcut: fills the best match, and the next one on each repeat within
     * CYCLE_WINDOW_MS on the same page. Never confirms anything on the user's behalf.
     */
    async fillNext(tabId: number): Promise<FillOutcome & { itemId: string; name: string }> {
      const { url } = await topUrl(tabId);
      const origin = webOrigin(url);
      const ranked = rankForTab(tabId, (await deps.vault()).list(), url);
      if (!origin || ranked.length === 0) throw new Refusal('no-match', 'No saved login for this site.');
      const last = cycles.get(tabId);
      const now = deps.now();
      // A repeat on the same page moves on; a new page (the password step of a two-step sign-in)
      // starts again from the best match.
      const repeat = last && last.url === url && now - last.at < CYCLE_WINDOW_MS;
      const index = repeat ? (last.index + 1) % ranked.length : 0;
      cycles.set(tabId, { url, index, at: now });
      const item = ranked[index]?.item;
      if (!item) throw new Refusal('no-match', 'No saved login for this site.');
      const outcome = await fill({ tabId, itemId: item.id, pageUrl: url });
      return { ...outcome, itemId: item.id, name: item.name };
    },

    forgetTab(tabId: number) {
      cycles.delete(tabId);
    },
  };
}

export type FillService = ReturnType<typeof createFillService>;
