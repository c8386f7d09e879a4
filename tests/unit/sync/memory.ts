// Test doubles for sync: an in-memory RemoteStore (a flat folder), a fault layer over any store,
// an in-memory LocalReplica (a device's vault: items, key records, key, sync state), and a seeded
// random source (re-exported). Tests only: the extension's replica is the real vault.

import { KEY_BYTES } from '../../../src/crypto/aead';
import { randomBytes } from '../../../src/crypto/random';
import { type RemoteEntry, RemoteError, type RemoteStore } from '../../../src/sync/remote-store';
import type { LocalReplica, SyncState } from '../../../src/sync/state';
import { VaultError } from '../../../src/vault/errors';
import type { WrapperRecord } from '../../../src/vault/format';
import type { Item } from '../../../src/vault/types';
import type { KdfCost, KeyRotation } from '../../../src/vault/vault';
import { makePasswordWrapper } from '../../../src/vault/wrappers';

export { seededRandom } from '../seeded-random';

/** A folder in memory, counting requests per method. */
export class MemoryStore implements RemoteStore {
  readonly files = new Map<string, Uint8Array>();
  readonly requests = { list: 0, get: 0, put: 0, delete: 0 };

  get requestCount(): number {
    const r = this.requests;
    return r.list + r.get + r.put + r.delete;
  }

  async list(): Promise<RemoteEntry[]> {
    this.requests.list += 1;
    return [...this.files].map(([name, body]) => ({ name, size: body.length }));
  }
  async get(name: string): Promise<Uint8Array | null> {
    this.requests.get += 1;
    return this.files.get(name)?.slice() ?? null;
  }
  async put(name: string, body: Uint8Array): Promise<void> {
    this.requests.put += 1;
    this.files.set(name, body.slice());
  }
  async delete(name: string): Promise<void> {
    this.requests.delete += 1;
    this.files.delete(name);
  }
}

export type Fault =
  | 'put-lost-answer'
  | 'put-cut'
  | 'put-refused'
  | 'get-truncated'
  | 'list-failed'
  | 'delete-lost-answer';

/**
 * Faults as a flaky network and server make them, on about `rate` of requests: a PUT that lands
 * but whose answer is lost, a PUT cut short (a truncated file stays), a PUT refused, a GET whose
 * body is cut, a failed listing, a DELETE done but reported failed.
 */
export class FaultyStore implements RemoteStore {
  enabled = true;
  readonly injected: Fault[] = [];

  constructor(
    private readonly inner: RemoteStore,
    private readonly random: () => number,
    private readonly rate = 0.1,
  ) {}

  #roll(): boolean {
    return this.enabled && this.random() < this.rate;
  }
  #fail(fault: Fault): never {
    this.injected.push(fault);
    throw new RemoteError('unreachable', `injected: ${fault}`);
  }

  async list(): Promise<RemoteEntry[]> {
    if (this.#roll()) this.#fail('list-failed');
    return this.inner.list();
  }
  async get(name: string): Promise<Uint8Array | null> {
    const body = await this.inner.get(name);
    if (body && body.length > 1 && this.#roll()) {
      this.injected.push('get-truncated');
      return body.slice(0, Math.floor(this.random() * body.length));
    }
    return body;
  }
  async put(name: string, body: Uint8Array): Promise<void> {
    if (!this.#roll()) return this.inner.put(name, body);
    const r = this.random();
    if (r < 1 / 3) {
      await this.inner.put(name, body);
      this.#fail('put-lost-answer');
    }
    if (r < 2 / 3) {
      await this.inner.put(name, body.slice(0, Math.floor(this.random() * body.length)));
      this.#fail('put-cut');
    }
    this.#fail('put-refused');
  }
  async delete(name: string): Promise<void> {
    if (this.#roll()) {
      await this.inner.delete(name);
      this.#fail('delete-lost-answer');
    }
    return this.inner.delete(name);
  }
}

/** One device's vault in memory. State and items are copied in and out, as a database would. */
export class MemoryReplica implements LocalReplica {
  readonly items = new Map<string, Item>();
  records: WrapperRecord[];
  #state: SyncState | null = null;
  #key: Uint8Array | null;

  constructor(key: Uint8Array, records: WrapperRecord[]) {
    this.#key = key.slice();
    this.records = records;
  }

  key(): Uint8Array {
    if (!this.#key) throw new VaultError('locked', 'The vault is locked.');
    return this.#key;
  }
  lock(): void {
    this.#key?.fill(0);
    this.#key = null;
  }
  unlock(key: Uint8Array): void {
    this.#key = key.slice();
  }
  async itemIds(): Promise<string[]> {
    return [...this.items.keys()];
  }
  async readItems(ids: readonly string[]): Promise<(Item | undefined)[]> {
    return ids.map((id) => (this.items.has(id) ? structuredClone(this.items.get(id)) : undefined));
  }
  async commit(change: {
    puts: readonly Item[];
    deletes: readonly string[];
    state: SyncState;
  }): Promise<void> {
    for (const item of change.puts) this.items.set(item.id, structuredClone(item));
    for (const id of change.deletes) this.items.delete(id);
    this.#state = structuredClone(change.state);
  }
  async loadState(): Promise<SyncState | null> {
    return this.#state ? structuredClone(this.#state) : null;
  }
  async keyRecords(): Promise<WrapperRecord[]> {
    return structuredClone(this.records);
  }
  async adoptKeyRecords(records: readonly WrapperRecord[]): Promise<void> {
    const kept = this.records.filter((r) => r.kind === 'prf');
    this.records = [...kept, ...structuredClone(records as WrapperRecord[])];
  }
  /** As UnlockedVault.rotateKey, for a vault with a password record only. */
  async rotateKey(password: string, cost: KdfCost, state: SyncState): Promise<KeyRotation> {
    const key = randomBytes(KEY_BYTES);
    const record = await makePasswordWrapper(state.vaultId, key, password, cost);
    await this.replaceKey(key, [record], state);
    return { biometricDropped: 0 };
  }
  async replaceKey(key: Uint8Array, records: readonly WrapperRecord[], state: SyncState): Promise<void> {
    this.#key = key.slice();
    this.records = structuredClone(records as WrapperRecord[]);
    this.#state = structuredClone(state);
  }
}
