// Shared steps for the security e2e specs (security-at-rest, security-fuzz): the secrets to look
// for (the vault key in every text encoding, the master password, item passwords), a search over
// bytes and text, a dump of every IndexedDB record of the extension origin, and evaluation inside
// the content-script world of a web page.
// Safety fact: the real vault key is read from the worker's storage.session (where session.ts keeps
// it while unlocked) only to know what to search for; the tests never write it anywhere.
import type { Page } from '@playwright/test';
import type { Browser } from 'wxt/browser';
import type { ExtensionHarness } from './harness/extension-harness';
import { expect } from './harness/fixtures';

// Functions passed to evalInWorker are serialised and run in the worker, where `chrome` is global.
declare const chrome: typeof Browser;

/** The slot session.ts writes the vault key to (base64) while the vault is unlocked. */
export const KEY_SLOT = 'session.vaultKey';

export interface Needle {
  name: string;
  bytes: Buffer;
}

/** The vault key as the worker holds it, read from storage.session (fails if locked). */
export async function readVaultKey(extension: ExtensionHarness): Promise<Buffer> {
  const stored = await extension.evalInWorker(
    async (slot: string) => (await chrome.storage.session.get(slot))[slot],
    KEY_SLOT,
  );
  expect(typeof stored, 'the vault is unlocked and its key is in storage.session').toBe('string');
  const key = Buffer.from(stored as string, 'base64');
  expect(key).toHaveLength(32);
  return key;
}

/**
 * Every form a secret could take in storage or a message: raw bytes, base64, base64url, hex (both
 * cases) and the comma-joined byte list JSON gives a Uint8Array-turned-array for the key; UTF-8 and
 * UTF-16LE (how Chromium stores some strings on disk) for passwords.
 */
export function needles(key: Buffer, passwords: Record<string, string>): Needle[] {
  const out: Needle[] = [
    { name: 'vault key (raw bytes)', bytes: key },
    { name: 'vault key (base64)', bytes: Buffer.from(key.toString('base64').replace(/=+$/, '')) },
    { name: 'vault key (base64url)', bytes: Buffer.from(key.toString('base64url')) },
    { name: 'vault key (hex)', bytes: Buffer.from(key.toString('hex')) },
    { name: 'vault key (HEX)', bytes: Buffer.from(key.toString('hex').toUpperCase()) },
    { name: 'vault key (byte list)', bytes: Buffer.from(Array.from(key).join(',')) },
  ];
  for (const [name, password] of Object.entries(passwords)) {
    out.push({ name: `${name} (UTF-8)`, bytes: Buffer.from(password, 'utf8') });
    out.push({ name: `${name} (UTF-16LE)`, bytes: Buffer.from(password, 'utf16le') });
  }
  return out;
}

/** The names of the needles found in `haystack`. */
export function found(haystack: Buffer | string, list: readonly Needle[]): string[] {
  const bytes = typeof haystack === 'string' ? Buffer.from(haystack, 'utf8') : haystack;
  return list.filter((n) => bytes.includes(n.bytes)).map((n) => n.name);
}

/** One IndexedDB record as dumped: its JSON text (binary as base64) and its binary fields' bytes. */
export interface DumpedRecord {
  where: string;
  json: string;
  binary: string;
}

/**
 * Every record of every IndexedDB database of the extension origin, read from an extension page
 * (the worker shares the origin's storage). Binary fields come back as base64.
 */
export async function dumpIndexedDb(page: Page): Promise<DumpedRecord[]> {
  return page.evaluate(async () => {
    const toBase64 = (b: Uint8Array) => btoa(Array.from(b, (x) => String.fromCharCode(x)).join(''));
    const request = <T>(r: IDBRequest<T>) =>
      new Promise<T>((resolve, reject) => {
        r.onsuccess = () => resolve(r.result);
        r.onerror = () => reject(r.error);
      });
    const out: { where: string; json: string; binary: string }[] = [];
    for (const info of await indexedDB.databases()) {
      if (!info.name) continue;
      const db = await request(indexedDB.open(info.name));
      for (const storeName of Array.from(db.objectStoreNames)) {
        const store = db.transaction(storeName, 'readonly').objectStore(storeName);
        const [keys, values] = await Promise.all([request(store.getAllKeys()), request(store.getAll())]);
        values.forEach((value, i) => {
          const binary: Uint8Array[] = [];
          const json = JSON.stringify(value, (_k, v) => {
            if (v instanceof Uint8Array) {
              binary.push(v);
              return { base64: toBase64(v) };
            }
            return v;
          });
          const joined = new Uint8Array(binary.reduce((n, b) => n + b.length + 1, 0));
          let at = 0;
          for (const b of binary) {
            joined.set(b, at);
            at += b.length + 1;
          }
          out.push({ where: `${info.name}/${storeName}/${String(keys[i])}`, json, binary: toBase64(joined) });
        });
      }
      db.close();
    }
    return out;
  });
}
