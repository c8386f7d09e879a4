/**
 * Controllable promises for the lock-race tests: a Pause holds the next matching call of a wrapped
 * function until the test releases it, so a lock, an auto-lock or a worker stop can be run at an
 * exact point inside a write or a reopen.
 */

import type { KeyValueArea } from '../../../src/session/storage-area';
import type { VaultDatabase } from '../../../src/vault/store';

export interface Held {
  /** Settles when the matching call has arrived and is waiting. */
  reached: Promise<void>;
  release(): void;
}

export class Pause {
  #waiting: { match: (args: unknown[]) => boolean; reached: () => void; released: Promise<void> }[] = [];

  /** The next call whose arguments satisfy `match` waits at the pause until release(). */
  next(match: (args: unknown[]) => boolean = () => true): Held {
    let reached!: () => void;
    let release!: () => void;
    const arrived = new Promise<void>((resolve) => {
      reached = resolve;
    });
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    this.#waiting.push({ match, reached, released });
    return { reached: arrived, release };
  }

  /** Called by the wrapped function: waits here when a held call matches these arguments. */
  async at(args: unknown[]): Promise<void> {
    const i = this.#waiting.findIndex((w) => w.match(args));
    if (i < 0) return;
    const [w] = this.#waiting.splice(i, 1);
    w!.reached();
    await w!.released;
  }
}

/** The database, with its get/getAll reads passing through `pause` after they have read. */
export function pausedDb(db: VaultDatabase, pause: Pause): VaultDatabase {
  return new Proxy(db, {
    get(target, prop) {
      const value = Reflect.get(target, prop, target);
      if (prop === 'get' || prop === 'getAll') {
        return async (...args: unknown[]) => {
          const result = await (value as (...a: unknown[]) => Promise<unknown>).apply(target, args);
          await pause.at([prop, ...args]);
          return result;
        };
      }
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

/** A storage area whose reads pass through `pause` after they have read. */
export function pausedArea<A extends KeyValueArea>(area: A, pause: Pause): A {
  return {
    ...area,
    get: async (key: string | string[]) => {
      const result = await area.get(key);
      await pause.at(['get', key]);
      return result;
    },
  };
}

/** Holds Argon2id calls (the kdf module is mocked with kdfThroughPause). */
export const kdfPause = new Pause();

type KdfModule = typeof import('../../../src/crypto/kdf');

/**
 * The kdf module with deriveKeyFromPassword finishing, then waiting at kdfPause: the moment a lock
 * could wipe a key that the caller is about to wrap. Use as
 * `vi.mock('.../src/crypto/kdf', async (orig) => (await import('./pause')).kdfThroughPause(orig))`.
 */
export async function kdfThroughPause(importOriginal: () => Promise<unknown>): Promise<KdfModule> {
  const real = (await importOriginal()) as KdfModule;
  return {
    ...real,
    deriveKeyFromPassword: async (...args: Parameters<KdfModule['deriveKeyFromPassword']>) => {
      const out = await real.deriveKeyFromPassword(...args);
      await kdfPause.at(args);
      return out;
    },
  };
}
