/**
 * Vault format migrations: bring a vault written by an older release up to FORMAT_VERSION before
 * it is opened (vault.ts calls migrateVault before it checks the header).
 *
 * A step converts format N to N+1. It runs inside ONE readwrite IndexedDB transaction that also
 * rewrites the header's formatVersion to N+1, so IndexedDB's all-or-nothing commit leaves either
 * the whole old format or the whole new one, never a mix: a worker stopped, a tab closed or a
 * disk full in the middle leaves the old vault, which the next open migrates again from scratch.
 * The header is re-read inside that transaction, so a step already done (by another window, or
 * before a crash after the commit) is never applied twice.
 *
 * Rules for a step (each is what makes the guarantee above hold):
 * - only transaction work: no awaiting anything but requests of `tx` (fetch, timers or crypto.subtle
 *   would let IndexedDB commit the transaction half-way);
 * - no key: migrations run before the vault is unlocked, on stored records only. A change that must
 *   re-encrypt records needs the vault key and belongs after unlock, with its own atomic write;
 * - never delete what the old format needs until the same transaction writes its replacement;
 * - a step that changes what an overview or a chunk holds deletes meta 'firstScreen' and
 *   'listOrder' (the sealed first screen and list order, first-screen.ts and list-order.ts): it
 *   cannot re-seal them without the key, and a stale one would still open while the manifest is
 *   unchanged. The next write stores new ones.
 *
 * The frozen vault of every format (tests/fixtures/vaults/format-<N>/) is opened through these
 * steps by tests/unit/vault/fixtures.test.ts; a new step needs a new frozen folder beside the others.
 */

import { storageError } from './errors';
import { FORMAT_VERSION, type HeaderRecord } from './format';
import { abortAndSettle, type VaultDatabase } from './store';

/** The one transaction a step writes in: every store of the vault database. */
export type MigrationTx = ReturnType<typeof migrationTx>;

export interface MigrationStep {
  /** Converts format `from` to `from + 1`. */
  from: number;
  /** What it changes, for the error message if it fails. */
  description: string;
  run(tx: MigrationTx): Promise<void>;
}

/**
 * Every step, in order. A step added here must come with FORMAT_VERSION bumped to its `from + 1`
 * and the new version frozen.
 */
export const MIGRATIONS: readonly MigrationStep[] = [
  {
    // Format 2 adds sync's stores (sync, syncVersions, changes). IndexedDB creates stores only in
    // its version-change upgrade (store.ts, database version 2), which has run before any step;
    // they start empty (sync off), so no record of format 1 changes. The header moving to 2 is
    // what tells an older Tessera that this vault is newer than it knows.
    from: 1,
    description: 'sync stores',
    async run() {},
  },
  {
    // Format 3 writes overview chunks as text columns (format.ts, encodeChunk). A step cannot
    // re-seal them (no key), and needs not: format 3 reads both forms, so the step only moves the
    // header, which tells an older Tessera (which would read a new chunk as damaged) to refuse
    // this vault. The unlock after it stores the old chunks anew (UnlockedVault.rewriteOutdatedChunks).
    // The chunks' overviews do not change, so the first screen and list order stay.
    from: 2,
    description: 'overview text columns',
    async run() {},
  },
];

/**
 * Runs the steps that take the stored vault from its format to `target`. Does nothing for an empty
 * database, a damaged header, a vault already at `target`, or a vault newer than the code: the
 * header check that follows refuses those with its own clear message.
 */
export async function migrateVault(
  db: VaultDatabase,
  steps: readonly MigrationStep[] = MIGRATIONS,
  target: number = FORMAT_VERSION,
): Promise<void> {
  for (;;) {
    const version = formatOf(await readHeader(db));
    if (version === undefined || version >= target) return;
    const step = steps.find((s) => s.from === version);
    if (!step) return;
    await runStep(db, step);
  }
}

async function runStep(db: VaultDatabase, step: MigrationStep): Promise<void> {
  const tx = migrationTx(db);
  try {
    const meta = tx.objectStore('meta');
    const header = (await meta.get('header')) as HeaderRecord | undefined;
    // Already done since we looked (another window, or committed just before a crash): skip it.
    if (header && formatOf(header) === step.from) {
      await step.run(tx);
      await meta.put({ ...header, formatVersion: step.from + 1 }, 'header');
    }
    await tx.done;
  } catch (err) {
    await abortAndSettle(tx);
    throw storageError(
      err,
      `update the vault from format ${step.from} to ${step.from + 1} (${step.description})`,
    );
  }
}

async function readHeader(db: VaultDatabase): Promise<HeaderRecord | undefined> {
  try {
    return (await db.get('meta', 'header')) as HeaderRecord | undefined;
  } catch (err) {
    throw storageError(err, 'read the vault');
  }
}

function formatOf(header: HeaderRecord | undefined): number | undefined {
  const version = header?.formatVersion;
  return Number.isSafeInteger(version) ? version : undefined;
}

function migrationTx(db: VaultDatabase) {
  return db.transaction(['meta', 'wrappers', 'chunks', 'items'], 'readwrite');
}
