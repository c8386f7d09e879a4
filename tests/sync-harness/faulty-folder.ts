// A sync folder on a real server as a device sees it through its own fault proxy: a RemoteStore whose
// requests fail at `rate` (dropped before or after the server acted, cut short mid-body, or a short
// body the server claims is whole), drawn from the caller's seeded random. Faults can be switched off
// (setup, final settling) and are counted, for the randomized model test.

import type { RemoteEntry, RemoteStore } from '../../src/sync/remote-store';
import type { WebDavOptions } from '../../src/sync/webdav';
import { storeFor } from './clients';
import type { DavServer } from './dav-server';
import { type Fault, type FaultProxy, startFaultProxy } from './fault-proxy';

const FAULTS: readonly Fault[] = [
  { kind: 'drop-before' },
  { kind: 'drop-after' },
  { kind: 'truncate' },
  { kind: 'short' },
];

export class FaultyFolder implements RemoteStore {
  #enabled = false;

  private constructor(
    private readonly proxy: FaultProxy,
    private readonly store: RemoteStore,
    private readonly random: () => number,
    private readonly rate: number,
  ) {}

  /**
   * A store on `server`'s sync folder through a new fault proxy, faults off until `enabled` is set.
   * `options` go to the WebDavStore (e.g. `attempts: 1`, so every fault reaches the caller).
   */
  static async open(server: DavServer, random: () => number, rate: number, options: WebDavOptions = {}) {
    const proxy = await startFaultProxy(server);
    const store = storeFor(server, { folderUrl: proxy.urlFor(server.folderUrl) }, options);
    return new FaultyFolder(proxy, store, random, rate);
  }

  get enabled(): boolean {
    return this.#enabled;
  }
  set enabled(on: boolean) {
    this.#enabled = on;
    this.proxy.setFaults(
      on
        ? () => (this.random() < this.rate ? FAULTS[Math.floor(this.random() * FAULTS.length)] : undefined)
        : undefined,
    );
  }

  /** The faults injected so far. */
  get injected(): readonly Fault[] {
    return this.proxy.log.flatMap((entry) => (entry.fault ? [entry.fault] : []));
  }

  /** Every request so far, faulty or not. */
  get requests(): number {
    return this.proxy.log.length;
  }

  list(): Promise<RemoteEntry[]> {
    return this.store.list();
  }
  get(name: string): Promise<Uint8Array | null> {
    return this.store.get(name);
  }
  put(name: string, body: Uint8Array): Promise<void> {
    return this.store.put(name, body);
  }
  delete(name: string): Promise<void> {
    return this.store.delete(name);
  }

  close(): Promise<void> {
    return this.proxy.close();
  }
}
