/**
 * Wiring of sync (src/sync/service.ts) to the browser: the WebDAV store with the extension's own
 * fetch, the host permission check, the periodic alarm, and the sync.* requests.
 */

import { browser } from 'wxt/browser';
import type { Handlers } from '../../src/messages/router';
import type { Session } from '../../src/session/session';
import { folderOriginPattern } from '../../src/sync/host-permission';
import { diagnosingFetch } from '../../src/sync/net-diagnosis';
import { SYNC_PERIOD_MINUTES, SyncService } from '../../src/sync/service';
import { WebDavStore } from '../../src/sync/webdav';

export type SyncRequest =
  | 'sync.status'
  | 'sync.now'
  | 'sync.inspect'
  | 'sync.connect'
  | 'sync.joinNew'
  | 'sync.disconnect'
  | 'vault.rotateKey'
  | 'sync.rejoin';

export const SYNC_ALARM = 'tessera-sync';

/** The service, created at the worker's start (its listeners are the Session's and the alarm's). */
export function createBrowserSyncService(session: () => Session): SyncService {
  return new SyncService({
    get session() {
      return session();
    },
    // webdav.ts sends with credentials: 'omit', cache: 'no-store', redirect: 'error' and the Basic
    // header built from the stored credential. The fetch names why a request got no answer
    // (certificate, refused, DNS: net-diagnosis.ts) from webRequest.onErrorOccurred.
    remote: ({ folder, username, password }, signal) =>
      new WebDavStore(
        { folderUrl: folder.href, username, password },
        { signal, fetch: diagnosingFetch(browser.webRequest.onErrorOccurred, (...args) => fetch(...args)) },
      ),
    hasPermission: (folder) =>
      browser.permissions.contains({ origins: [folderOriginPattern(folder)] }).catch(() => false),
    periodic(on) {
      if (on) void browser.alarms.create(SYNC_ALARM, { periodInMinutes: SYNC_PERIOD_MINUTES });
      else void browser.alarms.clear(SYNC_ALARM);
    },
  });
}

export function createSyncHandlers(sync: SyncService): Pick<Handlers, SyncRequest> {
  return {
    'sync.status': () => sync.status(),
    'sync.now': () => sync.now(),
    'sync.inspect': (r) => sync.inspect(r),
    'sync.connect': (r) => sync.connect(r),
    'sync.joinNew': (r) => sync.joinNew(r),
    'sync.disconnect': () => sync.disconnect(),
    // A vault request answered here: with sync on, the rotation also starts a new key epoch.
    'vault.rotateKey': (r) => sync.rotateKey(r.current, r.next, r.cost ?? {}),
    'sync.rejoin': (r) => sync.rejoin(r.masterPassword),
  };
}
