/**
 * Whether a submitted login deserves a "save" or "update" offer, and what a saved login looks
 * like. Pure: the vault's candidates, the last fill and the never-save list come in as values.
 *
 * Rules (issue 5, part 5):
 * - Nothing for an empty password, or on a site the person said "never" for.
 * - Nothing when the values are exactly what Tessera filled into that frame (the person changed
 *   nothing, so there is nothing new to store).
 * - On an http page, nothing at all when an https item for the same host and username exists:
 *   an update would overwrite the https login from a page anyone on the network can rewrite, and a
 *   save would add an http twin that fills where the https one deliberately does not. This is the
 *   conservative choice (a person who really changed that password still updates the item by
 *   hand); http pages without such an item get an ordinary http-only save.
 * - An item for this page with this username: another password, "update"; the same password,
 *   "saved" (a prompt that only says so). A change-password form without a username, on a page
 *   with items: "update" the one item whose password is the current password typed, else
 *   "unsure" (a prompt that says Tessera cannot tell which login changed).
 * - Otherwise "save" a new login for the page's origin.
 *
 * Why "saved" and "unsure" are shown rather than nothing (issue 13, item 9): the page sees whether
 * a prompt appears (its host element in the DOM). If a right password brought no prompt and a
 * wrong one an "update" prompt, a page that types its guesses into the field before the person
 * signs in would learn whether a guess is the stored password. So whether a prompt appears, and
 * when, depends only on what the page knows (its origin, the username typed, whether an item for
 * it exists, what Tessera filled), never on a stored password; only the prompt's own text, which
 * the page cannot read, differs. Every candidate's password is read, so the work done does not
 * depend on which one matched either.
 *
 * Safety fact: the page URL here is always the submitting frame's URL as the browser reported it
 * (message sender), never a value from the page.
 */

import type { ItemInput, ItemOverview } from '../vault/types';
import { rankMatches } from './match';
import { type Endpoint, parseEndpoint } from './site';

export interface Submission {
  /** The submitting frame's URL (from the sender). */
  url: string;
  username: string;
  /** The current password field (sign-in, change-password) or '' when there was none. */
  password: string;
  /** The new password of a sign-up or change-password form. */
  newPassword?: string;
}

/** An item that matches the page, with its password (read by the caller from the vault). */
export interface Candidate {
  overview: ItemOverview;
  password: string;
}

/** The values Tessera last filled into the submitting frame. */
export interface FilledValues {
  username: string;
  password: string;
}

export type Decision =
  | { kind: 'save'; password: string }
  | { kind: 'update'; itemId: string; itemName: string; password: string }
  /** The submitted password is already the item's: the prompt says so and writes nothing. */
  | { kind: 'saved'; itemName: string }
  /** A change-password form without a username that matches no single item: nothing to write. */
  | { kind: 'unsure' }
  | {
      kind: 'none';
      reason: 'empty' | 'never' | 'unchanged-fill' | 'https-item' | 'same-password' | 'ambiguous' | 'not-web';
    };

export interface DecideInput {
  submission: Submission;
  /** Every item overview of the vault (matching is done here). */
  items: readonly ItemOverview[];
  /** The password of an item, for the few that match; async because the vault reads it on demand. */
  passwordOf(id: string): Promise<string>;
  /** Whether these values are exactly what Tessera last filled into the submitting frame. */
  isLastFill(values: FilledValues): boolean;
  neverSave: readonly string[];
}

/** The password a submission would store: the new one when the form had one. */
export function submittedPassword(submission: Submission): string {
  return submission.newPassword || submission.password;
}

/** The origin a "never" answer is recorded for, and that a submission is checked against. */
export function offerOrigin(url: string): string | null {
  const endpoint = parseEndpoint(url);
  return endpoint ? new URL(url).origin : null;
}

export async function decideOffer(input: DecideInput): Promise<Decision> {
  const { submission } = input;
  const password = submittedPassword(submission);
  const username = submission.username.trim();
  const origin = offerOrigin(submission.url);
  if (!origin) return { kind: 'none', reason: 'not-web' };
  if (password === '') return { kind: 'none', reason: 'empty' };
  if (input.neverSave.includes(origin)) return { kind: 'none', reason: 'never' };
  if (input.isLastFill({ username, password })) {
    return { kind: 'none', reason: 'unchanged-fill' };
  }

  const page = parseEndpoint(submission.url);
  if (username !== '' && page?.scheme === 'http:') {
    const shadowed = input.items.some(
      (item) => item.username.trim() === username && hasHttpsUrlFor(item, page),
    );
    if (shadowed) return { kind: 'none', reason: 'https-item' };
  }

  const matches = rankMatches(input.items, submission.url).map((match) => match.item);
  if (username === '') {
    // A change-password form without a username: the item whose password was typed as current.
    // Decided from what the page knows (a change form, items here) before any password is read.
    if (!submission.newPassword || submission.password === '' || matches.length === 0) {
      return { kind: 'none', reason: 'ambiguous' };
    }
    if (submission.newPassword === submission.password) return { kind: 'none', reason: 'same-password' };
    const owners = await holding(input, matches, submission.password);
    const [owner] = owners;
    if (owners.length !== 1 || !owner) return { kind: 'unsure' };
    return { kind: 'update', itemId: owner.id, itemName: owner.name, password };
  }

  const same = matches.filter((item) => item.username.trim() === username);
  const [target] = same;
  if (!target) return { kind: 'save', password };
  const [holder] = await holding(input, same, password);
  if (holder) return { kind: 'saved', itemName: holder.name };
  return { kind: 'update', itemId: target.id, itemName: target.name, password };
}

/** The items whose stored password is `password`; every item's password is read (no early exit). */
async function holding(
  input: DecideInput,
  items: readonly ItemOverview[],
  password: string,
): Promise<ItemOverview[]> {
  const stored = await Promise.all(items.map((item) => input.passwordOf(item.id)));
  return items.filter((_item, index) => stored[index] === password);
}

/**
 * Whether the item has an https URL for the page's host (or its site, under the default 'domain'
 * rule), whatever the port: the https login that an http page must not touch.
 */
function hasHttpsUrlFor(item: ItemOverview, page: Endpoint): boolean {
  if (item.match === 'never') return false;
  return item.urls.some((url) => {
    const endpoint = parseEndpoint(url, true);
    if (endpoint?.scheme !== 'https:') return false;
    return (
      endpoint.host === page.host ||
      (item.match === 'domain' && endpoint.site !== null && endpoint.site === page.site)
    );
  });
}

/** A new login for the submitting page's origin. */
export function newLogin(submission: Submission, password: string): ItemInput {
  const origin = offerOrigin(submission.url) ?? '';
  return {
    name: new URL(submission.url).hostname,
    username: submission.username.trim(),
    password,
    notes: '',
    totp: '',
    urls: [`${origin}/`],
    match: 'domain',
    favorite: false,
    fields: [],
  };
}
