/**
 * What the background tells pages about sync (the replies of the sync.* requests in
 * src/messages/protocol.ts). Types only: no secret ever appears here (no password, no key, no item).
 */

/** Why a sync or a server check failed, as a code a page can act on (and a sentence to show). */
export type SyncErrorCodeView =
  // The server (src/sync/remote-store.ts's RemoteErrorKind, with its reason when known: RemoteError.code)
  | 'unreachable'
  | 'unreachable-refused'
  | 'unreachable-dns'
  | 'unreachable-timeout'
  | 'tls'
  | 'tls-untrusted'
  | 'tls-expired'
  | 'tls-wrong-host'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'not-webdav'
  | 'full'
  | 'conflict'
  | 'server'
  | 'corrupt'
  // The browser: the host permission for the folder's origin is not granted.
  | 'no-permission'
  // The vault: locked (cannot merge), or the key was rotated elsewhere (the password is needed).
  | 'locked'
  | 'key-rotated'
  // The folder (src/sync/engine.ts's SyncErrorCode)
  | 'other-vault'
  | 'not-empty'
  | 'no-vault'
  | 'not-connected'
  | 'bad-url'
  | (string & {});

export interface SyncStatus {
  connected: boolean;
  server?: { url: string; username: string };
  /**
   * off: not connected. idle: connected, nothing running. syncing: a sync runs now. error: the
   * last sync failed (lastError says why). locked: connected, but a locked vault cannot merge.
   */
  state: 'off' | 'idle' | 'syncing' | 'error' | 'locked';
  /** When the last sync completed (ms since the epoch). */
  lastSyncedAt?: number;
  lastError?: { code: SyncErrorCodeView; message: string };
  /** Set after an unlock or sync adopted a master password changed on another device: when. */
  keysChangedAt?: number;
  /** Things to know that did not stop the sync (a rollback seen, a damaged object skipped). */
  warnings: string[];
}

/** What connecting to a folder would do (sync.inspect), shown before doing it. */
export type FolderPlan =
  /** Upload this vault (localItems items) to an empty folder. */
  | { kind: 'empty'; localItems: number }
  /**
   * The folder holds a Tessera vault created at createdAt. sameVault: it is this vault (connect
   * joins it); false: another vault, which connect refuses by name and never merges.
   */
  | { kind: 'vault'; createdAt: number; sameVault: boolean; otherFiles: number };
