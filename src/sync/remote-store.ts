// The one thing sync needs from a server: a flat folder of named, immutable-by-convention objects.
// The merge engine (src/sync/) is written against this interface only; the WebDAV transport implements
// it for real servers and tests implement it in memory. Names are plain file names (no slashes) chosen by
// the engine; bodies are opaque sealed bytes. Every method rejects with a RemoteError whose `kind` says
// what went wrong, so the engine and the UI can tell "try again later" from "fix your settings".

/** One object in the remote folder, as a listing reports it. */
export interface RemoteEntry {
  readonly name: string;
  readonly size: number;
}

export type RemoteErrorKind =
  | 'unreachable' // DNS, refused, reset, timeout, dropped mid-body
  | 'tls' // certificate or TLS handshake
  | 'unauthorized' // 401: wrong user name or app password
  | 'forbidden' // 403
  | 'not-found' // 404 on the folder itself
  | 'not-webdav' // the URL answers but does not speak WebDAV (PROPFIND refused or not a multistatus)
  | 'full' // 507 Insufficient Storage
  | 'conflict' // 409/412: the server refused the write as it stands
  | 'server' // 5xx other than 507
  | 'corrupt'; // a body that is not what was written (short, truncated, wrong length)

export class RemoteError extends Error {
  constructor(
    readonly kind: RemoteErrorKind,
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = 'RemoteError';
  }
}

export interface RemoteStore {
  /** Every object in the folder (not recursive). */
  list(): Promise<RemoteEntry[]>;
  /** The object's bytes, or null when it does not exist (404). Never a cached copy. */
  get(name: string): Promise<Uint8Array | null>;
  /** Creates or replaces the object. Resolves only when the server confirmed the whole body. */
  put(name: string, body: Uint8Array): Promise<void>;
  /** Deletes the object; deleting one that does not exist is not an error. */
  delete(name: string): Promise<void>;
}
