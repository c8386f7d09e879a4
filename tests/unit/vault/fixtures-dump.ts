/**
 * A vault database as JSON, for the frozen fixtures in tests/fixtures/vaults/format-<N>/.
 *
 * A dump records the IndexedDB database exactly as a release left it: its schema version, every
 * object store with its key path, and every record with its key. Binary values (Uint8Array) are
 * written as { "$bytes": base64 }, the only type tag; everything else is plain JSON already.
 *
 * Why the schema is in the dump: a later release may add stores or bump the database version. A
 * fixture must be loaded as the old release wrote it, and only then opened by today's code, so
 * that today's `upgrade` and migrations (src/vault/migrate.ts) run on it like on a real profile.
 */

import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Item } from '../../../src/vault/types';

export const BYTES_TAG = '$bytes';

export interface StoreDump {
  /** The store's keyPath, or null for out-of-line keys (the `meta` store). */
  keyPath: string | null;
  /** [key, value] for every record, in key order; values JSON-encoded with toJsonValue. */
  records: [IDBValidKey, unknown][];
}

export interface VaultDump {
  /** IndexedDB schema version of the database (store.ts DB_VERSION when it was written). */
  idbVersion: number;
  stores: Record<string, StoreDump>;
}

/** Uint8Array -> { $bytes: base64 }, recursively; other values unchanged. */
export function toJsonValue(value: unknown): unknown {
  if (value instanceof Uint8Array) return { [BYTES_TAG]: Buffer.from(value).toString('base64') };
  if (Array.isArray(value)) return value.map(toJsonValue);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toJsonValue(v)]));
  }
  return value;
}

/** Reads every store and record of an open database. */
export async function dumpDatabase(db: IDBDatabase): Promise<VaultDump> {
  const names = [...db.objectStoreNames].sort();
  const tx = db.transaction(names, 'readonly');
  const stores: Record<string, StoreDump> = {};
  const done = new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
  });
  for (const name of names) {
    const store = tx.objectStore(name);
    const keyPath = store.keyPath as string | null;
    const dump: StoreDump = { keyPath, records: [] };
    stores[name] = dump;
    const cursor = store.openCursor();
    cursor.onsuccess = () => {
      const c = cursor.result;
      if (!c) return;
      dump.records.push([c.key, toJsonValue(c.value)]);
      c.continue();
    };
  }
  await done;
  return { idbVersion: db.version, stores };
}

/**
 * Deletes the database `name`; fails, naming it, when a connection elsewhere blocks the delete
 * (rather than waiting for it). Self-contained for the same reason as loadDump: the e2e tests run it
 * inside the built extension, before loadDump writes a frozen vault over a database the extension
 * already opened at today's version.
 */
export function deleteDatabase(name: string): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error);
    request.onblocked = () => reject(new Error(`"${name}" is still open elsewhere`));
  });
}

/**
 * Writes the dump into database `name` as the release that wrote it left it: schema version,
 * stores and records. Either the database does not exist yet (it is created in one upgrade
 * transaction), or it already has exactly the dump's stores, all empty (an extension that opened
 * its empty database at start); anything else is refused, so a fixture never mixes with data.
 *
 * Self-contained on purpose (no imports, no outer helpers): the e2e tests pass this very function
 * to the extension's service worker (evalInWorker serialises it), so the fixture reaches the built
 * extension's IndexedDB through the same code the unit tests use.
 */
export async function loadDump(arg: { name: string; dump: VaultDump }): Promise<void> {
  const { name, dump } = arg;
  const decode = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(decode);
    if (value && typeof value === 'object') {
      const entries = Object.entries(value);
      if (entries.length === 1 && entries[0]![0] === '$bytes') {
        return Uint8Array.from(atob(entries[0]![1] as string), (c) => c.charCodeAt(0));
      }
      return Object.fromEntries(entries.map(([k, v]) => [k, decode(v)]));
    }
    return value;
  };
  const storeNames = Object.keys(dump.stores).sort();
  const fill = (tx: IDBTransaction) => {
    for (const storeName of storeNames) {
      const store = dump.stores[storeName]!;
      const target = tx.objectStore(storeName);
      for (const [key, value] of store.records) {
        if (store.keyPath) target.put(decode(value));
        else target.put(decode(value), key);
      }
    }
  };
  const settle = (tx: IDBTransaction) =>
    new Promise<void>((resolve, reject) => {
      tx.oncomplete = () => resolve();
      tx.onabort = () => reject(new Error(`loading the fixture into "${name}" failed: ${tx.error}`));
    });
  let created = false;
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const open = indexedDB.open(name, dump.idbVersion);
    open.onupgradeneeded = () => {
      if (open.result.objectStoreNames.length > 0) {
        open.transaction!.abort();
        return;
      }
      for (const storeName of storeNames) {
        const { keyPath } = dump.stores[storeName]!;
        open.result.createObjectStore(storeName, keyPath ? { keyPath } : {});
      }
      fill(open.transaction!);
      created = true;
    };
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(new Error(`could not open "${name}" to load the fixture: ${open.error}`));
    open.onblocked = () => reject(new Error(`"${name}" is open elsewhere at an older version`));
  });
  try {
    // The upgrade transaction that created and filled the stores has committed before onsuccess.
    if (created) return;
    const existing = [...db.objectStoreNames].sort();
    if (existing.join() !== storeNames.join()) {
      throw new Error(`"${name}" has stores ${existing.join()}, the fixture ${storeNames.join()}`);
    }
    const check = db.transaction(storeNames, 'readonly');
    const counts = await Promise.all(
      storeNames.map(
        (s) =>
          new Promise<number>((resolve, reject) => {
            const count = check.objectStore(s).count();
            count.onsuccess = () => resolve(count.result);
            count.onerror = () => reject(count.error);
          }),
      ),
    );
    const total = counts.reduce((a, b) => a + b, 0);
    if (total !== 0) throw new Error(`"${name}" already holds ${total} records; refusing to mix`);
    const tx = db.transaction(storeNames, 'readwrite');
    fill(tx);
    await settle(tx);
  } finally {
    db.close();
  }
}

// ---- the frozen folders ---------------------------------------------------------------------

const VAULTS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../fixtures/vaults');

export interface FrozenVault {
  folder: string;
  dump: VaultDump;
  items: Item[];
  proofs: {
    password: string;
    prf: { credentialId: string; prfOutput: string };
    recoveryKey: string;
    backupPassword: string;
  };
  backup: string;
}

/** Every tests/fixtures/vaults/format-<N>/ folder, read; a new folder is picked up by every caller. */
export function frozenVaults(): FrozenVault[] {
  return readdirSync(VAULTS_DIR, { withFileTypes: true })
    .filter((e) => e.isDirectory() && /^format-\d+$/.test(e.name))
    .map((e) => {
      const dir = path.join(VAULTS_DIR, e.name);
      const json = (file: string) => JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
      return {
        folder: e.name,
        dump: json('database.json'),
        items: json('items.json'),
        proofs: json('proofs.json'),
        backup: readFileSync(path.join(dir, 'backup.txt'), 'utf8'),
      };
    });
}
