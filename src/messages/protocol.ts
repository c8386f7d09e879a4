/**
 * The one message protocol between extension contexts. Every request the background accepts is
 * listed here with a valibot schema (checked at run time) and the audience allowed to send it.
 *
 * Why valibot rather than zod: the same run-time checks in a fraction of the bundle size (its
 * functions tree-shake one by one), which matters because this module also ships inside the
 * content script that runs on every page.
 *
 * Audiences:
 *   'page'    this extension's own pages (popup, options, unlock window); they may do anything.
 *   'content' a content script; it may only ask about its own frame's origin, and the background
 *             derives that origin from the sender, never from the message.
 */

import * as v from 'valibot';
import { ItemInputSchema } from '../vault/item-schema';
import type { Item, ItemOverview } from '../vault/types';
import type { OpenProblem } from '../vault/vault';

const id = v.pipe(v.string(), v.minLength(1), v.maxLength(64));
const password = v.pipe(v.string(), v.minLength(1), v.maxLength(4096));

export const AUTO_LOCK_CHOICES = [1, 5, 15, 30, 60, 240, 0] as const; // 0 = never
export const CLIPBOARD_CHOICES = [10, 20, 30, 60, 120, 0] as const; // seconds, 0 = never

export const SettingsSchema = v.strictObject({
  autoLockMinutes: v.picklist(AUTO_LOCK_CHOICES),
  lockOnSystemLock: v.boolean(),
  clipboardClearSeconds: v.picklist(CLIPBOARD_CHOICES),
});
export type Settings = v.InferOutput<typeof SettingsSchema>;

/** Requests, keyed by type: the payload schema and who may send it. */
export const REQUESTS = {
  'vault.status': { audience: 'page', schema: v.strictObject({ type: v.literal('vault.status') }) },
  'vault.create': { audience: 'page', schema: v.strictObject({ type: v.literal('vault.create'), password }) },
  'vault.unlock': { audience: 'page', schema: v.strictObject({ type: v.literal('vault.unlock'), password }) },
  'vault.lock': { audience: 'page', schema: v.strictObject({ type: v.literal('vault.lock') }) },
  'vault.list': { audience: 'page', schema: v.strictObject({ type: v.literal('vault.list') }) },
  'vault.get': { audience: 'page', schema: v.strictObject({ type: v.literal('vault.get'), id }) },
  'vault.put': {
    audience: 'page',
    schema: v.strictObject({ type: v.literal('vault.put'), item: ItemInputSchema }),
  },
  'vault.delete': { audience: 'page', schema: v.strictObject({ type: v.literal('vault.delete'), id }) },
  'vault.changePassword': {
    audience: 'page',
    schema: v.strictObject({ type: v.literal('vault.changePassword'), current: password, next: password }),
  },
  'session.activity': { audience: 'page', schema: v.strictObject({ type: v.literal('session.activity') }) },
  'settings.get': { audience: 'page', schema: v.strictObject({ type: v.literal('settings.get') }) },
  'settings.set': {
    audience: 'page',
    schema: v.strictObject({ type: v.literal('settings.set'), settings: v.partial(SettingsSchema) }),
  },
  'content.status': { audience: 'content', schema: v.strictObject({ type: v.literal('content.status') }) },
} as const;

export type RequestType = keyof typeof REQUESTS;
export type Request<T extends RequestType = RequestType> = v.InferOutput<(typeof REQUESTS)[T]['schema']>;

export type ErrorCode =
  | 'unknown-type'
  | 'malformed'
  | 'forbidden-sender'
  | 'locked'
  | 'throttled'
  | 'internal'
  // Vault errors pass through with their own codes (see src/vault/errors.ts).
  | (string & {});

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  /** For 'throttled': how long to wait before the next attempt. */
  retryAfterMs?: number;
  recordId?: string;
}

export type Response<T = unknown> = { ok: true; value: T } | { ok: false; error: ErrorBody };

/** Sent by the background to every extension page when the vault locks. */
export const LOCKED_EVENT = 'tessera.locked';

// ---- replies ----------------------------------------------------------------------------------

export type VaultState = 'empty' | 'locked' | 'unlocked';

export interface VaultStatus {
  state: VaultState;
  /** Milliseconds until another unlock attempt is accepted (0: now). */
  retryAfterMs: number;
  /** Damage found at the last unlock; the rest of the vault opened. */
  problems: OpenProblem[];
}

/** What each request answers with. */
export interface Replies {
  'vault.status': VaultStatus;
  'vault.create': VaultStatus;
  'vault.unlock': VaultStatus;
  'vault.lock': VaultStatus;
  'vault.list': { items: readonly ItemOverview[] };
  'vault.get': Item;
  'vault.put': Item;
  'vault.delete': null;
  'vault.changePassword': null;
  'session.activity': null;
  'settings.get': Settings;
  'settings.set': Settings;
  'content.status': { unlocked: boolean };
}
