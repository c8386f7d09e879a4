// WebDavStore clients for tests: Node's own fetch, trusting exactly the test server's self-signed
// certificate (through an undici Agent, the dispatcher Node's fetch is built on), with short retry
// pauses so fault tests stay quick.

import { Agent } from 'undici';
import { type WebDavCredentials, type WebDavOptions, WebDavStore } from '../../src/sync/webdav';
import type { DavServer } from './dav-server';

/** Node's fetch with `certPem` as its only trusted certificate, or plain fetch without one. */
export function fetchTrusting(certPem: string | undefined): typeof fetch {
  if (!certPem) return (input, init) => fetch(input, init);
  const dispatcher = new Agent({ connect: { ca: certPem } });
  // `dispatcher` is Node's extension to RequestInit (undici), absent from the DOM types.
  return (input, init) => fetch(input, { ...init, dispatcher } as RequestInit);
}

/** The server's folder and user as a person would enter them. */
export function credentialsFor(
  server: DavServer,
  changes: Partial<WebDavCredentials> = {},
): WebDavCredentials {
  return { folderUrl: server.folderUrl, username: server.username, password: server.password, ...changes };
}

/** A store on `server` (or at another URL / with other credentials), quick to retry. */
export function storeFor(
  server: DavServer,
  changes: Partial<WebDavCredentials> = {},
  options: WebDavOptions = {},
): WebDavStore {
  return new WebDavStore(credentialsFor(server, changes), {
    fetch: fetchTrusting(server.certPem),
    retryDelayMs: 10,
    timeoutMs: 10_000,
    ...options,
  });
}
