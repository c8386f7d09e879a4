// RemoteStore over WebDAV (RFC 4918) with plain fetch, so the same code runs in Chrome's MV3 service
// worker, in Firefox's background page and in Node: PROPFIND lists, GET / PUT / DELETE move objects.
//
// What the servers do that this guards against (measured: shared/notes/webdav-servers.md):
// - Stale cached GETs: every request is `cache: 'no-store'` with `Cache-Control: no-cache`.
// - Conditional writes ignored (rclone) or not atomic (Apache), ETags weak for a second after a write:
//   no request here is conditional. Correctness comes from the engine's layout (each device writes only
//   its own, immutable names), so every PUT and DELETE is idempotent and safe to send again.
// - PUTs resent by the browser after a dropped connection, or applied and then reported as failed: a
//   PUT that failed without an answer is sent again (same name, same bytes), and a PUT refused with 412
//   (only a server or proxy that invents conditions would) counts as done only if a read-back of the
//   object equals what was written.
// - Truncated bodies: a GET resolves only with exactly Content-Length bytes; a broken-off body throws.
// Every request has a time limit (AbortSignal.timeout) and follows no redirect: credentials are sent to
// the folder's own URLs and nowhere else. Transient failures (no answer, 5xx but 507, 423, 429, a
// short body) are retried a few times with backoff before the RemoteError reaches the engine.

import { toBase64, toHex, utf8Encode } from '../crypto/encoding';
import { randomBytes } from '../crypto/random';
import { normalizeFolderUrl } from './folder-url';
import { type DavResource, MultistatusError, parseMultistatus } from './multistatus';
import { type RemoteEntry, RemoteError, type RemoteStore } from './remote-store';
import { isTransient, networkFailure, type Operation, statusFailure } from './webdav-errors';

export interface WebDavCredentials {
  /** The folder, e.g. https://cloud.example.com/remote.php/dav/files/USER/Tessera/ (see folder-url.ts). */
  readonly folderUrl: string;
  readonly username: string;
  /** An app password: every server listed in the README can issue one per device. */
  readonly password: string;
}

export interface WebDavOptions {
  /** Time limit of one attempt of one request, body included. */
  readonly timeoutMs?: number;
  /** Attempts per request when the failure is transient (isTransient). */
  readonly attempts?: number;
  /** First pause between attempts; doubles each time. */
  readonly retryDelayMs?: number;
  /** Stops everything in flight (lock, worker stop): methods then reject with the signal's reason. */
  readonly signal?: AbortSignal;
  /** The fetch to use; tests pass one that trusts their self-signed certificate. */
  readonly fetch?: typeof fetch;
}

/** What checkServer found: the folder's objects and, when the server says, its free space. */
export interface ServerCheck {
  readonly entries: RemoteEntry[];
  readonly quotaAvailableBytes?: number;
}

const DEFAULTS = { timeoutMs: 30_000, attempts: 3, retryDelayMs: 250 } as const;

/** Below this much free space a first upload cannot succeed; checkServer reports the folder as full. */
export const MIN_FREE_BYTES = 1024 * 1024;

/** The name of checkServer's short-lived write probe; the engine ignores names it did not write. */
export const WRITE_PROBE_PREFIX = 'tessera-write-check-';

const PROPFIND_LIST = propfindBody(['resourcetype', 'getcontentlength']);
const PROPFIND_CHECK = propfindBody(['resourcetype', 'getcontentlength', 'quota-available-bytes']);

function propfindBody(props: readonly string[]): string {
  const wanted = props.map((p) => `<d:${p}/>`).join('');
  return `<?xml version="1.0" encoding="utf-8"?>\n<d:propfind xmlns:d="DAV:"><d:prop>${wanted}</d:prop></d:propfind>`;
}

/** A name the engine chose: one path segment, never '.' or '..'. */
function assertObjectName(name: string): void {
  if (name === '' || name === '.' || name === '..' || name.includes('/')) {
    throw new TypeError(`not an object name: ${JSON.stringify(name)}`);
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** One request as the retry loop sees it: how to send it and what to make of a complete answer. */
interface RequestSpec<T> {
  readonly operation: Operation;
  readonly method: string;
  readonly url: URL;
  readonly headers?: Record<string, string>;
  readonly body?: BodyInit;
  readonly accept: (response: Response) => Promise<T>;
}

export class WebDavStore implements RemoteStore {
  readonly folder: URL;
  private readonly authorization: string;
  private readonly options: Required<Omit<WebDavOptions, 'signal'>> & Pick<WebDavOptions, 'signal'>;

  constructor(credentials: WebDavCredentials, options: WebDavOptions = {}) {
    this.folder = normalizeFolderUrl(credentials.folderUrl);
    if (credentials.username === '' || credentials.username.includes(':')) {
      // RFC 7617 §2: the user-id cannot contain a colon; an empty one is a form left blank.
      throw new TypeError('The user name must not be empty or contain ":"');
    }
    // RFC 7617 §2.1: UTF-8 before base64; btoa() of non-ASCII text throws or sends the wrong bytes.
    this.authorization = `Basic ${toBase64(utf8Encode(`${credentials.username}:${credentials.password}`))}`;
    this.options = {
      ...DEFAULTS,
      fetch: (...args) => globalThis.fetch(...args),
      ...options,
    };
  }

  /**
   * Checks that the folder exists, speaks WebDAV, accepts these credentials, has room and can be
   * written to (a small probe object is written and deleted), and lists it. Every failure is a
   * RemoteError with the kind a person needs: unreachable, tls, unauthorized, forbidden, not-found,
   * not-webdav, full.
   */
  async checkServer(): Promise<ServerCheck> {
    const resources = await this.propfind('check', PROPFIND_CHECK);
    const self = resources.find((r) => this.childName(r) === '');
    if (!self) {
      throw new RemoteError(
        'not-webdav',
        `The WebDAV answer for ${this.folder.href} does not describe that folder.`,
      );
    }
    if (!self.collection) {
      throw new RemoteError('not-found', `${this.folder.href} is a file on the server, not a folder.`);
    }
    const quota = self.quotaAvailableBytes;
    if (quota !== undefined && quota < MIN_FREE_BYTES) {
      throw new RemoteError(
        'full',
        `The server reports ${quota} bytes free in ${this.folder.href}: not enough to sync.`,
      );
    }
    const probe = `${WRITE_PROBE_PREFIX}${toHex(randomBytes(8))}`;
    await this.put(
      probe,
      utf8Encode('Tessera checks that it can write here; this file is deleted at once.\n'),
    );
    await this.delete(probe);
    return {
      entries: this.entries(resources),
      ...(quota === undefined ? {} : { quotaAvailableBytes: quota }),
    };
  }

  async list(): Promise<RemoteEntry[]> {
    return this.entries(await this.propfind('list', PROPFIND_LIST));
  }

  async get(name: string): Promise<Uint8Array | null> {
    assertObjectName(name);
    return this.send({
      operation: 'get',
      method: 'GET',
      url: this.objectUrl(name),
      accept: async (response) => {
        if (response.status === 404) return null;
        if (response.status !== 200) throw statusFailure(response.status, 'get', this.folder.href);
        return this.readBody(response, 'get');
      },
    });
  }

  async put(name: string, body: Uint8Array): Promise<void> {
    assertObjectName(name);
    const landed = await this.send({
      operation: 'put',
      method: 'PUT',
      url: this.objectUrl(name),
      headers: { 'Content-Type': 'application/octet-stream' },
      // A copy: what is sent again on a retry is what the caller passed, even if they reuse the buffer.
      body: body.slice(),
      accept: async (response) => {
        if (response.ok) return true;
        // RFC 4918 §9.7.1: a PUT whose parent collection is missing fails with 409.
        if (response.status === 409) {
          throw new RemoteError(
            'not-found',
            `The folder ${this.folder.href} no longer exists on the server (409).`,
            409,
          );
        }
        if (response.status === 412) return false;
        throw statusFailure(response.status, 'put', this.folder.href);
      },
    });
    if (landed) return;
    // 412 to an unconditional PUT: a resent copy of this very write may have landed first. Done if the
    // server now holds exactly these bytes; otherwise the refusal stands.
    const stored = await this.get(name);
    if (stored && sameBytes(stored, body)) return;
    throw statusFailure(412, 'put', this.folder.href);
  }

  async delete(name: string): Promise<void> {
    assertObjectName(name);
    await this.send({
      operation: 'delete',
      method: 'DELETE',
      url: this.objectUrl(name),
      accept: async (response) => {
        // 404: already gone (perhaps by a resent DELETE of our own), which is what was asked.
        if (response.ok || response.status === 404) return;
        throw statusFailure(response.status, 'delete', this.folder.href);
      },
    });
  }

  private objectUrl(name: string): URL {
    return new URL(encodeURIComponent(name), this.folder);
  }

  private propfind(operation: 'check' | 'list', body: string): Promise<DavResource[]> {
    return this.send({
      operation,
      method: 'PROPFIND',
      url: this.folder,
      headers: { Depth: '1', 'Content-Type': 'application/xml; charset=utf-8' },
      body,
      accept: async (response) => {
        if (response.status !== 207) {
          // A 2xx other than 207 is a server (or a login page) that ignored PROPFIND: not WebDAV.
          if (response.ok) {
            throw new RemoteError(
              'not-webdav',
              `${this.folder.href} answered a WebDAV listing with ${response.status} instead of 207: it does not speak WebDAV.`,
              response.status,
            );
          }
          if (response.status === 400) {
            // Apache's answer when the "folder" is a file (the address ends in a slash after a file name).
            throw new RemoteError(
              'not-found',
              `The server refused ${this.folder.href} as a folder address (400): check that it names a folder.`,
              400,
            );
          }
          throw statusFailure(response.status, operation, this.folder.href);
        }
        const xml = new TextDecoder().decode(await this.readBody(response, operation));
        try {
          return parseMultistatus(xml);
        } catch (error) {
          if (!(error instanceof MultistatusError)) throw error;
          throw new RemoteError(
            'not-webdav',
            `${this.folder.href} did not answer like a WebDAV server: ${error.message}.`,
          );
        }
      },
    });
  }

  /**
   * The resource's name inside the folder: '' for the folder itself, the file name for a direct child,
   * undefined for anything else (a deeper path, another folder, an href that does not decode).
   */
  private childName(resource: DavResource): string | undefined {
    let path: string;
    let folderPath: string;
    try {
      path = decodeURIComponent(new URL(resource.href, this.folder).pathname);
      folderPath = decodeURIComponent(this.folder.pathname);
    } catch {
      return undefined;
    }
    if (!path.startsWith(folderPath)) {
      return path === folderPath.slice(0, -1) ? '' : undefined;
    }
    const rest = path.slice(folderPath.length).replace(/\/$/, '');
    return rest.includes('/') ? undefined : rest;
  }

  /** The folder's objects: direct children that are not collections. */
  private entries(resources: readonly DavResource[]): RemoteEntry[] {
    const entries: RemoteEntry[] = [];
    for (const resource of resources) {
      const name = this.childName(resource);
      if (!name || resource.collection) continue;
      if (resource.contentLength === undefined) {
        throw new RemoteError(
          'not-webdav',
          `The server listed ${name} without its length (DAV:getcontentlength).`,
        );
      }
      entries.push({ name, size: resource.contentLength });
    }
    return entries;
  }

  /** The whole body; a body that broke off or is shorter than its Content-Length is an error. */
  private async readBody(response: Response, operation: Operation): Promise<Uint8Array> {
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(await response.arrayBuffer());
    } catch (error) {
      this.throwIfStopped();
      throw networkFailure(error, operation, this.folder.host);
    }
    const declared = response.headers.get('Content-Length');
    // With Content-Encoding, Content-Length counts the compressed bytes, which fetch never shows.
    if (declared !== null && !response.headers.has('Content-Encoding') && Number(declared) !== bytes.length) {
      throw new RemoteError(
        'corrupt',
        `The server sent ${bytes.length} of ${declared} bytes while ${operation === 'get' ? 'downloading' : 'listing'}.`,
      );
    }
    return bytes;
  }

  private throwIfStopped(): void {
    if (this.options.signal?.aborted) throw this.options.signal.reason;
  }

  /** Sends `spec`, again after a transient failure, up to `attempts` times. */
  private async send<T>(spec: RequestSpec<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.sendOnce(spec);
      } catch (error) {
        this.throwIfStopped();
        if (!(error instanceof RemoteError) || !isTransient(error) || attempt >= this.options.attempts)
          throw error;
        // Exponential backoff with jitter, so clients that collided (rclone's 423) do not collide again.
        const delay = this.options.retryDelayMs * 2 ** (attempt - 1) * (0.5 + Math.random());
        await sleep(delay, this.options.signal);
      }
    }
  }

  private async sendOnce<T>(spec: RequestSpec<T>): Promise<T> {
    const timeout = AbortSignal.timeout(this.options.timeoutMs);
    const signal = this.options.signal ? AbortSignal.any([this.options.signal, timeout]) : timeout;
    let response: Response;
    try {
      response = await this.options.fetch(spec.url, {
        method: spec.method,
        headers: { Authorization: this.authorization, 'Cache-Control': 'no-cache', ...spec.headers },
        body: spec.body,
        cache: 'no-store',
        credentials: 'omit',
        redirect: 'manual',
        signal,
      });
    } catch (error) {
      this.throwIfStopped();
      throw networkFailure(error, spec.operation, this.folder.host);
    }
    if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400)) {
      await response.body?.cancel();
      const location = response.headers.get('Location');
      throw new RemoteError(
        'not-found',
        `The server redirects ${this.folder.href} elsewhere${location ? ` (to ${location})` : ''}: enter the folder's final address.`,
        response.status || undefined,
      );
    }
    try {
      return await spec.accept(response);
    } finally {
      // Frees the connection when accept() did not read the body (an error status).
      if (!response.bodyUsed) await response.body?.cancel().catch(() => undefined);
    }
  }
}
