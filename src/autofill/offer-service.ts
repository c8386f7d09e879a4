/**
 * The background's side of save and update offers (issue 5, part 5): a content script reports a
 * submitted form, this decides (save-offer.ts), keeps the offer in memory (tab-memory.ts), asks
 * the tab's top frame to show the prompt once the page has settled, answers the prompt page and
 * writes the person's choice into the vault with one put.
 *
 * Two-step sign-ins (part 6): a username-only page reports its username with no password; it is
 * remembered for the tab and site (tab-memory.ts), its item ranks first for the password page,
 * and a password page without a username field is offered for that username.
 *
 * When the prompt appears: after the tab's next top-level page load completes (a form post), or,
 * when no navigation starts within SPA_DELAY_MS, on the page itself (a single-page app that
 * submitted with fetch).
 *
 * Safety facts: the page an offer is for is the submitting frame's URL from the message sender.
 * The prompt page learns site and username only, never the password. An offer is handed only to
 * a prompt frame in the offer's own tab that presents the one-time token the background gave the
 * content script with the show command (the frame's URL fragment, which the page cannot read
 * through the closed shadow root), and only to the first such frame; a copy of the prompt page
 * framed by a web page, or asking before the background armed the offer, gets a refusal.
 * (webNavigation does not report extension frames, so the frame's parent cannot be checked.)
 */

import type { OfferAction, OfferView } from '../messages/protocol';
import { Refusal } from '../messages/router';
import type { Item, ItemInput, ItemOverview } from '../vault/types';
import { rankMatches } from './match';
import { decideOffer, newLogin, offerOrigin, type Submission } from './save-offer';
import type { PendingOffer, TabMemory } from './tab-memory';

/** How long to wait for a navigation after a submit before showing the prompt on the same page. */
export const SPA_DELAY_MS = 1_000;
/** A page load taking longer than this no longer holds back a prompt (it may have failed). */
export const NAVIGATION_MS = 30_000;
/**
 * A prompt that the page replaces within this time (a sign-in that redirects again from script)
 * follows to the next page; after it, leaving the page means the person moved on.
 */
export const FOLLOW_MS = 5_000;
/** The prompt page's path (entrypoints/save-prompt/index.html). */
export const PROMPT_PATH = '/save-prompt.html';

export interface OfferVault {
  list(): readonly ItemOverview[];
  get(id: string): Promise<Item>;
  put(input: ItemInput): Promise<Item>;
}

export interface OfferServiceDeps {
  memory: TabMemory;
  /** The open vault; rejects with a VaultError coded 'locked' while locked. */
  vault(): Promise<OfferVault>;
  neverSave(): Promise<string[]>;
  addNeverSave(origin: string): Promise<void>;
  /**
   * Asks the tab's top frame to open the prompt with this token in its URL fragment, or to close
   * it (token null); false if it could not.
   */
  prompt(tabId: number, token: string | null): Promise<boolean>;
  /** A fresh unguessable token (base64url, 16-64 characters). */
  token(): string;
  setTimeout(run: () => void, ms: number): void;
  now(): number;
}

export interface ContentSender {
  tabId: number;
  frameId: number;
  url: string;
  /** The frame's real origin as the browser reports it: 'null' for a sandboxed document. */
  origin: string;
}

export interface PromptSender {
  url: string;
  tabId?: number;
  frameId?: number;
}

export function createOfferService(deps: OfferServiceDeps) {
  const { memory } = deps;
  /** Tabs whose top frame started loading a document, and when (a failed load never completes). */
  const started = new Map<number, number>();
  const navigating = (tabId: number) => deps.now() - (started.get(tabId) ?? -Infinity) < NAVIGATION_MS;

  async function openVault(): Promise<OfferVault | null> {
    try {
      return await deps.vault();
    } catch (err) {
      if ((err as { code?: unknown }).code === 'locked') return null;
      throw err;
    }
  }

  async function decide(vault: OfferVault, tabId: number, frameId: number, submission: Submission) {
    return decideOffer({
      submission,
      items: vault.list(),
      passwordOf: async (id) => (await vault.get(id)).password,
      isLastFill: (values) => memory.isLastFill(tabId, frameId, values),
      neverSave: await deps.neverSave(),
    });
  }

  async function show(tabId: number, offer: PendingOffer): Promise<void> {
    if (memory.offer(tabId) !== offer || offer.shown) return;
    // Armed before the message goes out: the prompt page asks as soon as it loads.
    offer.shown = true;
    offer.shownAt = deps.now();
    offer.token = deps.token();
    if (!(await deps.prompt(tabId, offer.token))) offer.shown = false;
  }

  /** The offer for a prompt page that may have it, or a refusal. */
  function offerFor(sender: PromptSender, token: string): PendingOffer {
    const { tabId, frameId } = sender;
    if (new URL(sender.url).pathname !== PROMPT_PATH || tabId === undefined || frameId === undefined) {
      throw new Refusal('forbidden-sender', 'Only the save prompt in a tab may ask for its offer.');
    }
    const offer = memory.claimOffer(tabId, frameId, token);
    if (!offer) throw new Refusal('no-offer', 'There is nothing to save on this page.');
    return offer;
  }

  /** Decides an offer made while the vault was locked, now that it may be open. */
  async function settle(offer: PendingOffer): Promise<{ vault: OfferVault; offer: PendingOffer } | null> {
    const vault = await openVault();
    if (!vault) return null;
    offer.decision ??= await decide(vault, offer.tabId, offer.frameId, offer.submission);
    return { vault, offer };
  }

  function view(offer: PendingOffer): OfferView {
    const host = new URL(offer.submission.url).host;
    const username = offer.submission.username.trim();
    const decision = offer.decision;
    if (!decision) return { kind: 'locked', host, username };
    if (decision.kind === 'update') return { kind: 'update', host, username, itemName: decision.itemName };
    // Shown like an offer, though nothing is written: see save-offer.ts on why (issue 13, item 9).
    if (decision.kind === 'saved') return { kind: 'saved', host, username, itemName: decision.itemName };
    if (decision.kind === 'unsure') return { kind: 'unsure', host, username };
    return { kind: 'save', host, username };
  }

  /** The first step of a two-step sign-in named `username`: remembered, with its item if there is one. */
  async function identified(sender: ContentSender, username: string): Promise<void> {
    memory.rememberUsername(sender.tabId, sender.url, username);
    const vault = await openVault();
    const match = vault
      ? rankMatches(vault.list(), sender.url).find((ranked) => ranked.item.username.trim() === username)
      : undefined;
    if (match) memory.rememberAccount(sender.tabId, sender.url, match.item.id);
  }

  async function finish(tabId: number): Promise<void> {
    memory.dropOffer(tabId);
    await deps.prompt(tabId, null);
  }

  return {
    /** A content script reported a submitted form (values from the page, page URL from the sender). */
    async submitted(sender: ContentSender, values: Omit<Submission, 'url'>): Promise<void> {
      const origin = offerOrigin(sender.url);
      // A sandboxed document's URL names the site, but it runs as no site (opaque origin).
      if (!origin || sender.origin !== origin) return;
      const typed = values.username.trim();
      if ((values.newPassword || values.password) === '') {
        // A username-only page: remember the account for the password page that follows.
        if (typed) await identified(sender, typed);
        return;
      }
      // A password page without a username field: the one given on the step before, if any.
      const username = typed || memory.username(sender.tabId, sender.url) || '';
      const submission: Submission = { ...values, username, url: sender.url };
      if ((await deps.neverSave()).includes(origin)) return;
      const vault = await openVault();
      const decision = vault ? await decide(vault, sender.tabId, sender.frameId, submission) : null;
      if (decision?.kind === 'none') return;
      // The same submission reported twice (at once, then by detection): one offer, one prompt.
      // Checked after the awaits above, with no await before setOffer, so two reports racing
      // through them still make one offer.
      if (memory.repeatedSubmission(sender.tabId, sender.frameId, submission)) return;
      const offer = memory.setOffer({ tabId: sender.tabId, frameId: sender.frameId, submission, decision });
      if (navigating(sender.tabId)) return;
      deps.setTimeout(() => {
        if (!navigating(sender.tabId)) void show(sender.tabId, offer);
      }, SPA_DELAY_MS);
    },

    /** The tab's top frame started loading another document. */
    navigationStarted(tabId: number): void {
      started.set(tabId, deps.now());
      const offer = memory.offer(tabId);
      if (!offer?.shown) return;
      if (deps.now() - (offer.shownAt ?? 0) < FOLLOW_MS) {
        // Shown on a page that is already being replaced: show it again, with a new token, there.
        offer.shown = false;
        delete offer.token;
        delete offer.promptFrameId;
      } else {
        // The prompt goes away with its page; the person moved on.
        memory.dropOffer(tabId);
      }
    },

    /** The tab's top frame finished loading `url`: show a waiting offer there. */
    async navigationCompleted(tabId: number, url: string): Promise<void> {
      started.delete(tabId);
      memory.navigated(tabId, url);
      const offer = memory.offer(tabId);
      if (offer && !offer.shown) await show(tabId, offer);
    },

    async get(sender: PromptSender, token: string): Promise<OfferView> {
      const offer = offerFor(sender, token);
      await settle(offer);
      if (offer.decision?.kind === 'none') {
        // Unlocking showed there is nothing to do (say, the password was already saved).
        await finish(offer.tabId);
        throw new Refusal('no-offer', 'There is nothing to save on this page.');
      }
      return view(offer);
    },

    async resolve(
      sender: PromptSender,
      token: string,
      action: OfferAction,
    ): Promise<{ done: boolean; view?: OfferView }> {
      const offer = offerFor(sender, token);
      if (action === 'dismiss') {
        await finish(offer.tabId);
        return { done: true };
      }
      if (action === 'never') {
        const origin = offerOrigin(offer.submission.url);
        if (origin) await deps.addNeverSave(origin);
        await finish(offer.tabId);
        return { done: true };
      }
      const wasLocked = offer.decision === null;
      const open = await settle(offer);
      // Still locked, or just unlocked: show what saving would now do before doing it.
      if (!open || wasLocked) {
        if (offer.decision?.kind === 'none') {
          await finish(offer.tabId);
          return { done: true };
        }
        return { done: false, view: view(offer) };
      }
      const decision = offer.decision;
      if (decision?.kind === 'save') {
        await open.vault.put(newLogin(offer.submission, decision.password));
      } else if (decision?.kind === 'update') {
        const { createdAt: _created, updatedAt: _updated, ...item } = await open.vault.get(decision.itemId);
        await open.vault.put({ ...item, password: decision.password });
      }
      await finish(offer.tabId);
      return { done: true };
    },

    forgetTab(tabId: number): void {
      started.delete(tabId);
      memory.forgetTab(tabId);
    },
  };
}

export type OfferService = ReturnType<typeof createOfferService>;
