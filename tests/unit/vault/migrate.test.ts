/**
 * Format migrations (src/vault/migrate.ts), on copies of the frozen vaults: a step runs in one
 * transaction with the header bump, an interrupted step leaves a vault that still opens, a rerun
 * completes it, and a vault newer than the code is refused without being touched.
 *
 * The steps here are test-only. "Format 0" is a made-up older layout that kept the key records as
 * one list in the meta store; its step moves them into the wrappers store. Without the step the
 * vault cannot be unlocked, so a passing open proves the step ran (through vault.ts's hook).
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { VaultError } from '../../../src/vault/errors';
import { FORMAT_VERSION, type HeaderRecord, type WrapperRecord } from '../../../src/vault/format';
import { type MigrationStep, type MigrationTx, migrateVault } from '../../../src/vault/migrate';
import type { VaultDatabase } from '../../../src/vault/store';
import { UnlockedVault } from '../../../src/vault/vault';
import { expectEveryItem, frozenVaults, loadFrozen, proofsOf } from './fixtures-frozen';
import { snapshot } from './helpers';

// vault.ts calls migrateVault() with the real registry; these tests add their own steps to it.
const testSteps = vi.hoisted(() => [] as MigrationStep[]);
vi.mock('../../../src/vault/migrate', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../src/vault/migrate')>();
  return {
    ...real,
    migrateVault: (db: VaultDatabase, steps = [...real.MIGRATIONS, ...testSteps], target?: number) =>
      real.migrateVault(db, steps, target),
  };
});

const latest = frozenVaults().at(-1)!;
const PASSWORD = latest.proofs.password;

beforeEach(() => {
  testSteps.length = 0;
});

async function header(db: VaultDatabase): Promise<HeaderRecord> {
  return (await db.get('meta', 'header')) as HeaderRecord;
}

async function setFormat(db: VaultDatabase, formatVersion: number): Promise<void> {
  await db.put('meta', { ...(await header(db)), formatVersion }, 'header');
}

/** Rewrites a copy of the frozen vault into the made-up format 0 (key records as a list in meta). */
async function formatZeroCopy(): Promise<VaultDatabase> {
  const db = await loadFrozen(latest);
  const tx = db.transaction(['meta', 'wrappers'], 'readwrite');
  const meta = tx.objectStore('meta');
  const wrappers = await tx.objectStore('wrappers').getAll();
  const stored = (await meta.get('header')) as HeaderRecord;
  await meta.put(wrappers as never, 'wrappers' as never);
  await tx.objectStore('wrappers').clear();
  await meta.put({ ...stored, formatVersion: 0 }, 'header');
  await tx.done;
  return db;
}

/** The format 0 -> 1 step; `failAfterFirst` throws after the first key record is written. */
function moveWrappersStep(options: { failAfterFirst?: boolean } = {}): MigrationStep & { runs: number } {
  const step = {
    from: 0,
    description: 'key records move to their own store',
    runs: 0,
    async run(tx: MigrationTx) {
      step.runs += 1;
      const meta = tx.objectStore('meta');
      const list = (await meta.get('wrappers' as never)) as unknown as WrapperRecord[];
      for (const [i, w] of list.entries()) {
        await tx.objectStore('wrappers').put(w);
        if (options.failAfterFirst && i === 0) throw new Error('worker stopped mid-migration');
      }
      await meta.delete('wrappers' as never);
    },
  };
  return step;
}

describe('a vault in an older format', () => {
  it('is migrated when it is opened, with every proof and every item intact', async () => {
    testSteps.push(moveWrappersStep());
    for (const [, proof] of proofsOf(latest)) {
      const db = await formatZeroCopy();
      const vault = await UnlockedVault.unlockWith(db, proof);
      await expectEveryItem(vault, latest.items);
      expect((await header(db)).formatVersion).toBe(FORMAT_VERSION);
      expect(await db.get('meta', 'wrappers' as never)).toBeUndefined();
    }
  });

  it('is migrated when a worker restart reopens it with the vault key (unlockWithKey)', async () => {
    testSteps.push(moveWrappersStep());
    const unlocked = await UnlockedVault.unlockWithPassword(await loadFrozen(latest), PASSWORD);
    const key = unlocked.exportKey();
    unlocked.lock();
    const db = await formatZeroCopy();
    await expectEveryItem(await UnlockedVault.unlockWithKey(db, key), latest.items);
    expect((await header(db)).formatVersion).toBe(FORMAT_VERSION);
  });

  it('a vault of today’s format opens with a key in one read-only transaction (head and index)', async () => {
    const unlocked = await UnlockedVault.unlockWithPassword(await loadFrozen(latest), PASSWORD);
    const key = unlocked.exportKey();
    unlocked.lock();
    const db = await loadFrozen(latest);
    const modes: string[] = [];
    const real = db.transaction.bind(db);
    db.transaction = ((stores: never, mode?: IDBTransactionMode) => {
      modes.push(mode ?? 'readonly');
      return real(stores, mode);
    }) as typeof db.transaction;
    const opened = await UnlockedVault.unlockWithKey(db, key);
    expect(modes).toEqual(['readonly']);
    await expectEveryItem(opened, latest.items);
  });

  it('is refused with a clear message when no step converts it, and left as it was', async () => {
    const db = await formatZeroCopy();
    const before = await snapshot(db);
    const err = await UnlockedVault.unlockWithPassword(db, PASSWORD).catch((e) => e);
    expect(err).toBeInstanceOf(VaultError);
    expect((err as VaultError).code).toBe('unsupported-version');
    expect(await snapshot(db)).toBe(before);
  });

  it('interrupted mid-step keeps the old format whole; the next open migrates it and opens', async () => {
    const db = await formatZeroCopy();
    const before = await snapshot(db);
    const failing = moveWrappersStep({ failAfterFirst: true });
    testSteps.push(failing);
    const err = await UnlockedVault.unlockWithPassword(db, PASSWORD).catch((e) => e);
    expect(failing.runs).toBe(1);
    expect(err).toBeInstanceOf(VaultError);
    expect((err as VaultError).code).toBe('storage-failed');
    expect((err as VaultError).message).toMatch(
      /^Could not update the vault from format 0 to 1 \(key records move to their own store\): worker stopped mid-migration\. Nothing was changed\./,
    );
    // Nothing of the half-done step was kept: same records, same header.
    expect(await snapshot(db)).toBe(before);

    testSteps.length = 0;
    testSteps.push(moveWrappersStep());
    await expectEveryItem(await UnlockedVault.unlockWithPassword(db, PASSWORD), latest.items);
    expect((await header(db)).formatVersion).toBe(FORMAT_VERSION);
  });
});

describe('migrateVault', () => {
  /** A made-up step from today's format to the next: adds a marker record to every chunk. */
  function markChunksStep(fail = false): MigrationStep & { runs: number } {
    const step = {
      from: FORMAT_VERSION,
      description: 'chunks get a marker',
      runs: 0,
      async run(tx: MigrationTx) {
        step.runs += 1;
        const chunks = tx.objectStore('chunks');
        for (const chunk of await chunks.getAll()) {
          await chunks.put({ ...chunk, marked: true } as never);
          if (fail) tx.abort();
        }
      },
    };
    return step;
  }

  it('bumps the header in the same transaction, and a rerun is a no-op', async () => {
    const db = await loadFrozen(latest);
    const step = markChunksStep();
    await migrateVault(db, [step], FORMAT_VERSION + 1);
    expect((await header(db)).formatVersion).toBe(FORMAT_VERSION + 1);
    expect((await db.getAll('chunks')).every((c) => (c as { marked?: boolean }).marked)).toBe(true);
    const after = await snapshot(db);
    await migrateVault(db, [step], FORMAT_VERSION + 1);
    expect(step.runs).toBe(1);
    expect(await snapshot(db)).toBe(after);
  });

  it('an aborted step leaves today’s format, which today’s code opens with every item', async () => {
    const db = await loadFrozen(latest);
    const before = await snapshot(db);
    const err = await migrateVault(db, [markChunksStep(true)], FORMAT_VERSION + 1).catch((e) => e);
    expect(err).toBeInstanceOf(VaultError);
    expect((err as VaultError).message).toMatch(/Nothing was changed/);
    expect(await snapshot(db)).toBe(before);
    await expectEveryItem(await UnlockedVault.unlockWithPassword(db, PASSWORD), latest.items);
  });
});

describe('a vault newer than the code', () => {
  it('is refused with "written by a newer version" and not touched', async () => {
    const db = await loadFrozen(latest);
    await setFormat(db, FORMAT_VERSION + 1);
    testSteps.push({ from: FORMAT_VERSION + 1, description: 'never runs', run: () => Promise.reject() });
    const before = await snapshot(db);
    for (const [, proof] of proofsOf(latest)) {
      const err = await UnlockedVault.unlockWith(db, proof).catch((e) => e);
      expect(err).toBeInstanceOf(VaultError);
      expect((err as VaultError).code).toBe('unsupported-version');
      expect((err as VaultError).message).toBe(
        `This vault was written by a newer version of Tessera (format ${FORMAT_VERSION + 1}). Update Tessera to open it.`,
      );
    }
    expect(await snapshot(db)).toBe(before);
  });
});
