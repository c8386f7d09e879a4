/**
 * What the background remembers about tabs between one step of a sign-in and the next: the save
 * offer waiting for the person's answer, what Tessera last filled into each frame, and the account
 * chosen on a username-only page (issue 5, parts 5 and 6).
 *
 * Safety fact: this lives in the worker's memory only, never in storage.local or IndexedDB (an
 * offer holds a plaintext password). Everything expires, a tab's entries go when the tab closes,
 * and a worker restart simply forgets them (the person then gets no offer: the safe failure).
 * What was filled is kept only as a keyed hash (HMAC-SHA-256 under a random key of this worker's
 * life), enough to recognise the same values again and useless for recovering them.
 */

import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { equalSecretText } from '../crypto/compare';
import type { Decision, FilledValues, Submission } from './save-offer';
import { parseEndpoint } from './site';

/** How long an unanswered offer waits (a slow sign-in redirect chain fits well inside). */
export const OFFER_TTL_MS = 5 * 60_000;
/** How long a fill counts as "what Tessera filled" for the unchanged-fill rule. */
export const FILL_TTL_MS = 30 * 60_000;
/** How long the account chosen on a username-only page is preferred on the same site. */
export const ACCOUNT_TTL_MS = 5 * 60_000;
/**
 * How long the same submission from the same frame counts as one: the content script's
 * always-loaded part reports a submission at once when detection is not in yet, and detection
 * may report it again when it comes in (src/autofill/content/submit-early.ts).
 */
export const SUBMISSION_REPEAT_MS = 5_000;

export interface PendingOffer {
  tabId: number;
  /** The frame the form was submitted in. */
  frameId: number;
  submission: Submission;
  /** Null while the vault was locked at submit time: decided again once it is open. */
  decision: Decision | null;
  at: number;
  /** Set when the background asked the tab's top frame to show the prompt. */
  shown: boolean;
  shownAt?: number;
  /**
   * The random token handed to the content script with the show command, which it puts in the
   * prompt frame's URL fragment (unreadable to the page: the frame sits in a closed shadow root).
   */
  token?: string;
  /** The prompt frame that first asked for the offer; no other frame gets it afterwards. */
  promptFrameId?: number;
}

/** The site a remembered account is for: the registrable domain, or the host when it has none. */
export function siteKey(url: string): string | null {
  const endpoint = parseEndpoint(url);
  return endpoint ? (endpoint.site ?? endpoint.host) : null;
}

/**
 * `onWatch` is called whenever something is stored that a later top-frame navigation concerns
 * (an offer, a two-step account or username), so the caller can listen to navigations only then.
 */
export function createTabMemory(now: () => number, onWatch: () => void = () => undefined) {
  const offers = new Map<number, PendingOffer>();
  const fills = new Map<string, { digest: string; at: number }>();
  const fillKey = crypto.getRandomValues(new Uint8Array(32));
  const keyed = (text: string) =>
    Array.from(hmac(sha256, fillKey, new TextEncoder().encode(text)))
      .map((byte) => byte.toString(16).padStart(2, '0'))
      .join('');
  const digest = (values: FilledValues) => keyed(`${values.username.trim()}\u0000${values.password}`);
  const submissions = new Map<number, { digest: string; at: number }>();
  const accounts = new Map<number, { site: string; itemId: string; at: number }>();
  const usernames = new Map<number, { site: string; username: string; at: number }>();

  const fresh = (at: number, ttl: number) => now() - at < ttl;

  return {
    setOffer(offer: Omit<PendingOffer, 'at' | 'shown'>): PendingOffer {
      const entry: PendingOffer = { ...offer, at: now(), shown: false };
      offers.set(offer.tabId, entry);
      onWatch();
      return entry;
    },

    offer(tabId: number): PendingOffer | undefined {
      const entry = offers.get(tabId);
      if (entry && !fresh(entry.at, OFFER_TTL_MS)) {
        offers.delete(tabId);
        return undefined;
      }
      return entry;
    },

    /**
     * The offer for a prompt frame of the tab: only once the background armed it (shown), only
     * with the token it handed out, and only for the first prompt frame that asks, so a copy of
     * the prompt page that a web page frames itself gets nothing.
     */
    claimOffer(tabId: number, promptFrameId: number, token: string): PendingOffer | undefined {
      const entry = this.offer(tabId);
      // Constant time: the token is the prompt's only credential (src/crypto/compare.ts).
      if (!entry?.shown || entry.token === undefined || !equalSecretText(entry.token, token))
        return undefined;
      entry.promptFrameId ??= promptFrameId;
      return entry.promptFrameId === promptFrameId ? entry : undefined;
    },

    dropOffer(tabId: number): void {
      offers.delete(tabId);
    },

    rememberFill(tabId: number, frameId: number, values: FilledValues): void {
      fills.set(`${tabId}:${frameId}`, { digest: digest(values), at: now() });
    },

    /** Whether these are exactly the values Tessera last filled into that frame. */
    isLastFill(tabId: number, frameId: number, values: FilledValues): boolean {
      const entry = fills.get(`${tabId}:${frameId}`);
      return (
        entry !== undefined && fresh(entry.at, FILL_TTL_MS) && equalSecretText(entry.digest, digest(values))
      );
    },

    /**
     * Notes a submission of a tab's frame, kept as a keyed hash like fills, and says whether the
     * same frame reported the same one within SUBMISSION_REPEAT_MS.
     */
    repeatedSubmission(tabId: number, frameId: number, submission: Submission): boolean {
      const { url, username, password, newPassword = '' } = submission;
      const entry = submissions.get(tabId);
      const current = keyed([frameId, url, username.trim(), password, newPassword].join('\u0000'));
      submissions.set(tabId, { digest: current, at: now() });
      return (
        entry !== undefined && fresh(entry.at, SUBMISSION_REPEAT_MS) && equalSecretText(entry.digest, current)
      );
    },

    /** The account filled on a username-only page of `url`'s site. */
    rememberAccount(tabId: number, url: string, itemId: string): void {
      const site = siteKey(url);
      if (site) accounts.set(tabId, { site, itemId, at: now() });
      onWatch();
    },

    /** That account, while the tab stays on the same site and within ACCOUNT_TTL_MS. */
    account(tabId: number, url: string): string | undefined {
      const entry = accounts.get(tabId);
      if (!entry) return undefined;
      if (!fresh(entry.at, ACCOUNT_TTL_MS) || entry.site !== siteKey(url)) {
        accounts.delete(tabId);
        return undefined;
      }
      return entry.itemId;
    },

    /** The username submitted on a username-only page of `url`'s site (typed or filled). */
    rememberUsername(tabId: number, url: string, username: string): void {
      const site = siteKey(url);
      if (site) usernames.set(tabId, { site, username, at: now() });
      onWatch();
    },

    /** That username, under the same rules as account(). */
    username(tabId: number, url: string): string | undefined {
      const entry = usernames.get(tabId);
      if (!entry) return undefined;
      if (!fresh(entry.at, ACCOUNT_TTL_MS) || entry.site !== siteKey(url)) {
        usernames.delete(tabId);
        return undefined;
      }
      return entry.username;
    },

    /** The tab's top frame finished loading `url`: a different site forgets the two-step choice. */
    navigated(tabId: number, url: string): void {
      const site = siteKey(url);
      if (accounts.get(tabId)?.site !== site) accounts.delete(tabId);
      if (usernames.get(tabId)?.site !== site) usernames.delete(tabId);
    },

    /** Whether anything a navigation concerns is still remembered (expired entries are dropped). */
    watching(): boolean {
      for (const [tab, entry] of offers) if (!fresh(entry.at, OFFER_TTL_MS)) offers.delete(tab);
      for (const [tab, entry] of accounts) if (!fresh(entry.at, ACCOUNT_TTL_MS)) accounts.delete(tab);
      for (const [tab, entry] of usernames) if (!fresh(entry.at, ACCOUNT_TTL_MS)) usernames.delete(tab);
      return offers.size + accounts.size + usernames.size > 0;
    },

    forgetTab(tabId: number): void {
      offers.delete(tabId);
      accounts.delete(tabId);
      usernames.delete(tabId);
      submissions.delete(tabId);
      for (const key of fills.keys()) if (key.startsWith(`${tabId}:`)) fills.delete(key);
    },
  };
}

export type TabMemory = ReturnType<typeof createTabMemory>;
