// Static HTTP server for test fixtures and the demo site, shared by the e2e fixtures and `npm start`.
// Safety fact: it binds to loopback only and serves nothing outside its root directory; request bodies
// (which carry demo passwords) are read and discarded, never logged or stored.
import { createReadStream } from 'node:fs';
import { realpath, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

export interface FixtureServerOptions {
  /** Directory to serve. Requests cannot escape it (`..`, encoded slashes and symlinks are refused). */
  readonly root: string;
  /** Loopback address to bind; defaults to 127.0.0.1. */
  readonly host?: string;
  /** 0 (the default) asks the OS for a free ephemeral port. */
  readonly port?: number;
}

export interface FixtureServer {
  /** e.g. http://127.0.0.1:43117 */
  readonly origin: string;
  readonly port: number;
  /**
   * Absolute URL for a path under the root. Pass `host` to address the same server by another name
   * (e.g. `bank.test`); that only resolves in a browser launched with `mapAllHostsToLoopback`.
   */
  url(pathname?: string, host?: string): string;
  close(): Promise<void>;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
};

/**
 * A request with `csp=sandbox` in its query is served with a CSP `sandbox` header: the document
 * gets an opaque origin ('null') while its URL still names this server, as a site's own untrusted
 * content would.
 */
const SANDBOX_POLICY = 'sandbox allow-scripts allow-forms';
/**
 * `csp=none` serves the page under a CSP that allows nothing at all (no script, no fetch, no
 * style): the content script must still work there, as on a bank's strictest page.
 */
const NOTHING_POLICY = "default-src 'none'";
const POLICIES: Readonly<Record<string, string>> = { sandbox: SANDBOX_POLICY, none: NOTHING_POLICY };

/** Form posts are small; anything bigger is a mistake in a test, not something to buffer. */
const MAX_BODY_BYTES = 64 * 1024;

const LOOPBACK_HOSTS = new Set(['127.0.0.1', '::1', 'localhost']);

function sendText(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(`${text}\n`);
}

/**
 * Maps a URL path onto a file under root, or null when it would leave root. Encoded separators
 * (%2F, %5C) are refused outright rather than decoded into path segments.
 */
async function resolveFile(root: string, urlPath: string): Promise<string | null> {
  if (/%2f|%5c/i.test(urlPath)) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  let candidate = path.resolve(root, `.${path.posix.normalize(`/${decoded}`)}`);
  try {
    if ((await stat(candidate)).isDirectory()) candidate = path.join(candidate, 'index.html');
    // realpath also resolves symlinks, so a link pointing outside root is refused too.
    const real = await realpath(candidate);
    if (real !== root && !real.startsWith(root + path.sep)) return null;
    return (await stat(real)).isFile() ? real : null;
  } catch {
    return null;
  }
}

async function serveFile(root: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const { pathname, searchParams } = new URL(req.url ?? '/', 'http://fixture.invalid');
  const file = await resolveFile(root, pathname);
  if (!file) {
    sendText(res, 404, 'Not found');
    return;
  }
  const info = await stat(file);
  res.writeHead(200, {
    'Content-Type': CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
    'Content-Length': info.size,
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
    ...(Object.hasOwn(POLICIES, searchParams.get('csp') ?? '')
      ? { 'Content-Security-Policy': POLICIES[searchParams.get('csp') as string] }
      : {}),
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(file).pipe(res);
}

/**
 * POST/Redirect/GET, as real login forms do: drain the body without looking at it, then 303 to the
 * same path. Password managers watch for exactly this submit-then-navigate sequence.
 */
function acceptPost(req: IncomingMessage, res: ServerResponse): void {
  let size = 0;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) {
      sendText(res, 413, 'Payload too large');
      req.destroy();
    }
  });
  req.on('end', () => {
    if (res.headersSent) return;
    const { pathname } = new URL(req.url ?? '/', 'http://fixture.invalid');
    res.writeHead(303, { Location: pathname, 'Cache-Control': 'no-store' });
    res.end();
  });
}

function handle(root: string, req: IncomingMessage, res: ServerResponse): void {
  if (req.method === 'GET' || req.method === 'HEAD') {
    serveFile(root, req, res).catch(() => {
      if (!res.headersSent) sendText(res, 500, 'Internal error');
      else res.destroy();
    });
    return;
  }
  if (req.method === 'POST') {
    acceptPost(req, res);
    return;
  }
  res.setHeader('Allow', 'GET, HEAD, POST');
  sendText(res, 405, 'Method not allowed');
}

function listen(server: Server, host: string, port: number): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once('error', onError);
    server.listen({ host, port, exclusive: true }, () => {
      server.off('error', onError);
      resolve(server.address() as AddressInfo);
    });
  });
}

/** Starts serving `root`. Rejects with EADDRINUSE when a fixed `port` is taken (callers may retry with 0). */
export async function startFixtureServer(options: FixtureServerOptions): Promise<FixtureServer> {
  const host = options.host ?? '127.0.0.1';
  if (!LOOPBACK_HOSTS.has(host)) throw new Error(`fixture server binds to loopback only, not ${host}`);
  const root = await realpath(options.root);
  const server = createServer((req, res) => handle(root, req, res));
  const address = await listen(server, host, options.port ?? 0);
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const origin = `http://${urlHost}:${address.port}`;
  return {
    origin,
    port: address.port,
    url(pathname = '/', alias?: string) {
      const base = alias ? `http://${alias}:${address.port}` : origin;
      return new URL(pathname.replace(/^\/*/, '/'), base).href;
    },
    close() {
      return new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Browsers keep idle keep-alive sockets open; without this close() would wait for them.
        server.closeAllConnections();
      });
    },
  };
}
