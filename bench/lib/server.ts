// A static file server on 127.0.0.1 for bench pages: IndexedDB needs an http(s) origin, not file://.
//
// Safety fact: it binds to loopback only and serves only regular files inside its root directory
// (no `..`, no symlinks out); anything else is a 404.

import { readFile, realpath, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

export interface LoopbackServer {
  /** e.g. http://127.0.0.1:41234 */
  readonly origin: string;
  close(): Promise<void>;
}

const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
};

async function fileFor(root: string, urlPath: string): Promise<string | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  let candidate = path.join(root, path.posix.normalize(`/${decoded}`));
  try {
    if ((await stat(candidate)).isDirectory()) candidate = path.join(candidate, 'index.html');
    const real = await realpath(candidate);
    if (!real.startsWith(root + path.sep)) return null;
    return (await stat(real)).isFile() ? real : null;
  } catch {
    return null;
  }
}

export async function serveDirectory(directory: string): Promise<LoopbackServer> {
  const root = await realpath(directory);
  const server = createServer((req, res) => {
    const { pathname } = new URL(req.url ?? '/', 'http://bench.invalid');
    void (async () => {
      const file = await fileFor(root, pathname);
      if (!file) {
        res.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found\n');
        return;
      }
      const body = await readFile(file);
      res
        .writeHead(200, {
          'Content-Type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream',
          'Cache-Control': 'no-store',
        })
        .end(body);
    })().catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Chromium keeps idle keep-alive sockets; without this close() would wait for them.
        server.closeAllConnections();
      }),
  };
}
