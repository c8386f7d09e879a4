// The WebDAV transport against real servers: Apache httpd (mod_dav, https, self-signed certificate)
// and rclone serve webdav (http on loopback), both with Basic auth and a non-ASCII app password.
// Every case that a person can meet while connecting is classified: unreachable, tls, unauthorized,
// forbidden, not-found, not-webdav.

import { readdir, readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebDavStore, WRITE_PROBE_PREFIX } from '../../../src/sync/webdav';
import { type ApacheServer, startApache } from '../../sync-harness/apache';
import { requireProgram } from '../../sync-harness/binaries';
import { credentialsFor, fetchTrusting, storeFor } from '../../sync-harness/clients';
import type { DavServer } from '../../sync-harness/dav-server';
import { startRclone } from '../../sync-harness/rclone';
import { remoteError } from './expect-remote-error';

const hasApache = Boolean(
  requireProgram('apache2') && requireProgram('htpasswd') && requireProgram('openssl'),
);
const hasRclone = Boolean(requireProgram('rclone'));

/** Every byte value, so nothing on the way treats the body as text. */
const ALL_BYTES = Uint8Array.from({ length: 512 }, (_, i) => i % 256);

const implementations = [
  { name: 'apache', available: hasApache, start: () => startApache() },
  { name: 'rclone', available: hasRclone, start: () => startRclone() },
] as const;

describe.each(implementations)('WebDavStore against real $name', ({ available, start }) => {
  let server: DavServer;
  let store: WebDavStore;

  beforeAll(async () => {
    server = (await start())!;
    store = storeFor(server);
  }, 60_000);
  afterAll(() => server?.stop());

  it.skipIf(!available)('lists, writes, reads, replaces and deletes objects with exact bytes', async () => {
    expect(await store.list()).toEqual([]);
    await store.put('batch-a', ALL_BYTES);
    await store.put('snapshot b', Uint8Array.of(1, 2, 3));
    expect(await store.get('batch-a')).toEqual(ALL_BYTES);
    expect(await readFile(join(server.folderPath, 'batch-a'))).toEqual(Buffer.from(ALL_BYTES));
    expect((await store.list()).sort((a, b) => a.name.localeCompare(b.name))).toEqual([
      { name: 'batch-a', size: 512 },
      { name: 'snapshot b', size: 3 },
    ]);

    await store.put('batch-a', Uint8Array.of(9));
    expect(await store.get('batch-a')).toEqual(Uint8Array.of(9));

    await store.delete('batch-a');
    await store.delete('snapshot b');
    expect(await store.list()).toEqual([]);
    expect(await store.get('batch-a')).toBeNull();
  });

  it.skipIf(!available)(
    'simultaneous PUTs of one object all resolve (rclone may answer 423 Locked: retried)',
    async () => {
      const bytes = Uint8Array.from({ length: 64 * 1024 }, (_, i) => i % 251);
      const patient = storeFor(server, {}, { attempts: 8, retryDelayMs: 50 });
      await Promise.all(Array.from({ length: 4 }, () => patient.put('same-name', bytes)));
      expect(await store.get('same-name')).toEqual(bytes);
      await store.delete('same-name');
    },
  );

  it.skipIf(!available)('deleting an object that is not there is not an error', async () => {
    await expect(store.delete('never-written')).resolves.toBeUndefined();
  });

  it.skipIf(!available)(
    'names with spaces, percent signs and non-ASCII letters survive the round trip',
    async () => {
      const name = 'dévice 50% #1';
      await store.put(name, Uint8Array.of(7));
      expect((await store.list()).map((e) => e.name)).toContain(name);
      expect(await store.get(name)).toEqual(Uint8Array.of(7));
      await store.delete(name);
    },
  );

  it.skipIf(!available)('lists only the folder’s own files, not subfolders or their contents', async () => {
    const { mkdir, writeFile, rm } = await import('node:fs/promises');
    await mkdir(join(server.folderPath, 'sub'));
    await writeFile(join(server.folderPath, 'sub', 'inner'), 'x');
    await store.put('top', Uint8Array.of(1));
    expect(await store.list()).toEqual([{ name: 'top', size: 1 }]);
    await store.delete('top');
    await rm(join(server.folderPath, 'sub'), { recursive: true });
  });

  it.skipIf(!available)('checkServer lists the folder and leaves no write probe behind', async () => {
    await store.put('existing', Uint8Array.of(1, 2));
    const check = await store.checkServer();
    expect(check.entries).toEqual([{ name: 'existing', size: 2 }]);
    expect((await readdir(server.folderPath)).filter((n) => n.startsWith(WRITE_PROBE_PREFIX))).toEqual([]);
    await store.delete('existing');
  });

  it.skipIf(!available)('a wrong app password is "unauthorized" (401), for every operation', async () => {
    const wrong = storeFor(server, { password: 'not-the-password' });
    for (const call of [
      () => wrong.checkServer(),
      () => wrong.list(),
      () => wrong.get('x'),
      () => wrong.put('x', Uint8Array.of(1)),
    ]) {
      const error = await remoteError(call());
      expect(error.kind).toBe('unauthorized');
      expect(error.status).toBe(401);
      expect(error.message).toContain('user name or app password');
    }
  });

  it.skipIf(!available)('a user name the server does not know is "unauthorized"', async () => {
    expect((await remoteError(storeFor(server, { username: 'mallory' }).checkServer())).kind).toBe(
      'unauthorized',
    );
  });

  it.skipIf(!available)(
    'a folder that does not exist is "not-found" (404), and nothing is created',
    async () => {
      const missing = storeFor(server, { folderUrl: server.missingFolderUrl });
      const error = await remoteError(missing.checkServer());
      expect(error.kind).toBe('not-found');
      expect(error.message).toContain(server.missingFolderUrl);
      expect((await remoteError(missing.list())).kind).toBe('not-found');
    },
  );

  it.skipIf(!available)('a URL naming a file instead of a folder is refused by checkServer', async () => {
    await store.put('a-file', Uint8Array.of(1));
    const error = await remoteError(
      storeFor(server, { folderUrl: `${server.folderUrl}a-file` }).checkServer(),
    );
    // rclone describes the file (207, not a collection); Apache refuses "a-file/" with 400.
    expect(error.kind).toBe('not-found');
    expect(error.message).toContain(`${server.folderUrl}a-file/`);
    await store.delete('a-file');
  });

  it.skipIf(!available)('a closed port is "unreachable"', async () => {
    const port = new URL(server.origin).port;
    await server.stop();
    const error = await remoteError(storeFor(server, {}, { attempts: 1 }).list());
    expect(error.kind).toBe('unreachable');
    expect(error.message).toContain('ECONNREFUSED');
    expect(error.message).toContain(port);
  });
});

describe.skipIf(!hasApache)('WebDavStore against Apache: permissions, TLS and non-WebDAV answers', () => {
  let apache: ApacheServer;
  let plainHttp: Server;
  let plainHttpOrigin: string;

  beforeAll(async () => {
    apache = (await startApache())!;
    // An ordinary web server that knows nothing of WebDAV: every request gets a small HTML page.
    plainHttp = createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/html' });
      res.end('<!doctype html><title>Welcome</title><p>Hello</p>');
    });
    await new Promise<void>((resolve) => plainHttp.listen(0, '127.0.0.1', resolve));
    plainHttpOrigin = `http://127.0.0.1:${(plainHttp.address() as AddressInfo).port}`;
  }, 60_000);
  afterAll(async () => {
    await apache?.stop();
    await new Promise((resolve) => plainHttp?.close(resolve));
  });

  it('a folder the account may not use is "forbidden" (403)', async () => {
    const error = await remoteError(storeFor(apache, { folderUrl: apache.forbiddenFolderUrl }).checkServer());
    expect(error.kind).toBe('forbidden');
    expect(error.status).toBe(403);
  });

  it('a folder Apache serves without WebDAV is "not-webdav" (405 to PROPFIND)', async () => {
    const error = await remoteError(storeFor(apache, { folderUrl: apache.plainFolderUrl }).checkServer());
    expect(error.kind).toBe('not-webdav');
    expect(error.message).toContain('does not speak WebDAV');
  });

  it('a web server that answers PROPFIND with a page is "not-webdav"', async () => {
    const store = new WebDavStore(credentialsFor(apache, { folderUrl: `${plainHttpOrigin}/Tessera/` }));
    const error = await remoteError(store.checkServer());
    expect(error.kind).toBe('not-webdav');
    expect(error.message).toContain('instead of 207');
  });

  it('an untrusted (self-signed) certificate is a "tls" error, not "unreachable"', async () => {
    const untrusting = new WebDavStore(credentialsFor(apache), {
      fetch: fetchTrusting(undefined),
      attempts: 1,
    });
    const error = await remoteError(untrusting.checkServer());
    expect(error.kind).toBe('tls');
    expect(error.message).toContain('not trusted');
  });

  it('https to a port that speaks plain http is a "tls" error that says so', async () => {
    const store = new WebDavStore(
      credentialsFor(apache, { folderUrl: `${plainHttpOrigin.replace('http:', 'https:')}/x/` }),
      {
        attempts: 1,
      },
    );
    const error = await remoteError(store.list());
    expect(error.kind).toBe('tls');
    expect(error.message).toContain('does not speak https');
  });
});
