/**
 * The key holder. While the vault is unlocked, the background's Session owns the one UnlockedVault
 * (and so the vault key). Nothing else in the extension keeps it.
 *
 * Surviving a worker restart: Chrome stops an idle service worker after ~30 s. To stay unlocked,
 * the vault key is copied to storage.session, which the browser keeps in memory only, clears when
 * the browser quits, and (with the access level set in the background) exposes to this extension's
 * trusted pages only, never to content scripts. It never goes to storage.local or IndexedDB. When
 * a new worker starts, the first request reopens the vault from that copy.
 *
 * Beside the key: the unlock's epoch and the list snapshot (overviews only, ListPublisher), which
 * pages read to show the list without waking the worker; all three go together on lock.
 *
 * One owner, one queue (issue 13): everything that writes with the key (item writes, key records,
 * password changes, imports) runs through withVault()/withConfirmedVault() on the Session's one
 * SerialQueue, as do unlock, lock, reset and the integrity check. So a lock (the person's, the
 * auto-lock alarm's, a system lock) waits for the write in flight to finish and is never
 * interleaved with it; UnlockedVault's own key accessor is the second line (a write that got its
 * vault before the lock fails 'locked', never seals under a wiped key). Reads (vault(): list, get)
 * stay outside the queue and re-check the key right before they open a record.
 *
 * A lock is never undone: the reopen from the session copy of the key (after a worker restart)
 * runs outside the queue, so every lock and reset moves #generation on, and a reopen that started
 * in an earlier generation discards what it opened instead of installing it.
 *
 * Auto-lock activity: unlocking counts (onActive). Reading the vault does not: content scripts
 * read it (match counts, save offers, the inline menu) and a web page can make them do so at will.
 */

import { fromBase64, toBase64, toHex, wipe } from '../crypto/encoding';
import { randomBytes } from '../crypto/random';
import {
  EPOCH_SLOT,
  FIRST_SCREEN_ROWS,
  FIRST_SCREEN_SLOT,
  type FirstScreenSnapshot,
  firstScreenOf,
  LIST_SLOT,
} from '../messages/list-snapshot';
import { markUnlock } from '../messages/perf-marks';
import type { UnlockReply, VaultStatus } from '../messages/protocol';
import { Refusal } from '../messages/router';
import { VaultError } from '../vault/errors';
import type { WrapperRecord } from '../vault/format';
import { parseRecoveryKey, RecoveryKeyFormatError } from '../vault/recovery-key';
import { destroyVaultDatabase, type VaultDatabase } from '../vault/store';
import {
  hasVault,
  type KdfCost,
  type KeyRecordInfo,
  type OpenProblem,
  type Proof,
  UnlockedVault,
} from '../vault/vault';
import { ListPublisher } from './list-publisher';
import { SerialQueue } from './serial-queue';
import type { KeyValueArea } from './storage-area';
import { type FailureRecord, retryAfterMs } from './throttle';

/** Why the vault locked. 'not-held': an unlock's storage.session writes failed after its reply. */
export type LockReason = 'user' | 'idle' | 'system-lock' | 'browser-restart' | 'reset' | 'not-held';

export interface SessionDeps {
  openDb(): Promise<VaultDatabase>;
  /** browser.storage.session (trusted contexts only). */
  sessionArea: KeyValueArea;
  now(): number;
  /** Called after every lock, to tell open pages and clear the auto-lock alarm. */
  onLocked(reason: LockReason): void;
  /** Called after an unlock, to schedule auto-lock. (Later activity is the background's to report.) */
  onActive(): void;
  /**
   * Called when damaged records were found after the unlock answered (the rest of the index opens
   * later, and the integrity check later still): open pages are told to ask for the problems.
   */
  onProblems?(): void;
  /** Argon2id cost for new vaults and new passwords; the default is DEFAULT_KDF. */
  kdfCost?: KdfCost;
  /** How long after serving the list its snapshot is written (ListPublisher's default otherwise). */
  listSnapshotDelayMs?: number;
  /**
   * Called after every write a person made through the Session (item writes, key records,
   * password changes): sync schedules its next run. Not after work run `quiet` (sync's own
   * writes, and reads that use the queue only to be ordered with a lock: the health report,
   * exports), so reading the vault never makes a sync.
   */
  onWrite?: () => void;
  /**
   * Asked when the local key records refuse a master password: the synced key records may hold a
   * password changed on another device (src/sync/service.ts). Answers the vault key that password
   * opens, the synced records and when they changed, or null (the password is wrong there too).
   * The caller wipes nothing: the Session wipes the key it gets.
   */
  keysElsewhere?: (db: VaultDatabase, proof: Proof) => Promise<KeysElsewhere | null>;
}

/** What the synced key records gave for a password the local ones refused (SessionDeps.keysElsewhere). */
export interface KeysElsewhere {
  /** Opens this device's vault as it is stored. */
  key: Uint8Array;
  /** The synced password and recovery records (adopted when the key stays the same). */
  records: WrapperRecord[];
  /** When the password was changed (or the key replaced) on the other device. */
  changedAt: number;
  /**
   * Set when the vault key was replaced on the other device: `apply` re-encrypts the vault just
   * opened with `key` under the new key and records (it runs inside the unlock, on the queue);
   * `wipe` forgets the new key, whether or not it was applied.
   */
  keyReplaced?: { apply(vault: UnlockedVault): Promise<void>; wipe(): void };
}

const KEY_SLOT = 'session.vaultKey';
/**
 * Unlocks reply with the stored first screen and open the rest of the index after (issue 18);
 * #open waits for it before handing the vault to anything that reads or writes the index.
 */
const OPEN_FIRST_SCREEN_FIRST = { deferIndex: true } as const;
const VERIFY_DELAY_MS = 1_500;
/** Every slot this module writes in storage.session: reset removes them all. */
const PROBLEMS_SLOT = 'session.problems';
const FAILURES_SLOT = 'session.unlockFailures';
/** What a lock removes: everything that exists only while unlocked. */
const UNLOCKED_SLOTS = [KEY_SLOT, PROBLEMS_SLOT, EPOCH_SLOT, LIST_SLOT, FIRST_SCREEN_SLOT];

/**
 * What may read the open vault outside the queue: nothing here writes or exports the key.
 * allItems reads every record (the list's two-factor marks, src/totp/marks.ts); callers keep
 * what they derive from it, never the items.
 */
export type VaultReader = Pick<
  UnlockedVault,
  'list' | 'get' | 'allItems' | 'size' | 'listVersion' | 'vaultId'
>;

/** How work on the queue is reported: `quiet` work changed nothing a person made (no onWrite). */
export interface QueueOptions {
  quiet?: boolean;
}

export class Session {
  #vault: UnlockedVault | null = null;
  /** The current unlock's epoch (see list-snapshot.ts); null while locked. */
  #epoch: string | null = null;
  readonly #publisher: ListPublisher;
  #db: Promise<VaultDatabase> | null = null;
  /**
   * The one queue for work with the key: unlock, create, lock, reset, every write, the integrity
   * check. Also keeps two windows from racing past the password throttle.
   */
  readonly #queue = new SerialQueue();
  /** Moves on at every lock and reset: a reopen begun before it must not install its vault. */
  #generation = 0;
  /** Set when this unlock adopted a master password changed on another device: when it changed. */
  #keysChangedAt: number | undefined;
  /** With #keysChangedAt: the vault key was replaced there too (not only the password). */
  #keyReplaced = false;

  constructor(private readonly deps: SessionDeps) {
    this.#publisher = new ListPublisher(
      deps.sessionArea,
      () => (this.#vault && this.#epoch ? { vault: this.#vault, epoch: this.#epoch } : null),
      deps.listSnapshotDelayMs,
    );
  }

  /** A page was just served the list: leave a snapshot for the next page that opens. */
  listServed(): void {
    this.#publisher.publishSoon();
  }

  async status(): Promise<VaultStatus> {
    const vault = await this.#current();
    const retry = retryAfterMs(await this.#failures(), this.deps.now());
    if (vault) {
      return {
        state: 'unlocked',
        retryAfterMs: 0,
        problems: await this.#problems(),
        ...this.#keysChangedView(),
      };
    }
    return {
      state: (await hasVault(await this.#database())) ? 'locked' : 'empty',
      retryAfterMs: retry,
      problems: [],
    };
  }

  create(password: string): Promise<VaultStatus> {
    return this.#queue.run(async () => {
      const vault = await UnlockedVault.create(await this.#database(), password, this.deps.kdfCost);
      await this.#hold(vault);
      return this.status();
    });
  }

  /**
   * The reply carries the first screen #hold wrote (overviews only, as the slot holds them), so the
   * page that unlocked shows the list at once: only extension pages may ask (audience 'page').
   */
  unlock(password: string): Promise<UnlockReply> {
    markUnlock('received');
    // The reply leaves as soon as #hold has issued its storage.session writes, before they land
    // (issue 18). The queue turn still waits for them, so a lock asked for after the reply runs
    // after them and removes what they wrote; and they were issued before the reply, so a worker
    // stopped after the reply stops after the browser was given the key (as before, when the reply
    // waited: a stop before the writes are issued leaves the vault locked). A write that fails after
    // the reply locks the vault ('not-held'), and the page that showed the list is told.
    let answered = false;
    return new Promise<UnlockReply>((answer, refuse) => {
      const reply = (value: UnlockReply) => {
        answered = true;
        answer(value);
      };
      this.#queue
        .run(async () => {
          // The throttle's count is read beside #current's read of the key slot: one storage round
          // trip before Argon2id instead of two. Both are reads, and attempts are serial here.
          const failures = this.#failures();
          failures.catch(() => undefined);
          if (await this.#current()) return reply(await this.status());
          markUnlock('checked');
          const vault = await this.#passwordAttempt(() => this.#unlockWithPassword(password), failures);
          markUnlock('opened');
          await this.#hold(vault, ({ total, encoded }) => {
            markUnlock('issued');
            reply({ ...unlockedStatus(vault, this.#keysChangedView()), firstScreen: { total, encoded } });
          });
          markUnlock('held');
        })
        .catch((err: unknown) => {
          if (!answered) return refuse(err);
          void this.lock('not-held');
        });
    });
  }

  /** keysChangedAt (and keyReplaced) of VaultStatus, when an unlock adopted keys changed elsewhere. */
  #keysChangedView(): Pick<VaultStatus, 'keysChangedAt' | 'keyReplaced'> {
    if (this.#keysChangedAt === undefined) return {};
    return { keysChangedAt: this.#keysChangedAt, ...(this.#keyReplaced ? { keyReplaced: true } : {}) };
  }

  /**
   * The local key records first; if they refuse the password, the synced ones (keysElsewhere): a
   * password changed on another device opens this one, whose records are then replaced by the
   * synced ones, so the old password no longer opens it.
   */
  async #unlockWithPassword(password: string): Promise<UnlockedVault> {
    const db = await this.#database();
    try {
      return await UnlockedVault.unlockWithPassword(db, password, OPEN_FIRST_SCREEN_FIRST);
    } catch (err) {
      if (!(err instanceof VaultError) || err.code !== 'wrong-password' || !this.deps.keysElsewhere)
        throw err;
      // A refusal says why the password that is right elsewhere cannot open this vault yet
      // ('key-replaced'); anything else means the folder could not help: the local answer stands.
      const found = await this.deps.keysElsewhere(db, { kind: 'password', password }).catch((e: unknown) => {
        if (e instanceof Refusal) throw e;
        return null;
      });
      if (!found) throw err;
      try {
        // unlockWithKey checks the key against this vault's manifest: a key that does not open
        // it is refused, and the local answer stands.
        const vault = await UnlockedVault.unlockWithKey(db, found.key).catch(() => {
          throw err;
        });
        try {
          if (found.keyReplaced) await found.keyReplaced.apply(vault);
          else await vault.adoptKeyRecords(found.records);
        } catch (applyError) {
          vault.lock();
          throw applyError;
        }
        this.#keysChangedAt = found.changedAt;
        this.#keyReplaced = found.keyReplaced !== undefined;
        return vault;
      } finally {
        wipe(found.key);
        found.keyReplaced?.wipe();
      }
    }
  }

  /**
   * Installs a vault built by `build` with no vault here before (sync's join from a new device),
   * on the queue, and holds it unlocked.
   */
  adopt(build: (db: VaultDatabase) => Promise<UnlockedVault>): Promise<VaultStatus> {
    return this.#queue.run(async () => {
      if (await hasVault(await this.#database())) {
        throw new VaultError('vault-exists', 'A vault already exists in this browser profile.');
      }
      await this.#hold(await build(await this.#database()));
      return this.status();
    });
  }

  /**
   * Runs `work` on the open vault on the queue: a lock asked for meanwhile waits until it is done.
   * Every write with the vault key goes through here (or withConfirmedVault). Throws 'locked'.
   * `work` must not call back into the Session's queued methods (it would wait on itself).
   * `quiet`: `work` writes nothing a person made (a read, or sync's own merge): no onWrite.
   */
  withVault<T>(work: (vault: UnlockedVault) => Promise<T>, options: QueueOptions = {}): Promise<T> {
    return this.#queue.run(async () => {
      const result = await work(await this.#open());
      if (!options.quiet) this.deps.onWrite?.();
      return result;
    });
  }

  /**
   * withVault, after the master password was entered again (for everything that creates a lasting
   * way in or a copy: recovery key, biometric enrolment, backup, export). Wrong passwords count
   * towards the same throttle as unlock: being unlocked must not allow guessing the master
   * password at Argon2id speed.
   */
  withConfirmedVault<T>(
    password: string,
    work: (vault: UnlockedVault) => Promise<T>,
    options: QueueOptions = {},
  ): Promise<T> {
    return this.#queue.run(async () => {
      const vault = await this.#passwordAttempt(async () => {
        const open = await this.#open();
        await open.confirm({ kind: 'password', password });
        return open;
      });
      const result = await work(vault);
      if (!options.quiet) this.deps.onWrite?.();
      return result;
    });
  }

  /**
   * A master password checked elsewhere (sync's rejoin opens the folder's key ring with it), under
   * the unlock's throttle. Outside the queue: it waits on the network, which a lock must not.
   */
  passwordAttempt<T>(attempt: () => Promise<T>): Promise<T> {
    return this.#passwordAttempt(attempt);
  }

  /** Changes the master password, proven by the current one (throttled like unlock). */
  changePassword(current: string, next: string, cost: KdfCost = this.deps.kdfCost ?? {}): Promise<void> {
    return this.#queue.run(async () => {
      await this.#passwordAttempt(async () => (await this.#open()).changePassword(current, next, cost));
      this.deps.onWrite?.();
    });
  }

  /** Unlocks with a fresh biometric (WebAuthn PRF) output. Not throttled: it needs the authenticator. */
  unlockWithBiometric(credentialId: Uint8Array, prfOutput: Uint8Array): Promise<VaultStatus> {
    return this.#queue.run(async () => {
      if (await this.#current()) return this.status();
      const vault = await UnlockedVault.unlockWith(
        await this.#database(),
        { kind: 'prf', credentialId, prfOutput },
        OPEN_FIRST_SCREEN_FIRST,
      );
      await this.#hold(vault);
      return unlockedStatus(vault, this.#keysChangedView());
    });
  }

  /**
   * Forgot the password, have the recovery key (S5): open the vault with the recovery key and set
   * a new master password, then stay unlocked.
   */
  recover(recoveryKey: string, next: string): Promise<VaultStatus> {
    return this.#queue.run(async () => {
      let secret: Uint8Array;
      try {
        secret = parseRecoveryKey(recoveryKey);
      } catch (err) {
        throw new VaultError(
          'wrong-key',
          err instanceof RecoveryKeyFormatError ? err.message : 'That is not a recovery key.',
        );
      }
      try {
        const vault = await UnlockedVault.unlockWith(await this.#database(), { kind: 'recovery', secret });
        await vault.setPassword({ kind: 'recovery', secret }, next, this.deps.kdfCost);
        this.#vault?.lock();
        await this.#hold(vault);
        await this.deps.sessionArea.remove(FAILURES_SLOT);
        this.deps.onWrite?.();
      } finally {
        wipe(secret);
      }
      return this.status();
    });
  }

  /** First run after a reset: a new vault holding the backup's items, written in one transaction. */
  restore(items: readonly unknown[], masterPassword: string): Promise<VaultStatus> {
    return this.#queue.run(async () => {
      const vault = await UnlockedVault.create(
        await this.#database(),
        masterPassword,
        this.deps.kdfCost,
        items,
      );
      await this.#hold(vault);
      return this.status();
    });
  }

  /** The key records (password, biometric, recovery) without secrets; works while locked. */
  async keyRecords(): Promise<KeyRecordInfo[]> {
    return UnlockedVault.keyRecords(await this.#database());
  }

  /** Wipes the key from memory and storage.session. Safe to call when already locked. */
  lock(reason: LockReason): Promise<VaultStatus> {
    return this.#queue.run(async () => {
      this.#generation++;
      this.#vault?.lock();
      this.#vault = null;
      this.#epoch = null;
      this.#keysChangedAt = undefined;
      this.#keyReplaced = false;
      this.#publisher.forget();
      await this.deps.sessionArea.remove(UNLOCKED_SLOTS);
      this.deps.onLocked(reason);
      return this.status();
    });
  }

  /**
   * The open vault for reading (list, get), reopened from storage.session after a worker restart;
   * throws 'locked'. Not activity: see the header. Writes go through withVault().
   */
  vault(): Promise<VaultReader> {
    return this.#open();
  }

  isUnlockedInMemory(): boolean {
    return this.#vault !== null;
  }

  /** Deletes the whole vault database and all session state (reset local data). */
  reset(): Promise<void> {
    return this.#queue.run(async () => {
      this.#generation++;
      this.#vault?.lock();
      this.#vault = null;
      this.#epoch = null;
      this.#publisher.forget();
      const db = this.#db ? await this.#db.catch(() => undefined) : undefined;
      this.#db = null;
      await this.deps.sessionArea.remove([...UNLOCKED_SLOTS, FAILURES_SLOT]);
      await destroyVaultDatabase(db);
      this.deps.onLocked('reset');
    });
  }

  // ---- internals --------------------------------------------------------------------------

  /**
   * Runs one master-password attempt under the throttle: refused while a wait is due, a wrong
   * password is counted (in storage.session, so a worker restart does not reset it) and a right
   * one clears the count. Callers hold the queue, so two attempts cannot pass the check together
   * (except passwordAttempt's, which may overlap one another: each is still counted).
   */
  async #passwordAttempt<T>(
    attempt: () => Promise<T>,
    /** The count, when its read was started earlier in the same queue turn. */
    failuresRead: Promise<FailureRecord | undefined> = this.#failures(),
  ): Promise<T> {
    const failures = await failuresRead;
    const wait = retryAfterMs(failures, this.deps.now());
    if (wait > 0) {
      throw new Refusal(
        'throttled',
        `Too many wrong attempts. Try again in ${Math.ceil(wait / 1000)} s.`,
        wait,
      );
    }
    let result: T;
    try {
      result = await attempt();
    } catch (err) {
      if (err instanceof VaultError && err.code === 'wrong-password') {
        const record: FailureRecord = {
          failures: (failures?.failures ?? 0) + 1,
          lastFailureAt: this.deps.now(),
        };
        await this.deps.sessionArea.set({ [FAILURES_SLOT]: record });
        const next = retryAfterMs(record, this.deps.now());
        throw new VaultError(
          'wrong-password',
          next > 0 ? `${err.message} Wait ${Math.ceil(next / 1000)} s before trying again.` : err.message,
        );
      }
      throw err;
    }
    if (failures) await this.deps.sessionArea.remove(FAILURES_SLOT);
    return result;
  }

  /**
   * Holds `vault` unlocked; returns the first screen it wrote. `issued` is called with it once the
   * writes are issued, before they land (unlock answers then).
   */
  async #hold(
    vault: UnlockedVault,
    issued?: (first: FirstScreenSnapshot) => void,
  ): Promise<FirstScreenSnapshot> {
    const epoch = toHex(randomBytes(16));
    this.#vault = vault;
    this.#epoch = epoch;
    this.#watchList(vault);
    const key = vault.exportKey();
    // The first rows alone: the whole list is sorted when a page first asks for it, after this
    // reply (UnlockedVault.firstScreen).
    const first = await vault.firstScreen(FIRST_SCREEN_ROWS);
    const firstScreen = firstScreenOf(first.entries, epoch, first.total);
    // A snapshot of an earlier unlock is unusable under the new epoch: removed first. The first
    // screen of this one is written with the key, so the page that asked for the unlock shows it
    // without waiting for the whole list. Both calls are issued in this turn: applied in order.
    // What the slot (and the unlock's reply, built in this same turn) says; the rest of the index
    // may add to it later (#reportRestOpen).
    const told = vault.problems.length;
    try {
      const writes = Promise.all([
        this.#publisher.invalidate(),
        this.deps.sessionArea.set({
          [KEY_SLOT]: toBase64(key),
          [PROBLEMS_SLOT]: vault.problems,
          [EPOCH_SLOT]: epoch,
          [FIRST_SCREEN_SLOT]: firstScreen,
        }),
      ]);
      issued?.(firstScreen);
      await writes;
    } finally {
      wipe(key);
    }
    // Once held (and after the reply: the auto-lock alarm, the toolbar icon and sync's start cost
    // the worker's thread ~20 ms under load, which the reply used to wait for).
    this.deps.onActive();
    this.#reportRestOpen(vault, told);
    this.#verifyLater(vault);
    return firstScreen;
  }

  /**
   * The rest of the index opens after the unlock answered (src/vault/first-screen.ts): damaged
   * records it finds after the reply (beyond the `told` first ones) are stored and the pages told
   * at once, so the notice does not wait for the next status read.
   */
  #reportRestOpen(vault: UnlockedVault, told: number): void {
    vault
      .ready()
      .then(async () => {
        if (vault.problems.length > told) await this.#storeProblems(vault, true);
      })
      .catch(() => undefined);
  }

  /**
   * Stores the open vault's problems for status() (and a restarted worker), and with `tell` has
   * the pages told; nothing if `vault` is no longer the one held (a lock came between).
   */
  async #storeProblems(vault: UnlockedVault, tell: boolean): Promise<void> {
    if (this.#vault !== vault) return;
    await this.deps.sessionArea.set({ [PROBLEMS_SLOT]: vault.problems });
    if (tell && this.#vault === vault) this.deps.onProblems?.();
  }

  /** Every change of the open vault's list removes the stale snapshot before it resolves. */
  #watchList(vault: UnlockedVault): void {
    vault.onListChange = () => (this.#vault === vault ? this.#publisher.invalidate() : Promise.resolve());
    // Sync rotated the vault key: the session copy must be the new key, or a worker restart
    // would reopen with the old one (which no longer opens the vault).
    vault.onKeyChange = async () => {
      if (this.#vault !== vault) return;
      const key = vault.exportKey();
      await this.deps.sessionArea.set({ [KEY_SLOT]: toBase64(key) });
      wipe(key);
    };
  }

  /**
   * The full integrity cross-check runs after the list has been shown (it lists every stored key,
   * which would otherwise compete with the popup's first list request), and adds what it finds.
   * Then, in the same queue as every write, the chunks a vault from before format 3 still holds in
   * the old form are stored anew (UnlockedVault.rewriteOutdatedChunks): the next unlock is faster.
   * A failure there (a lock, another window's write) only leaves them for the next unlock.
   */
  #verifyLater(vault: UnlockedVault): void {
    this.verified = new Promise((resolve) => setTimeout(resolve, VERIFY_DELAY_MS))
      .then(() => this.#queue.run(async () => (vault.isLocked ? [] : vault.verify())))
      .then(async (found) => {
        // What opening the rest of the index found (after the unlock replied) is reported here too.
        if (found.length > 0 || vault.problems.length > 0) await this.#storeProblems(vault, found.length > 0);
      })
      .catch(() => undefined)
      .then(() => this.#queue.run(async () => (vault.isLocked ? 0 : vault.rewriteOutdatedChunks())))
      .then(
        () => undefined,
        () => undefined,
      );
  }

  /** Settles when the last integrity check, and the chunk rewrite after it, have finished (tests wait on it). */
  verified: Promise<void> = Promise.resolve();

  /** The open vault, or VaultError('locked'). */
  async #open(): Promise<UnlockedVault> {
    const vault = await this.#current();
    if (!vault) throw new VaultError('locked', 'The vault is locked. Unlock it first.');
    // The unlock replied with the first screen; the rest of the index may still be opening.
    await vault.ready();
    return vault;
  }

  /**
   * The vault in memory, or reopened from the session copy of the key, or null. Runs outside the
   * queue (status() is asked inside it), so after every await it checks that no lock or reset
   * happened since it began: a reopen that a lock overtook is discarded, never installed.
   */
  async #current(): Promise<UnlockedVault | null> {
    if (this.#vault) return this.#vault;
    const generation = this.#generation;
    const overtaken = () => generation !== this.#generation;
    const slots = await this.deps.sessionArea.get([KEY_SLOT, EPOCH_SLOT]);
    const stored = slots[KEY_SLOT];
    if (typeof stored !== 'string' || overtaken()) return this.#vault;
    const key = fromBase64(stored);
    let vault: UnlockedVault;
    try {
      vault = await UnlockedVault.unlockWithKey(await this.#database(), key, OPEN_FIRST_SCREEN_FIRST);
    } catch {
      // The vault was reset or replaced since: the session copy is stale.
      if (!overtaken()) await this.deps.sessionArea.remove(UNLOCKED_SLOTS);
      return null;
    } finally {
      wipe(key);
    }
    let epoch = slots[EPOCH_SLOT];
    if (typeof epoch !== 'string' && !overtaken() && !this.#vault) {
      epoch = toHex(randomBytes(16));
      await this.deps.sessionArea.set({ [EPOCH_SLOT]: epoch });
    }
    // Locked meanwhile (the lock removed the slots after our read), or another request reopened it
    // first: keep what is there, and wipe this copy.
    if (overtaken() || this.#vault || typeof epoch !== 'string') {
      vault.lock();
      return this.#vault;
    }
    this.#vault = vault;
    this.#epoch = epoch;
    this.#watchList(vault);
    return vault;
  }

  async #problems(): Promise<OpenProblem[]> {
    const stored = (await this.deps.sessionArea.get(PROBLEMS_SLOT))[PROBLEMS_SLOT];
    return Array.isArray(stored) ? (stored as OpenProblem[]) : [];
  }

  async #failures(): Promise<FailureRecord | undefined> {
    const stored = (await this.deps.sessionArea.get(FAILURES_SLOT))[FAILURES_SLOT] as
      | FailureRecord
      | undefined;
    return stored && typeof stored.failures === 'number' ? stored : undefined;
  }

  /** The vault database (sync reads and clears its own stores in it). */
  database(): Promise<VaultDatabase> {
    return this.#database();
  }

  #database(): Promise<VaultDatabase> {
    this.#db ??= this.deps.openDb();
    return this.#db;
  }
}

/**
 * What status() answers right after #hold(vault), without its two storage reads: the page that
 * unlocked waits for this reply before it shows the list. The problems are the ones #hold stored.
 */
function unlockedStatus(
  vault: UnlockedVault,
  keysChanged: Pick<VaultStatus, 'keysChangedAt' | 'keyReplaced'>,
): VaultStatus {
  return { state: 'unlocked', retryAfterMs: 0, problems: [...vault.problems], ...keysChanged };
}
