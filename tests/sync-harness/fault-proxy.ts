// A small HTTP proxy between a sync client and a real WebDAV server that breaks requests on purpose:
// drops the connection before or after the server acted, cuts a response body short, answers a status
// of its own (500, 412, 507, ...) or waits before forwarding. Tests choose a fault per request with
// `setFaults`; every request and what happened to it is kept in `log`, so a test can count requests
// and check which writes reached the server.
//
// The client speaks plain http to the proxy on a loopback port the OS chose; the proxy speaks http or
// https to the server (trusting the server's self-signed certificate). Bodies are buffered whole, so
// a fault can act on the complete request and response.

import {
  createServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';

export type Fault =
  /** Close the client's connection at once: the request never reaches the server. */
  | { readonly kind: 'drop-before' }
  /** Forward, let the server act and answer, then close the client's connection without an answer. */
  | { readonly kind: 'drop-after' }
  /** Forward, then send the server's status and headers but only the first half of its body, and close. */
  | { readonly kind: 'truncate' }
  /**
   * Forward, then answer with only the first half of the server's body and a Content-Length that
   * matches it: a server that hands back a damaged object without any sign in HTTP.
   */
  | { readonly kind: 'short' }
  /** Answer this status without forwarding. */
  | { readonly kind: 'status'; readonly status: number }
  /** Wait, then forward as usual. */
  | { readonly kind: 'delay'; readonly ms: number };

export interface ProxiedRequest {
  /** 0 for the first request through this proxy, then 1, 2, ... */
  readonly index: number;
  readonly method: string;
  /** The path and query, as the client sent it. */
  readonly path: string;
}

export interface ProxyLogEntry extends ProxiedRequest {
  readonly fault?: Fault;
  /** Whether the request reached the server (it may have acted even if the client saw a failure). */
  readonly forwarded: boolean;
  /** The server's status, when it was forwarded and answered. */
  readonly upstreamStatus?: number;
}

export type FaultRule = (request: ProxiedRequest) => Fault | undefined;

export interface FaultProxy {
  /** e.g. http://127.0.0.1:40111 */
  readonly origin: string;
  /** The proxy's URL for a URL on the server: same path, the proxy's origin. */
  urlFor(serverUrl: string): string;
  /** Chooses the fault for each following request (undefined: forward untouched). */
  setFaults(rule: FaultRule | undefined): void;
  /** Every request so far, in arrival order. */
  readonly log: readonly ProxyLogEntry[];
  close(): Promise<void>;
}

export interface FaultProxyTarget {
  /** The server's origin, http or https. */
  readonly origin: string;
  /** The server's self-signed certificate, trusted for the proxy's connections to it. */
  readonly certPem?: string;
}

/** Headers that describe one hop's connection or framing; the proxy sets its own. */
const HOP_HEADERS = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'host']);

function forwardableHeaders(headers: IncomingHttpHeaders): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined && !HOP_HEADERS.has(name)) out[name] = value;
  }
  return out;
}

function readAll(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (chunk: Buffer) => chunks.push(chunk));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

interface UpstreamAnswer {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

function forward(
  target: URL,
  certPem: string | undefined,
  req: IncomingMessage,
  body: Buffer,
): Promise<UpstreamAnswer> {
  const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const upstream = send(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: {
          ...forwardableHeaders(req.headers),
          host: target.host,
          'content-length': String(body.length),
        },
        ...(certPem ? { ca: certPem } : {}),
        agent: false,
      },
      (res) => {
        readAll(res).then(
          (resBody) => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: resBody }),
          reject,
        );
      },
    );
    upstream.on('error', reject);
    upstream.end(body);
  });
}

/** Sends the server's status and headers (Content-Length of its whole body) and then `body`. */
function answer(res: ServerResponse, upstream: UpstreamAnswer, body: Buffer, sent?: () => void): void {
  res.writeHead(upstream.status, {
    ...forwardableHeaders(upstream.headers),
    'content-length': String(upstream.body.length),
  });
  res.write(body, sent);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function startFaultProxy(target: FaultProxyTarget): Promise<FaultProxy> {
  const targetUrl = new URL(target.origin);
  const log: ProxyLogEntry[] = [];
  const sockets = new Set<Socket>();
  let rule: FaultRule | undefined;

  const server = createServer(async (req, res) => {
    const request: ProxiedRequest = { index: log.length, method: req.method ?? 'GET', path: req.url ?? '/' };
    const fault = rule?.(request);
    const entry: { -readonly [K in keyof ProxyLogEntry]: ProxyLogEntry[K] } = {
      ...request,
      fault,
      forwarded: false,
    };
    log.push(entry);
    try {
      const body = await readAll(req);
      if (fault?.kind === 'drop-before') {
        req.socket.destroy();
        return;
      }
      if (fault?.kind === 'status') {
        res.writeHead(fault.status, { 'content-type': 'text/plain', 'content-length': '15' });
        res.end('fault injected\n');
        return;
      }
      if (fault?.kind === 'delay') await sleep(fault.ms);
      if (req.socket.destroyed) return;
      entry.forwarded = true;
      const upstream = await forward(targetUrl, target.certPem, req, body);
      entry.upstreamStatus = upstream.status;
      if (fault?.kind === 'drop-after') {
        req.socket.destroy();
      } else if (fault?.kind === 'truncate') {
        // The connection is cut once the partial body has left.
        answer(res, upstream, upstream.body.subarray(0, Math.floor(upstream.body.length / 2)), () =>
          req.socket.destroy(),
        );
      } else if (fault?.kind === 'short') {
        const half = upstream.body.subarray(0, Math.floor(upstream.body.length / 2));
        answer(res, { ...upstream, body: half }, half);
        res.end();
      } else {
        answer(res, upstream, upstream.body);
        res.end();
      }
    } catch (error) {
      if (!res.headersSent) {
        res.writeHead(502, { 'content-type': 'text/plain' });
        res.end(`proxy could not reach the server: ${(error as Error).message}\n`);
      } else {
        req.socket.destroy();
      }
    }
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    urlFor(serverUrl) {
      const url = new URL(serverUrl);
      return `${origin}${url.pathname}${url.search}`;
    },
    setFaults(next) {
      rule = next;
    },
    log,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
