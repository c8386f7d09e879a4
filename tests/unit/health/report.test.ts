// Vault health (src/health): the groups of the report from overviews, digests and scores, and the
// service that rates passwords within a time budget and never puts a password in the report.
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { describe, expect, it } from 'vitest';
import { seal } from '../../../src/crypto/aead';
import { toBase64 } from '../../../src/crypto/encoding';
import {
  openRatings,
  type StoredRatings,
  withPasswordNames,
  withRatingKeys,
} from '../../../src/health/ratings';
import { buildHealthReport, DAY_MS, type HealthInput, siteKey } from '../../../src/health/report';
import { createHealthService } from '../../../src/health/service';
import { toOverview } from '../../../src/vault/chunks';
import { VaultError } from '../../../src/vault/errors';
import type { Item, ItemOverview } from '../../../src/vault/types';
import type { UnlockedVault } from '../../../src/vault/vault';

const NOW = Date.UTC(2026, 0, 1);

function overview(id: string, urls: string[], updatedAt = NOW): ItemOverview {
  return {
    id,
    name: `Item ${id}`,
    username: `${id}@example.com`,
    urls,
    match: 'domain',
    favorite: false,
    updatedAt,
  };
}

function input(
  id: string,
  urls: string[],
  digest: string | null,
  score: number | null,
  passwordChangedAt = NOW,
): HealthInput {
  return { overview: overview(id, urls), passwordDigest: digest, score, passwordChangedAt };
}

const ids = (entries: readonly { id: string }[]) => entries.map((e) => e.id);

describe('buildHealthReport', () => {
  it('groups one password used on different sites, not on two accounts of one site', () => {
    const report = buildHealthReport(
      [
        input('a', ['https://mail.example.com/login'], 'd1', 4),
        input('b', ['https://www.example.com/'], 'd1', 4), // same site as a
        input('c', ['https://shop.test/'], 'd1', 4),
        input('d', ['https://bank.test/'], 'd2', 4),
        input('e', ['https://other.example.org/'], 'd2', 4),
        input('f', ['https://a.example.net/'], 'd3', 4),
        input('g', ['https://b.example.net/'], 'd3', 4), // d3: one site twice, not reuse
        input('h', [], 'd4', 4),
        input('i', [], 'd4', 4), // no URL: each its own site
      ],
      { now: NOW, maxAgeDays: 365 },
    );
    expect(report.reused.map(ids)).toEqual([
      ['a', 'b', 'c'],
      ['d', 'e'],
      ['h', 'i'],
    ]);
  });

  it('weak is a zxcvbn score below 3; unrated passwords are counted, not listed', () => {
    const report = buildHealthReport(
      [
        input('a', ['https://a.test/'], 'd1', 0),
        input('b', ['https://b.test/'], 'd2', 2),
        input('c', ['https://c.test/'], 'd3', 3),
        input('d', ['https://d.test/'], 'd4', null),
        input('e', ['https://e.test/'], null, null), // no password: nothing to rate
      ],
      { now: NOW, maxAgeDays: 365 },
    );
    expect(ids(report.weak)).toEqual(['a', 'b']);
    expect(report.unrated).toBe(1);
  });

  it('old by the chosen age; http-only only when every URL is http; items without URL', () => {
    const report = buildHealthReport(
      [
        input('old', ['https://a.test/'], 'd1', 4, NOW - 400 * DAY_MS),
        input('recent', ['https://b.test/'], 'd2', 4, NOW - 200 * DAY_MS),
        input('http', ['http://c.test/', 'http://c.test/login'], 'd3', 4),
        input('mixed', ['http://d.test/', 'https://d.test/'], 'd4', 4),
        input('bare', ['e.test/login'], 'd5', 4), // no scheme: read as https
        input('none', [], 'd6', 4),
        input('old-no-password', [], null, null, NOW - 900 * DAY_MS),
      ],
      { now: NOW, maxAgeDays: 365 },
    );
    expect(ids(report.old)).toEqual(['old']);
    expect(ids(report.insecure)).toEqual(['http']);
    expect(ids(report.noUrl)).toEqual(['none', 'old-no-password']);
    const shorter = buildHealthReport([input('recent', ['https://b.test/'], 'd2', 4, NOW - 200 * DAY_MS)], {
      now: NOW,
      maxAgeDays: 180,
    });
    expect(ids(shorter.old)).toEqual(['recent']);
  });

  it('siteKey: registrable domain, else host, else the item itself', () => {
    expect(siteKey(overview('x', ['https://login.bank.co.uk/']))).toBe('site:bank.co.uk');
    expect(siteKey(overview('x', ['http://127.0.0.1:8080/']))).toBe('host:127.0.0.1');
    expect(siteKey(overview('x', ['android://com.example']))).toBe('item:x');
  });
});

describe('createHealthService', () => {
  function item(id: string, password: string, urls: string[]): Item {
    return { ...overview(id, urls), password, notes: '', totp: '', fields: [], createdAt: NOW };
  }
  const KEY = new Uint8Array(32).fill(7);
  /**
   * A vault object as the service uses it; a new one for each unlock, as the Session makes.
   * `reads` counts the items it opened (allItems counts them all).
   */
  const vaultOf = (items: Item[], vaultId = 'vault-1', key = KEY) => {
    const reads = { count: 0, ids: [] as string[] };
    const vault = {
      vaultId,
      reads,
      list: () => items.map(toOverview),
      get: async (id: string) => {
        reads.count++;
        reads.ids.push(id);
        const found = items.find((i) => i.id === id);
        if (!found) throw new VaultError('not-found', 'not in the vault', id);
        return found;
      },
      allItems: async () => {
        reads.count += items.length;
        reads.ids.push(...items.map((i) => i.id));
        return { items, damaged: [] };
      },
      exportKey: () => key.slice(),
    };
    return vault as unknown as UnlockedVault & { reads: typeof reads };
  };
  /** storage.local in memory: what was saved, as it would be on disk. */
  function memoryStore() {
    const store = { saved: undefined as StoredRatings | undefined, saves: 0 } as {
      saved: StoredRatings | undefined;
      saves: number;
      load(): Promise<unknown>;
      save(v: StoredRatings): Promise<void>;
    };
    store.load = async () => store.saved;
    store.save = async (v) => {
      store.saved = structuredClone(v);
      store.saves++;
    };
    return store;
  }

  /** A service at NOW with a 10-second budget whose scorer records each password it rates. */
  function recordingService(score: (password: string) => number, ratings = memoryStore()) {
    const rated: string[] = [];
    const service = createHealthService({
      loadScorer: async () => (password) => {
        rated.push(password);
        return { score: score(password) };
      },
      ratings,
      now: () => NOW,
      budgetMs: 10_000,
    });
    return { service, rated, ratings };
  }

  it('rates within the budget, caches by password, and keeps passwords out of the report', async () => {
    let clock = NOW;
    const rated: string[] = [];
    const service = createHealthService({
      loadScorer: async () => (password) => {
        rated.push(password);
        clock += 100; // each rating "takes" 100 ms
        return { score: password.length < 8 ? 1 : 4 };
      },
      ratings: memoryStore(),
      now: () => clock,
      budgetMs: 150,
    });
    const vault = vaultOf([
      item('a', 'hunter2', ['https://a.test/']),
      item('b', 'hunter2', ['https://b.test/']),
      item('c', 'correct horse battery', ['https://c.test/']),
      item('d', 'another long secret', ['https://d.test/']),
    ]);
    const first = await service.report(vault, 365);
    expect(rated).toEqual(['hunter2', 'correct horse battery']); // budget spent after two
    expect(first.unrated).toBe(1);
    const second = await service.report(vault, 365);
    expect(rated).toEqual(['hunter2', 'correct horse battery', 'another long secret']);
    expect(second.unrated).toBe(0);
    expect(ids(second.weak)).toEqual(['a', 'b']);
    expect(second.reused.map(ids)).toEqual([['a', 'b']]);
    const text = JSON.stringify(second);
    for (const secret of ['hunter2', 'correct horse', 'another long']) expect(text).not.toContain(secret);
    // Another vault object (after a lock and unlock) reads the stored ratings: nothing is rated.
    await service.report(vaultOf([item('a', 'hunter2', ['https://a.test/'])]), 365);
    expect(rated).toHaveLength(3);
  });

  it('counts "unchanged" from the password, not from the last edit of the item', async () => {
    const service = createHealthService({
      loadScorer: async () => () => ({ score: 4 }),
      ratings: memoryStore(),
      now: () => NOW,
      budgetMs: 1000,
    });
    const edited = {
      ...item('renamed', 'old secret kept', ['https://a.test/']),
      passwordChangedAt: NOW - 500 * DAY_MS,
    };
    const changed = {
      ...item('changed', 'new secret', ['https://b.test/']),
      passwordChangedAt: NOW - DAY_MS,
    };
    // Stored before the field existed: its last edit is the best date known.
    const legacy = { ...item('legacy', 'legacy secret', ['https://c.test/']), updatedAt: NOW - 400 * DAY_MS };
    const report = await service.report(vaultOf([edited, changed, legacy]), 365);
    expect(ids(report.old)).toEqual(['renamed', 'legacy']);
  });

  it('keeps ratings sealed across unlocks: the next unlock reads them, never a password or plain hash on disk', async () => {
    const rated: string[] = [];
    const ratings = memoryStore();
    const service = createHealthService({
      loadScorer: async () => (password) => {
        rated.push(password);
        return { score: password.length < 8 ? 1 : 4 };
      },
      ratings,
      now: () => NOW,
      budgetMs: 10_000,
    });
    const generated = 'Kq7*Rv2=mZ4?Wx9-Tn5.';
    const items = [
      item('a', 'hunter2', ['https://a.test/']),
      item('b', 'correct horse battery', ['https://b.test/']),
      item('c', generated, ['https://c.test/']),
      item('d', 'crisp-tundra-wafer-lunar-pixel', ['https://d.test/']),
    ];
    const first = await service.report(vaultOf(items), 365);
    // The generated password and the passphrase were decided by the first pass, without zxcvbn.
    expect(rated).toEqual(['hunter2', 'correct horse battery']);
    expect(first.unrated).toBe(0);
    expect(ids(first.weak)).toEqual(['a']);
    const disk = JSON.stringify(ratings.saved);
    for (const { password } of items) {
      expect(disk).not.toContain(password);
      expect(disk).not.toContain(bytesToHex(sha256(utf8ToBytes(password))).slice(0, 32));
    }

    // After a lock and unlock (a new vault object): the same report, nothing rated again.
    const again = await service.report(vaultOf(items), 365);
    expect(rated).toHaveLength(2);
    expect(again).toEqual(first);

    // Another vault's key or id, or a tampered value, opens nothing: rated again, never trusted.
    const other = createHealthService({
      loadScorer: async () => (password) => {
        rated.push(password);
        return { score: 0 };
      },
      ratings: { load: async () => ratings.saved, save: async () => undefined },
      now: () => NOW,
      budgetMs: 10_000,
    });
    await other.report(vaultOf(items, 'vault-1', new Uint8Array(32).fill(9)), 365);
    await other.report(vaultOf(items, 'vault-2'), 365);
    const tampered = { ...ratings.saved!, sealed: `A${ratings.saved!.sealed.slice(1)}` };
    const third = createHealthService({
      loadScorer: async () => () => ({ score: 0 }),
      ratings: { load: async () => tampered, save: async () => undefined },
      now: () => NOW,
      budgetMs: 10_000,
    });
    expect(ids((await third.report(vaultOf(items), 365)).weak)).toEqual(['a', 'b']);
    expect(rated).toEqual(['hunter2', 'correct horse battery', ...Array(4).fill(expect.any(String))]);
  });

  it('an edit rates only the new password and drops the old one from the stored ratings', async () => {
    const { service, rated, ratings } = recordingService(() => 1);
    await service.report(vaultOf([item('a', 'hunter2', ['https://a.test/'])]), 365);
    const before = ratings.saved;
    // An edit moves updatedAt (UnlockedVault.put): that is how the report knows to read it again.
    const edit = { ...item('a', 'hunter3', ['https://a.test/']), updatedAt: NOW + 1 };
    const report = await service.report(vaultOf([edit]), 365);
    expect(rated).toEqual(['hunter2', 'hunter3']);
    expect(ids(report.weak)).toEqual(['a']);
    const open = (v: unknown) =>
      withRatingKeys({ exportKey: () => KEY.slice() }, (k) => openRatings(k.seal, 'vault-1', v));
    expect(open(before).scores.size).toBe(1);
    expect(open(ratings.saved).scores.size).toBe(1);
    expect([...open(ratings.saved).scores.keys()]).not.toEqual([...open(before).scores.keys()]);
  });

  it('a later unlock opens no item: each password name and date comes from the sealed store', async () => {
    const { service, ratings } = recordingService((password) => (password.length < 8 ? 1 : 4));
    const items = [
      item('a', 'hunter2', ['https://a.test/']),
      item('b', 'hunter2', ['https://b.test/']),
      { ...item('c', 'correct horse battery', ['https://c.test/']), passwordChangedAt: NOW - 400 * DAY_MS },
      item('d', '', ['https://d.test/']),
    ];
    const first = await service.report(vaultOf(items), 365);
    const later = vaultOf(items);
    expect(await service.report(later, 365)).toEqual(first);
    expect(later.reads.count).toBe(0);
    expect(ids(first.old)).toEqual(['c']);
    expect(first.reused.map(ids)).toEqual([['a', 'b']]);
    // Nothing in the stored value names a password or an item's secret.
    const disk = JSON.stringify(ratings.saved);
    for (const secret of ['hunter2', 'correct horse']) expect(disk).not.toContain(secret);
  });

  it('after an edit (its updatedAt moved) only that item is opened again; a deleted one leaves the report', async () => {
    const { service, ratings } = recordingService((password) => (password.length < 8 ? 1 : 4));
    const a = item('a', 'a long enough secret', ['https://a.test/']);
    const b = item('b', 'another long secret', ['https://b.test/']);
    const c = item('c', 'hunter2', ['https://c.test/']);
    const vault = vaultOf([a, b, c]);
    expect(ids((await service.report(vault, 365)).weak)).toEqual(['c']);
    // The same vault object, nothing changed: nothing read.
    vault.reads.ids.length = 0;
    await service.report(vault, 365);
    expect(vault.reads.ids).toEqual([]);
    // Edited (on this device while unlocked, or elsewhere and synced while locked), c deleted.
    const edited = { ...a, password: 'weak1', updatedAt: NOW + 1 };
    const later = vaultOf([edited, b]);
    const report = await service.report(later, 365);
    expect(later.reads.ids).toEqual(['a']);
    expect(ids(report.weak)).toEqual(['a']);
    // The deleted item's name is gone from the store too.
    const stored = withRatingKeys({ exportKey: () => KEY.slice() }, (k) =>
      openRatings(k.seal, 'vault-1', ratings.saved),
    );
    expect([...stored.named.keys()].sort()).toEqual(['a', 'b']);
  });

  it('an item that no longer opens (damaged) leaves the report instead of showing its old name', async () => {
    const { service } = recordingService(() => 1);
    const a = item('a', 'hunter2', ['https://a.test/']);
    await service.report(vaultOf([a]), 365);
    const damaged = vaultOf([{ ...a, updatedAt: NOW + 1 }]);
    damaged.get = async (id) => {
      throw new VaultError('corrupt-item', 'damaged', id);
    };
    expect((await service.report(damaged, 365)).weak).toEqual([]);
  });

  it('a save that fails (storage full) still answers the report; the next unlock reads the items again', async () => {
    const ratings = memoryStore();
    ratings.save = async () => {
      throw new Error('QUOTA_BYTES quota exceeded');
    };
    const { service } = recordingService(() => 1, ratings);
    const items = [item('a', 'hunter2', ['https://a.test/'])];
    expect(ids((await service.report(vaultOf(items), 365)).weak)).toEqual(['a']);
    const later = vaultOf(items);
    expect(ids((await service.report(later, 365)).weak)).toEqual(['a']);
    expect(later.reads.ids).toEqual(['a']);
  });

  it('a stored value of version 1 (ratings only) keeps its ratings; the items are read once', async () => {
    const items = [item('a', 'hunter2', ['https://a.test/'])];
    const v1 = withRatingKeys({ exportKey: () => KEY.slice() }, (k) => {
      const digest = withPasswordNames(k.mac, (nameOf) => nameOf('hunter2'));
      const sealed = toBase64(
        seal(
          k.seal,
          utf8ToBytes(JSON.stringify([[digest, 0]])),
          utf8ToBytes('tessera/health/ratings/v1\u0000vault-1'),
        ),
      );
      return { version: 1, vaultId: 'vault-1', sealed } as const;
    });
    const { service, rated, ratings } = recordingService(() => 4);
    ratings.saved = v1;
    const vault = vaultOf(items);
    expect(ids((await service.report(vault, 365)).weak)).toEqual(['a']);
    expect(rated).toEqual([]);
    expect(vault.reads.ids).toEqual(['a']);
    expect(ratings.saved?.version).toBe(2);
  });
});
