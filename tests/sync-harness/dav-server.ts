// What a sync test needs to know about a running WebDAV server, whichever implementation it is.

export interface DavServer {
  readonly implementation: 'apache' | 'rclone';
  /** e.g. https://127.0.0.1:40123 */
  readonly origin: string;
  /** The sync folder, ending in '/': what a user would paste into Options > Sync. */
  readonly folderUrl: string;
  /** A folder URL on the same server that does not exist (404). */
  readonly missingFolderUrl: string;
  readonly username: string;
  readonly password: string;
  /** The self-signed certificate in PEM when the server speaks https, for the client's trust list. */
  readonly certPem?: string;
  /** The sync folder on disk, to look at (or damage) what the server holds. */
  readonly folderPath: string;
  stop(): Promise<void>;
}

/** A Basic-auth user with a non-ASCII password by default, because browsers get that wrong (notes). */
export const DEFAULT_USER = { username: 'tessera', password: 'Pässwörd-✓-app' } as const;
