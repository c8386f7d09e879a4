/**
 * What the options page says about sync: one sentence per failure code of the sync requests (each
 * says what to do), and what connecting to a folder will do, shown before it is done.
 *
 * The background's own message is kept for codes this page does not know (it is already a sentence).
 */

import { describeError, errorCode } from '../../src/ui/errors';
import { type MessageKey, t, tCount } from '../../src/ui/i18n';
import type { FolderPlan } from '../../src/ui/sync-client';
import type { ServerField } from './components/SyncServerFields';
import { formatDate } from './format';

/**
 * Failure codes of sync.inspect / connect / joinNew / now (src/sync/status.ts) that get a sentence of
 * this page; the others ('other-vault', 'key-rotated', 'bad-url', ...) carry the background's.
 */
const SYNC_ERRORS: Readonly<Record<string, MessageKey>> = {
  unreachable: 'sync_error_unreachable',
  'unreachable-refused': 'sync_error_unreachable_refused',
  'unreachable-dns': 'sync_error_unreachable_dns',
  'unreachable-timeout': 'sync_error_unreachable_timeout',
  tls: 'sync_error_tls',
  'tls-untrusted': 'sync_error_tls_untrusted',
  'tls-expired': 'sync_error_tls_expired',
  'tls-wrong-host': 'sync_error_tls_wrong_host',
  unauthorized: 'sync_error_unauthorized',
  forbidden: 'sync_error_forbidden',
  'not-found': 'sync_error_not_found',
  'not-webdav': 'sync_error_not_webdav',
  full: 'sync_error_full',
  'no-permission': 'sync_error_no_permission',
  locked: 'sync_error_locked',
  // Only joinNew meets a folder without a vault (connect uploads to it).
  'no-vault': 'sync_join_empty_folder',
};

/** The sentence for a sync failure given as its code (and the background's message as fallback). */
export function describeSyncCode(code: string, message: string): string {
  const key = Object.hasOwn(SYNC_ERRORS, code) ? SYNC_ERRORS[code] : undefined;
  return key ? t(key) : message || t('error_unexpected');
}

/** The sentence for a failed sync request. */
export function describeSyncError(err: unknown): string {
  const code = errorCode(err);
  if (code && code !== 'wrong-password' && code !== 'throttled' && Object.hasOwn(SYNC_ERRORS, code)) {
    return describeSyncCode(code, '');
  }
  return describeError(err);
}

export interface PlanView {
  /** What will happen, or why it will not. */
  readonly text: string;
  /** The connect button's label; null when the folder is refused. */
  readonly action: string | null;
  readonly warning: string | null;
}

export function describePlan(plan: FolderPlan): PlanView {
  if (plan.kind === 'empty') {
    const items = tCount(plan.localItems, 'sync_items_one', 'sync_items_other');
    return { text: t('sync_plan_empty', items), action: t('sync_connect_upload'), warning: null };
  }
  const created = formatDate(plan.createdAt);
  if (!plan.sameVault) return { text: t('sync_plan_other_vault', created), action: null, warning: null };
  return {
    text: t('sync_plan_join', created),
    action: t('sync_connect_join'),
    warning: plan.otherFiles > 0 ? t('sync_plan_other_files', plan.otherFiles) : null,
  };
}

/** The server field a refusal points at: the password for a 401, the address for a missing or odd folder. */
export function serverFieldFor(err: unknown): ServerField | null {
  const code = errorCode(err);
  if (code === 'unauthorized') return 'password';
  if (code === 'not-found' || code === 'not-webdav' || code === 'forbidden' || code === 'bad-url')
    return 'url';
  return null;
}
