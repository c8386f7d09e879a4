/**
 * Before the options page sends a folder to the background: the typed address checked and made
 * canonical (src/sync/folder-url.ts), and the browser's host permission for that server asked for.
 *
 * Tessera's manifest lists servers only as optional host permissions, so it can reach no server
 * until the person allows one; it asks for the folder's scheme and host alone, at the moment the
 * person connects. The background checks the grant again before every request ('no-permission').
 */

import { browser } from 'wxt/browser';
import { FolderUrlError, normalizeFolderUrl } from '../../src/sync/folder-url';
import { folderOriginPattern } from '../../src/sync/host-permission';
import type { FormError } from '../../src/ui/form-focus';
import { t } from '../../src/ui/i18n';
import type { SyncCredentials } from '../../src/ui/sync-client';
import { MISSING_TEXT, missingServerField, type ServerField } from './components/SyncServerFields';

/** The canonical folder URL, or the error for the field to fix. Synchronous: see askHostPermission. */
export function checkedServer(value: SyncCredentials): { folder: URL } | { error: FormError<ServerField> } {
  const missing = missingServerField(value);
  if (missing) return { error: { text: t(MISSING_TEXT[missing]), field: missing } };
  try {
    return { folder: normalizeFolderUrl(value.url) };
  } catch (err) {
    if (!(err instanceof FolderUrlError)) throw err;
    return { error: { text: err.message, field: 'url' } };
  }
}

/**
 * Asks the browser for access to the folder's server; true when granted (at once if it was before).
 * Must be called synchronously from a click or submit handler: both browsers refuse a permission
 * request that is not the direct result of a user action.
 */
export function askHostPermission(folder: URL): Promise<boolean> {
  return browser.permissions.request({ origins: [folderOriginPattern(folder)] }).catch(() => false);
}
