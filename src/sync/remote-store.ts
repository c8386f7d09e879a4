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

/**
 * What is known of a failure without an HTTP answer, when the client could tell (Node names it; a
 * browser only through webRequest: src/sync/net-diagnosis.ts). 'tls': the certificate is not trusted,
 * has expired (or is not valid yet), or names another host. 'unreachable': the connection was
 * refused, the name did not resolve, or nothing answered in time.
 */
export type RemoteErrorReason = 'untrusted' | 'expired' | 'wrong-host' | 'refused' | 'dns' | 'timeout';

export class RemoteError extends Error {
  constructor(
    readonly kind: RemoteErrorKind,
    message: string,
    readonly status?: number,
    readonly reason?: RemoteErrorReason,
  ) {
    super(message);
    this.name = 'RemoteError';
  }

  /** The code pages get: the kind, and the reason when known ('tls-expired', 'unreachable-dns'). */
  get code(): string {
    return this.reason ? `${this.kind}-${this.reason}` : this.kind;
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
