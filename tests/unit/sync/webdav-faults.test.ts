// The WebDAV transport through the fault proxy to a real Apache (https): dropped connections before
// and after the server acted, truncated bodies, injected 500 / 412 / 507 / 401, slow answers and a
// caller's abort. What must hold: the right RemoteError kind, transient faults retried, and never a
// resolved write that is not on the server's disk (nor a resolved read that is not the whole object).

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RemoteError } from '../../../src/sync/remote-store';
import type { WebDavOptions, WebDavStore } from '../../../src/sync/webdav';
import { type ApacheServer, startApache } from '../../sync-harness/apache';
import { requireProgram } from '../../sync-harness/binaries';
import { storeFor } from '../../sync-harness/clients';
import {
  type Fault,
  type FaultProxy,
  type ProxiedRequest,
  startFaultProxy,
} from '../../sync-harness/fault-proxy';
import { remoteError } from './expect-remote-error';

const hasApache = Boolean(
  requireProgram('apache2') && requireProgram('htpasswd') && requireProgram('openssl'),
);

/** Faults for the first `times` requests with `method`, then none. */
function first(times: number, method: string, fault: Fault) {
  let left = times;
  return (request: ProxiedRequest): Fault | undefined => {
    if (request.method !== method || left === 0) return undefined;
    left--;
    return fault;
  };
}

/** The same fault for every request with `method`. */
const always = (method: string, fault: Fault) => (request: ProxiedRequest) =>
  request.method === method ? fault : undefined;

describe.skipIf(!hasApache)('WebDavStore through the fault proxy to real Apache', () => {
  let apache: ApacheServer;
  let proxy: FaultProxy;

  const onDisk = async (name: string): Promise<Uint8Array | null> => {
    try {
      return new Uint8Array(await readFile(join(apache.folderPath, name)));
    } catch {
      return null;
    }
  };
  const store = (options: WebDavOptions = {}): WebDavStore =>
    storeFor(apache, { folderUrl: proxy.urlFor(apache.folderUrl) }, options);
  const methods = () => proxy.log.map((entry) => entry.method);
  const body = (n: number) => Uint8Array.from({ length: 4096 }, (_, i) => (i * 31 + n) % 256);

  beforeAll(async () => {
    apache = (await startApache())!;
    proxy = await startFaultProxy(apache);
  }, 60_000);
  /** Forgets the requests so far (a test's own setup), so `methods()` shows only what follows. */
  const clearLog = () => {
    (proxy.log as unknown[]).length = 0;
  };
  afterEach(() => {
    proxy.setFaults(undefined);
    clearLog();
  });
  afterAll(async () => {
    await proxy?.close();
    await apache?.stop();
  });

  it('a PUT whose connection dropped before the server saw it is sent again and lands', async () => {
    proxy.setFaults(first(1, 'PUT', { kind: 'drop-before' }));
    await store().put('drop-before', body(1));
    expect(methods()).toEqual(['PUT', 'PUT']);
    expect(await onDisk('drop-before')).toEqual(body(1));
  });

  it('a PUT the server applied but whose answer was lost is sent again, harmlessly', async () => {
    proxy.setFaults(first(1, 'PUT', { kind: 'drop-after' }));
    await store().put('drop-after', body(2));
    expect(proxy.log.map((e) => [e.method, e.forwarded])).toEqual([
      ['PUT', true],
      ['PUT', true],
    ]);
    expect(await onDisk('drop-after')).toEqual(body(2));
  });

  it('a PUT that never gets through rejects as "unreachable" and nothing is written', async () => {
    proxy.setFaults(always('PUT', { kind: 'drop-before' }));
    const error = await remoteError(store().put('never', body(3)));
    expect(error.kind).toBe('unreachable');
    expect(methods()).toEqual(['PUT', 'PUT', 'PUT']);
    expect(await onDisk('never')).toBeNull();
  });

  it('one 500 is retried; a server that keeps answering 500 is a "server" error, and nothing is written', async () => {
    proxy.setFaults(first(1, 'PUT', { kind: 'status', status: 500 }));
    await store().put('after-500', body(4));
    expect(await onDisk('after-500')).toEqual(body(4));

    proxy.setFaults(always('PUT', { kind: 'status', status: 500 }));
    const error = await remoteError(store().put('keeps-500', body(5)));
    expect([error.kind, error.status]).toEqual(['server', 500]);
    expect(await onDisk('keeps-500')).toBeNull();
  });

  it('507 is "full" at once (no retry), and nothing is written', async () => {
    proxy.setFaults(always('PUT', { kind: 'status', status: 507 }));
    const error = await remoteError(store().put('full', body(6)));
    expect([error.kind, error.status]).toEqual(['full', 507]);
    expect(error.message).toContain('no room left');
    expect(methods()).toEqual(['PUT']);
    expect(await onDisk('full')).toBeNull();
  });

  it('412 to a PUT that did not land is a "conflict"', async () => {
    proxy.setFaults(always('PUT', { kind: 'status', status: 412 }));
    const error = await remoteError(store().put('refused', body(7)));
    expect([error.kind, error.status]).toEqual(['conflict', 412]);
    expect(methods()).toEqual(['PUT', 'GET']);
    expect(await onDisk('refused')).toBeNull();
  });

  it('412 after the first copy of the same PUT landed is success, confirmed by reading it back', async () => {
    let puts = 0;
    proxy.setFaults((request) => {
      if (request.method !== 'PUT') return undefined;
      puts++;
      return puts === 1 ? { kind: 'drop-after' } : { kind: 'status', status: 412 };
    });
    await store().put('resent', body(8));
    expect(methods()).toEqual(['PUT', 'PUT', 'GET']);
    expect(await onDisk('resent')).toEqual(body(8));
  });

  it('412 is a "conflict" when the server holds other bytes under that name', async () => {
    await store().put('other-bytes', body(9));
    proxy.setFaults(always('PUT', { kind: 'status', status: 412 }));
    const error = await remoteError(store().put('other-bytes', body(10)));
    expect(error.kind).toBe('conflict');
    expect(await onDisk('other-bytes')).toEqual(body(9));
  });

  it('a truncated GET is retried; one that is always cut short rejects and never yields part of the object', async () => {
    await store().put('big', body(11));
    clearLog();
    proxy.setFaults(first(1, 'GET', { kind: 'truncate' }));
    expect(await store().get('big')).toEqual(body(11));
    expect(methods()).toEqual(['GET', 'GET']);

    proxy.setFaults(always('GET', { kind: 'truncate' }));
    const error = await remoteError(store().get('big'));
    expect(error.kind).toBe('unreachable');
  });

  it('a truncated or dropped listing is retried', async () => {
    proxy.setFaults((request) =>
      request.method !== 'PROPFIND'
        ? undefined
        : request.index === 0
          ? { kind: 'truncate' }
          : request.index === 1
            ? { kind: 'drop-after' }
            : undefined,
    );
    const names = (await store().list()).map((e) => e.name);
    expect(names).toContain('big');
    expect(methods()).toEqual(['PROPFIND', 'PROPFIND', 'PROPFIND']);
  });

  it('a DELETE whose answer was lost is sent again; the second sees 404 and that is success', async () => {
    await store().put('to-delete', body(12));
    clearLog();
    proxy.setFaults(first(1, 'DELETE', { kind: 'drop-after' }));
    await store().delete('to-delete');
    expect(proxy.log.map((e) => [e.method, e.upstreamStatus])).toEqual([
      ['DELETE', 204],
      ['DELETE', 404],
    ]);
    expect(await onDisk('to-delete')).toBeNull();
  });

  it('a server slower than the time limit is "unreachable" ("did not answer in time"); a slow one within it is fine', async () => {
    proxy.setFaults(always('GET', { kind: 'delay', ms: 1500 }));
    const error = await remoteError(store({ timeoutMs: 300, attempts: 2 }).get('big'));
    expect(error.kind).toBe('unreachable');
    expect(error.message).toContain('did not answer in time');

    proxy.setFaults(always('GET', { kind: 'delay', ms: 200 }));
    expect(await store({ timeoutMs: 5000 }).get('big')).toEqual(body(11));
  });

  it('401 and 403 are not retried', async () => {
    proxy.setFaults(always('PROPFIND', { kind: 'status', status: 401 }));
    expect((await remoteError(store().list())).kind).toBe('unauthorized');
    proxy.setFaults(always('PROPFIND', { kind: 'status', status: 403 }));
    expect((await remoteError(store().list())).kind).toBe('forbidden');
    expect(methods()).toEqual(['PROPFIND', 'PROPFIND']);
  });

  it('checkServer reports "full" when the write probe gets 507, and "forbidden" when it gets 403', async () => {
    proxy.setFaults(always('PUT', { kind: 'status', status: 507 }));
    expect((await remoteError(store().checkServer())).kind).toBe('full');
    proxy.setFaults(always('PUT', { kind: 'status', status: 403 }));
    expect((await remoteError(store().checkServer())).kind).toBe('forbidden');
  });

  it('stopping (the owner’s signal) rejects at once with its reason, not a RemoteError, and is not retried', async () => {
    const owner = new AbortController();
    proxy.setFaults(always('GET', { kind: 'delay', ms: 2000 }));
    const pending = store({ signal: owner.signal }).get('big');
    setTimeout(() => owner.abort(new DOMException('vault locked', 'AbortError')), 100);
    const error = await pending.then(
      () => expect.fail('resolved after abort'),
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DOMException);
    expect((error as DOMException).message).toBe('vault locked');
    expect(methods()).toEqual(['GET']);
  });

  it('with 30% of requests dropped or truncated, every write that resolved is on disk exactly, and every read is whole', async () => {
    const faults: Fault[] = [{ kind: 'drop-before' }, { kind: 'drop-after' }, { kind: 'truncate' }];
    let seed = 14;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    proxy.setFaults(() => (random() < 0.3 ? faults[Math.floor(random() * faults.length)] : undefined));
    const s = store({ attempts: 2 });
    // What each name may hold: the last write that resolved, plus any later ones that failed (a failed
    // write may still have landed: its answer, not the write, may be what was lost).
    const mayHold = new Map<string, Uint8Array[]>();
    let failures = 0;
    for (let op = 0; op < 60; op++) {
      const name = `obj-${op % 7}`;
      try {
        if (op % 3 === 2) {
          const got = await s.get(name);
          const candidates = mayHold.get(name) ?? [];
          if (got === null) expect(candidates.length).toBeLessThanOrEqual(1);
          else expect(candidates).toContainEqual(got);
        } else {
          const bytes = body(op);
          mayHold.set(name, [...(mayHold.get(name) ?? []), bytes]);
          await s.put(name, bytes);
          mayHold.set(name, [bytes]);
          expect(await onDisk(name)).toEqual(bytes);
        }
      } catch (error) {
        expect(error).toBeInstanceOf(RemoteError);
        expect((error as RemoteError).kind).toBe('unreachable');
        failures++;
      }
    }
    // With two attempts and 30% faults, some operations must have failed, and most succeeded.
    expect(failures).toBeGreaterThan(0);
    expect(failures).toBeLessThan(30);
  });
});
