/**
 * The one message protocol between extension contexts. Every request the background accepts is
 * listed here with a valibot schema (checked at run time) and the audience allowed to send it.
 *
 * Why valibot rather than zod: the same run-time checks in a fraction of the bundle size (its
 * functions tree-shake one by one), which matters because this module also ships inside the
 * content script that runs on every page.
 *
 * Audiences (who each is, and how the sender decides it: audience.ts): 'page' (popup, options; they
 * may do anything), 'options' (the options page only), 'menu' (the framed inline menu), 'prompt' (the framed save prompt), 'content'
 * (a content script, which may only ask about its own frame's origin, taken from the sender).
 */

import * as v from 'valibot';
import type { HealthReport } from '../health/report';
import { DialogAnswerSchema, dialogToken, FrameFactsSchema, requestId } from '../passkeys/flow/schemas';
import type { CeremonyReply } from '../passkeys/flow/wire';
import { CreationOptionsSchema, RequestOptionsSchema } from '../passkeys/webauthn-json';
import type { FolderPlan, SyncStatus } from '../sync/status';
import { ItemInputSchema, LIMITS, PageItemInputSchema } from '../vault/item-schema';
import type { Item, PageItem } from '../vault/types';
import type { KeyRotation, OpenProblem } from '../vault/vault';
import type { Audience } from './audience';
import type { EncodedFirstScreen } from './list-snapshot';

const id = v.pipe(v.string(), v.minLength(1), v.maxLength(64));
const password = v.pipe(v.string(), v.minLength(1), v.maxLength(4096));
/** A key record id ('password', 'recovery', 'prf:<credential id hex>'), as biometric.enrol's replaceIds. */
const keyRecordId = v.pipe(v.string(), v.minLength(1), v.maxLength(3000));
/** Binary values travel as base64url text (runtime messages are JSON). */
const bytes = (max: number) =>
  v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]*$/), v.minLength(1), v.maxLength(max));
const kdfCost = v.strictObject({
  memoryKiB: v.pipe(v.number(), v.integer()),
  iterations: v.pipe(v.number(), v.integer()),
  parallelism: v.pipe(v.number(), v.integer()),
});
/** Backup files: 10,000 items are ~5 MB of base64; 64 MB is Chrome's message ceiling. */
const backupText = v.pipe(v.string(), v.minLength(1), v.maxLength(60_000_000));
const tabId = v.pipe(v.number(), v.integer(), v.minValue(0));
const url = v.pipe(v.string(), v.minLength(1), v.maxLength(8192));
/** A serialised origin ("https://host:port") or 'null' (a form posting to javascript: or data:). */
const origin = v.pipe(v.string(), v.minLength(1), v.maxLength(300));
/** The one-time token the background gave the content script for the prompt frame's URL fragment. */
const promptToken = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_-]{16,64}$/));
const prfProof = { credentialId: bytes(1400), prfOutput: bytes(100) };
/**
 * A sync server: the folder's URL as typed (checked and normalised in the background by
 * src/sync/folder-url.ts, which names what is wrong), the account and its app password.
 */
const syncServer = {
  url: v.pipe(v.string(), v.minLength(1), v.maxLength(2048)),
  username: v.pipe(v.string(), v.minLength(1), v.maxLength(256)),
  password: v.pipe(v.string(), v.minLength(1), v.maxLength(1024)),
};

export const AUTO_LOCK_CHOICES = [1, 5, 15, 30, 60, 240, 0] as const; // 0 = never
/** What the save prompt can answer: store it, not now, or never offer on this site again. */
export const OFFER_ACTIONS = ['save', 'dismiss', 'never'] as const;
export type OfferAction = (typeof OFFER_ACTIONS)[number];
export const CLIPBOARD_CHOICES = [10, 20, 30, 60, 120, 0] as const; // seconds, 0 = never
/** How long unchanged before the health report lists a password as old, in days. */
export const PASSWORD_AGE_CHOICES = [90, 180, 365, 730] as const;

export const SettingsSchema = v.strictObject({
  autoLockMinutes: v.picklist(AUTO_LOCK_CHOICES),
  lockOnSystemLock: v.boolean(),
  clipboardClearSeconds: v.picklist(CLIPBOARD_CHOICES),
  passwordAgeDays: v.picklist(PASSWORD_AGE_CHOICES),
  /** After a fill of a login with a one-time code that the page had no field for: copy the code. */
  copyCodeAfterFill: v.boolean(),
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
    schema: v.strictObject({ type: v.literal('vault.put'), item: PageItemInputSchema }),
  },
  'vault.delete': { audience: 'page', schema: v.strictObject({ type: v.literal('vault.delete'), id }) },
  'vault.putMany': {
    audience: 'page',
    schema: v.strictObject({
      type: v.literal('vault.putMany'),
      items: v.pipe(v.array(ItemInputSchema), v.maxLength(100_000)),
      replace: v.boolean(),
    }),
  },
  'vault.changePassword': {
    audience: 'page',
    schema: v.strictObject({
      type: v.literal('vault.changePassword'),
      current: password,
      next: password,
      cost: v.optional(kdfCost),
    }),
  },
  'vault.kdfCost': { audience: 'page', schema: v.strictObject({ type: v.literal('vault.kdfCost') }) },
  'vault.reset': {
    audience: 'page',
    // The options page asks the person to type a phrase; this literal makes an accidental call impossible.
    schema: v.strictObject({ type: v.literal('vault.reset'), confirm: v.literal('RESET LOCAL DATA') }),
  },
  'keys.list': { audience: 'page', schema: v.strictObject({ type: v.literal('keys.list') }) },
  // A key record id, not an item id: 'prf:' + the credential id in hex can be ~2,000 characters.
  'keys.remove': {
    audience: 'page',
    schema: v.strictObject({ type: v.literal('keys.remove'), id: keyRecordId }),
  },
  'biometric.enrol': {
    audience: 'page',
    schema: v.strictObject({
      type: v.literal('biometric.enrol'),
      ...prfProof,
      prfSalt: bytes(100),
      label: v.pipe(v.string(), v.maxLength(100)),
      replaceIds: v.pipe(v.array(v.pipe(v.string(), v.maxLength(3000))), v.maxLength(50)),
      /** The master password again: being unlocked is not enough to add a lasting way in. */
      current: password,
    }),
  },
  'biometric.unlock': {
    audience: 'page',
    schema: v.strictObject({ type: v.literal('biometric.unlock'), ...prfProof }),
  },
  'biometric.setPassword': {
    audience: 'page',
    schema: v.strictObject({ type: v.literal('biometric.setPassword'), ...prfProof, next: password }),
  },
  'recovery.create': {
    audience: 'page',
    schema: v.strictObject({ type: v.literal('recovery.create'), current: password }),
  },
  'recovery.recover': {
    audience: 'page',
    schema: v.strictObject({
      type: v.literal('recovery.recover'),
      recoveryKey: v.pipe(v.string(), v.maxLength(200)),
      next: password,
    }),
  },
  'backup.export': {
    audience: 'page',
    schema: v.strictObject({ type: v.literal('backup.export'), password, current: password }),
  },
  /** Unencrypted export (CSV, Bitwarden JSON): only after the master password is entered again. */
  'vault.exportItems': {
    audience: 'page',
    schema: v.strictObject({ type: v.literal('vault.exportItems'), password }),
  },
  'backup.import': {
    audience: 'page',
    schema: v.strictObject({
      type: v.literal('backup.import'),
      text: backupText,
      password,
      mode: v.picklist(['preview', 'merge', 'replace']),
    }),
  },
  'backup.restore': {
    audience: 'page',
    schema: v.strictObject({
      type: v.literal('backup.restore'),
      text: backupText,
      password,
      masterPassword: password,
    }),
  },
  /** After a copy: empty the clipboard in afterMs, even if the page that copied has closed. */
  'clipboard.clearLater': {
    audience: 'page',
    schema: v.strictObject({
      type: v.literal('clipboard.clearLater'),
      afterMs: v.pipe(v.number(), v.integer(), v.minValue(1_000), v.maxValue(600_000)),
    }),
  },
  'session.activity': { audience: 'page', schema: v.strictObject({ type: v.literal('session.activity') }) },
  'settings.get': { audience: 'page', schema: v.strictObject({ type: v.literal('settings.get') }) },
  'settings.set': {
    audience: 'page',
    schema: v.strictObject({ type: v.literal('settings.set'), settings: v.partial(SettingsSchema) }),
  },
  /**
   * The sites answered "Never for this site" in the save prompt (src/autofill/never-save.ts), and
   * taking one off that list. Origins only, no secret: both work while the vault is locked. Pages
   * only: the list tells which sites the person signs in to, and a content script must not be able
   * to turn offers back on (or off) for any site.
   */
  'neverSave.list': { audience: 'page', schema: v.strictObject({ type: v.literal('neverSave.list') }) },
  'neverSave.remove': {
    audience: 'page',
    schema: v.strictObject({ type: v.literal('neverSave.remove'), origin }),
  },
  /**
   * Vault health (src/health): weak, reused, old, http-only and URL-less logins, computed in the
   * background. The options page only: the popup has no use for it, and the report, though it holds
   * no password, lists which sites share one.
   */
  'health.report': { audience: 'options', schema: v.strictObject({ type: v.literal('health.report') }) },
  /**
   * Sync through the person's WebDAV folder (src/sync/service.ts, docs/sync.md). Status and "Sync
   * now" for the popup and the options page; everything that names a server or its password only
   * for the options page in a tab. Before inspect, connect or joinNew the options page asks for the
   * host permission of the folder's origin (src/sync/host-permission.ts); without it the background
   * refuses with 'no-permission' before any fetch.
   */
  'sync.status': { audience: 'page', schema: v.strictObject({ type: v.literal('sync.status') }) },
  'sync.now': { audience: 'page', schema: v.strictObject({ type: v.literal('sync.now') }) },
  /** What connecting would do (FolderPlan), without changing anything. Needs the vault unlocked. */
  'sync.inspect': {
    audience: 'options',
    schema: v.strictObject({ type: v.literal('sync.inspect'), ...syncServer }),
  },
  /** Unlocked vault: upload it to an empty folder, or join the same vault's folder. */
  'sync.connect': {
    audience: 'options',
    schema: v.strictObject({ type: v.literal('sync.connect'), ...syncServer }),
  },
  /** No local vault: build it from the folder, unlocked with the master password. */
  'sync.joinNew': {
    audience: 'options',
    schema: v.strictObject({ type: v.literal('sync.joinNew'), ...syncServer, masterPassword: password }),
  },
  /**
   * "Change password after a leak": a new master password and a new vault key, every record
   * re-encrypted (with sync on, everything uploaded again; other devices must enter the new
   * password: sync.rejoin). Proven by the current password. Works with sync off too.
   */
  'vault.rotateKey': {
    audience: 'options',
    schema: v.strictObject({
      type: v.literal('vault.rotateKey'),
      current: password,
      next: password,
      cost: v.optional(kdfCost),
    }),
  },
  /** After lastError 'key-rotated': the new master password opens the folder's new key. */
  'sync.rejoin': {
    audience: 'page',
    schema: v.strictObject({ type: v.literal('sync.rejoin'), masterPassword: password }),
  },
  /** Forget the server and its credential; the local vault stays. */
  'sync.disconnect': { audience: 'options', schema: v.strictObject({ type: v.literal('sync.disconnect') }) },
  /** Ids of the items that have a two-factor secret (src/totp/marks.ts), for the list's mark. */
  'otp.marked': { audience: 'page', schema: v.strictObject({ type: v.literal('otp.marked') }) },
  /**
   * Capture the visible tab `tabId` and read the two-factor QR code on it (entrypoints/background/
   * otp-scan.ts). The picture stays in the background; only the code's otpauth:// text comes back.
   */
  'otp.scanTab': { audience: 'page', schema: v.strictObject({ type: v.literal('otp.scanTab'), tabId }) },
  /** The active tab's matching logins (overviews only), for the popup. */
  'autofill.matchesForTab': {
    audience: 'page',
    schema: v.strictObject({ type: v.literal('autofill.matchesForTab'), tabId }),
  },
  /** Fill one login into a tab, after the person clicked Fill (see src/autofill/fill-service.ts). */
  'autofill.fill': {
    audience: 'page',
    schema: v.strictObject({
      type: v.literal('autofill.fill'),
      tabId,
      itemId: id,
      pageUrl: url,
      confirmFrameOrigin: v.optional(origin),
      confirmActionOrigin: v.optional(origin),
    }),
  },
  /** What the keyboard shortcut does: the best match, the next one on repeat. */
  'autofill.fillNext': {
    audience: 'page',
    schema: v.strictObject({ type: v.literal('autofill.fillNext'), tabId }),
  },
  /**
   * A login, sign-up or change-password form of the sender's frame was submitted with these
   * values (src/autofill/content/submit.ts). The page it was on is the sender's, never the message's.
   */
  'autofill.submitted': {
    audience: 'content',
    schema: v.strictObject({
      type: v.literal('autofill.submitted'),
      username: v.pipe(v.string(), v.maxLength(LIMITS.username)),
      password: v.pipe(v.string(), v.maxLength(LIMITS.password)),
      newPassword: v.optional(v.pipe(v.string(), v.maxLength(LIMITS.password))),
    }),
  },
  /** The save prompt (save-prompt.html, framed by the content script) asks what it offers. */
  'autofill.offer.get': {
    audience: 'prompt',
    schema: v.strictObject({ type: v.literal('autofill.offer.get'), token: promptToken }),
  },
  /** The person's answer in the save prompt. */
  'autofill.offer.resolve': {
    audience: 'prompt',
    schema: v.strictObject({
      type: v.literal('autofill.offer.resolve'),
      token: promptToken,
      action: v.picklist(OFFER_ACTIONS),
    }),
  },
  /**
   * Inline menu (src/autofill/menu-arms.ts). A content script, after a click in a login field,
   * arms its own frame (frame and origin from the sender); the menu page it opens presents the
   * arm's token to list, fill and close. Only the menu page sends the other three.
   */
  'autofill.menu.open': {
    audience: 'content',
    schema: v.strictObject({ type: v.literal('autofill.menu.open') }),
  },
  'autofill.menu.items': {
    audience: 'menu',
    schema: v.strictObject({ type: v.literal('autofill.menu.items'), token: bytes(64) }),
  },
  'autofill.menu.fill': {
    audience: 'menu',
    schema: v.strictObject({
      type: v.literal('autofill.menu.fill'),
      token: bytes(64),
      itemId: id,
      confirmFrameOrigin: v.optional(origin),
      confirmActionOrigin: v.optional(origin),
    }),
  },
  'autofill.menu.close': {
    audience: 'menu',
    schema: v.strictObject({ type: v.literal('autofill.menu.close'), token: bytes(64) }),
  },
  /**
   * Passkeys (src/passkeys/flow/). A page's navigator.credentials.create/get, carried by the
   * relay content script: the origin is the sender's, the frame facts the relay's own view, and
   * the answer waits for the person in Tessera's dialog (or is 'native' at once). The page may
   * abort its own call.
   */
  'passkey.create': {
    audience: 'content',
    schema: v.strictObject({
      type: v.literal('passkey.create'),
      requestId,
      options: CreationOptionsSchema,
      frame: FrameFactsSchema,
    }),
  },
  'passkey.get': {
    audience: 'content',
    schema: v.strictObject({
      type: v.literal('passkey.get'),
      requestId,
      options: RequestOptionsSchema,
      frame: FrameFactsSchema,
    }),
  },
  'passkey.abort': {
    audience: 'content',
    schema: v.strictObject({ type: v.literal('passkey.abort'), requestId }),
  },
  /** Tessera's passkey dialog (passkey-dialog.html, its own window): what to show, and the person's answer. */
  'passkey.dialog.view': {
    audience: 'page',
    schema: v.strictObject({ type: v.literal('passkey.dialog.view'), token: dialogToken }),
  },
  'passkey.dialog.answer': {
    audience: 'page',
    schema: v.strictObject({
      type: v.literal('passkey.dialog.answer'),
      token: dialogToken,
      answer: DialogAnswerSchema,
    }),
  },
} as const satisfies Record<string, { audience: Audience; schema: unknown }>;

export type RequestType = keyof typeof REQUESTS;
export type Request<T extends RequestType = RequestType> = v.InferOutput<(typeof REQUESTS)[T]['schema']>;

export type ErrorCode =
  | 'unknown-type'
  | 'malformed'
  | 'forbidden-sender'
  | 'locked'
  | 'throttled'
  | 'internal'
  // Autofill refusals (src/autofill/fill-service.ts): the tab moved to another site, the item is not
  // for it, no visible login form, or a confirmation naming `origin` is needed first.
  | 'navigated'
  | 'no-tab'
  | 'no-match'
  | 'no-form'
  | 'confirm-frame'
  | 'confirm-action'
  // The page asks only for a one-time code, and the chosen login has none.
  | 'no-code'
  // Inline menu refusals: the menu is not armed for this frame (or no longer), or the page covers,
  // fades or moved the menu or its field.
  | 'menu-refused'
  | 'menu-covered'
  // QR scan refusals: the tab cannot be captured, shows no QR code, or one that is not a 2FA code.
  | 'scan-refused'
  | 'no-qr'
  | 'not-otp'
  // Sync (src/sync/status.ts's SyncErrorCodeView): the server's answer ('unreachable', 'tls',
  // 'unauthorized', 'forbidden', 'not-found', 'not-webdav', 'full', ...), 'no-permission' (host
  // permission not granted), 'bad-url', 'other-vault', 'no-vault', 'not-connected', 'key-rotated'.
  | 'no-permission'
  // The page and the background are from different builds (src/messages/build.ts).
  | 'stale-build'
  // Vault errors pass through with their own codes (see src/vault/errors.ts).
  | (string & {});

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  /** For 'throttled': how long to wait before the next attempt. */
  retryAfterMs?: number;
  recordId?: string;
  /** For 'confirm-frame' and 'confirm-action': the origin the person is asked to confirm. */
  origin?: string;
  /** For 'stale-build': the background's build. */
  build?: string;
}

export type Response<T = unknown> = { ok: true; value: T } | { ok: false; error: ErrorBody };

/** Sent by the background to every extension page when the vault locks (locked-event.ts). */
export { LOCKED_EVENT, PROBLEMS_EVENT } from './locked-event';

// ---- replies ----------------------------------------------------------------------------------

export type VaultState = 'empty' | 'locked' | 'unlocked';

export interface VaultStatus {
  state: VaultState;
  /** Milliseconds until another unlock attempt is accepted (0: now). */
  retryAfterMs: number;
  /** Damage found at the last unlock; the rest of the vault opened. */
  problems: OpenProblem[];
  /**
   * Set after an unlock with a master password changed on another device (found in the synced key
   * records): when it was changed. Pages say "The master password was changed on another device
   * on <date>" (src/sync/unlock.ts's keysChangedMessage).
   */
  keysChangedAt?: number;
  /**
   * With keysChangedAt: the vault key was replaced there too (change password after a leak), and
   * this device's vault was re-encrypted under it at the unlock (src/sync/handover.ts).
   */
  keyReplaced?: boolean;
}

/**
 * The unlock reply: the status and, from a background of issue 18 on, the list's first screen as
 * #hold wrote it, so the page that unlocked shows the list without another read (state.ts).
 */
export interface UnlockReply extends VaultStatus {
  firstScreen?: EncodedFirstScreen;
}

/** A key record as pages see it: binary fields as base64url. */
export interface KeyRecordView {
  id: string;
  kind: 'password' | 'prf' | 'recovery';
  createdAt: number;
  label?: string;
  credentialId?: string;
  prfSalt?: string;
}

/** Counts for a backup import: what a merge or replace would do (preview) or did. */
export interface BackupImportReport {
  mode: 'preview' | 'merge' | 'replace';
  createdAt: string;
  inBackup: number;
  /** Items whose id is not in the vault (merge adds them). */
  added: number;
  /** Items whose id is already in the vault (merge overwrites them with the backup's copy). */
  updated: number;
  /** Vault items not in the backup (replace removes them, merge keeps them). */
  onlyInVault: number;
}

/** A login that matches the active tab, as the popup lists it (no secret). */
export interface TabMatch {
  id: string;
  name: string;
  username: string;
  reason: 'exact-host' | 'same-site';
}

export interface FillOutcome {
  /** How many fields were filled. */
  filled: number;
  /** The origin of the frames that were filled. */
  origin: string;
  /**
   * The login's one-time code: filled into the page's code field, or copied (the "copy the code
   * after a fill" setting). Absent when the login has none or neither happened.
   */
  code?: 'filled' | 'copied';
}

/**
 * What the save prompt shows (src/autofill/save-offer.ts): never a password. 'locked': the vault
 * must be unlocked before Tessera can tell a new login from a changed one.
 */
export interface OfferView {
  /** saved: the password is already stored; unsure: a change form naming no single login. Both write nothing. */
  kind: 'save' | 'update' | 'locked' | 'saved' | 'unsure';
  /** The host the login was submitted on. */
  host: string;
  username: string;
  /** For 'update': the name of the item whose password changes; for 'saved', the item that has it. */
  itemName?: string;
}

/** What each request answers with. */
export interface Replies {
  'vault.status': VaultStatus;
  'vault.create': VaultStatus;
  'vault.unlock': UnlockReply;
  'vault.lock': VaultStatus;
  /** The list as JSON columns: decode with decodeList (src/messages/list-codec.ts). */
  'vault.list': { encoded: string };
  // Passkeys without their private keys (src/passkeys/item-passkeys.ts).
  'vault.get': PageItem;
  'vault.put': PageItem;
  'vault.delete': null;
  'vault.putMany': { count: number };
  'vault.changePassword': null;
  'vault.kdfCost': { memoryKiB: number; iterations: number; parallelism: number };
  'vault.reset': VaultStatus;
  'keys.list': { records: KeyRecordView[] };
  'keys.remove': null;
  'biometric.enrol': KeyRecordView;
  'biometric.unlock': VaultStatus;
  'biometric.setPassword': null;
  'recovery.create': { recoveryKey: string };
  'recovery.recover': VaultStatus;
  'backup.export': { fileName: string; text: string; itemCount: number; damaged: number };
  'vault.exportItems': { items: Item[]; damaged: number };
  'backup.import': BackupImportReport;
  'backup.restore': VaultStatus;
  'session.activity': null;
  'clipboard.clearLater': null;
  'settings.get': Settings;
  'settings.set': Settings;
  /** In the order the answers were given; the options page sorts them for display. */
  'neverSave.list': { origins: string[] };
  'neverSave.remove': null;
  'health.report': HealthReport;
  'sync.status': SyncStatus;
  'sync.now': SyncStatus;
  'sync.inspect': FolderPlan;
  'sync.connect': SyncStatus;
  'sync.joinNew': SyncStatus;
  'sync.disconnect': SyncStatus;
  'vault.rotateKey': KeyRotation;
  'sync.rejoin': SyncStatus;
  'otp.marked': { ids: string[] };
  'otp.scanTab': { text: string };
  'autofill.matchesForTab': { url: string; matches: TabMatch[] };
  'autofill.fill': FillOutcome;
  'autofill.fillNext': FillOutcome & { itemId: string; name: string };
  'autofill.submitted': null;
  'autofill.offer.get': OfferView;
  'autofill.offer.resolve': { done: boolean; view?: OfferView };
  /** token only when count > 0 (no logins: no menu, no arm). */
  'autofill.menu.open': { count: number; token?: string };
  'autofill.menu.items': MenuItems;
  'autofill.menu.fill': FillOutcome;
  'autofill.menu.close': null;
  'passkey.create': CeremonyReply;
  'passkey.get': CeremonyReply;
  'passkey.abort': null;
  'passkey.dialog.view': PasskeyDialogView;
  'passkey.dialog.answer': null;
}

/**
 * What Tessera's passkey dialog shows (no secret): who asks, and what the person can choose.
 * 'locked': the vault must be unlocked first (the dialog offers it; "another device" still works).
 */
export interface PasskeyDialogView {
  kind: 'create' | 'get';
  state: 'locked' | 'unlocked';
  rpId: string;
  /** The calling frame's origin, and the top page's when it is another. */
  origin: string;
  topOrigin?: string;
  /** create: the account the site names. */
  user?: { name: string; displayName: string };
  /** create: the logins for this site the passkey can be added to. */
  logins?: { id: string; name: string; username: string }[];
  /** create: Tessera already holds one of the credentials the site excludes. */
  excluded?: boolean;
  /** get: the passkeys Tessera holds for this RP that the site accepts. */
  passkeys?: {
    itemId: string;
    credentialId: string;
    itemName: string;
    userName: string;
    createdAt: number;
  }[];
}

/** What the inline menu shows: the frame's logins (no secret) and whose frame it is. */
export interface MenuItems {
  matches: TabMatch[];
  /** The frame's origin, as the browser reports it. */
  origin: string;
  /** True when the frame is not the top page's origin (a fill then needs a confirmation). */
  crossOrigin: boolean;
}
