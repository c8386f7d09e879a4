/**
 * Sync on this device (issue 14): connects the vault to a WebDAV folder and keeps them merged.
 * The engine (engine.ts) does the merging; this module decides when it runs and with what.
 *
 * When: on unlock, shortly after each local write (debounced, coalesced), on the periodic alarm
 * while unlocked, and on "Sync now". Never two at once: a request while one runs waits for it and
 * then one more run (coalesced), so a change made during a sync is not left behind.
 *
 * The key: a sync works on the vault it started with. Lock, auto-lock or a worker stop during any
 * await leaves it holding a locked UnlockedVault: its next seal or open throws 'locked', and its
 * commits (on the Session's queue) are refused. Every commit is whole, so the next sync completes
 * what was cut short (engine.ts). A lock also aborts the requests in flight (the store's signal).
 *
 * The server: its address and user name in the `sync` store, its app password sealed under a
 * device key (credential.ts), so a locked device can still fetch key records changed elsewhere
 * (the Session's keysElsewhere). Before any request the host permission for the folder's origin
 * must be granted (host-permission.ts): without it, 'no-permission' and no fetch.
 */

import { wipe } from '../crypto/encoding';
import { Refusal } from '../messages/router';
import type { KeysElsewhere, Session } from '../session/session';
import { VaultError } from '../vault/errors';
import type { Proof } from '../vault/key-records';
import { readHead, type VaultDatabase } from '../vault/store';
import { type KdfCost, type KeyRotation, UnlockedVault } from '../vault/vault';
import { openCredential, type SealedCredential, sealCredential } from './credential';
import { inspectFolder, openRemoteKeys, SyncEngine, SyncError, type SyncReport } from './engine';
import { FolderUrlError, normalizeFolderUrl } from './folder-url';
import { RemoteError, type RemoteStore } from './remote-store';
import type { FolderPlan, SyncStatus } from './status';
import { unlockWithSyncedKeys } from './unlock';
import { clearSyncRecords, LocalEditRace, readSyncState, VaultReplica } from './vault-replica';

/** How long after a local write the sync starts: edits in a burst go in one batch. */
export const SYNC_DEBOUNCE_MS = 2_000;
/** The periodic sync while unlocked (an `alarms` alarm: it wakes a stopped worker). */
export const SYNC_PERIOD_MINUTES = 5;

export interface ServerInput {
  url: string;
  username: string;
  password: string;
}

/** The server as stored (`sync` store, 'config'), with what the status line shows. */
export interface SyncConfig {
  url: string;
  username: string;
  credential: SealedCredential;
  lastSyncedAt?: number;
  lastError?: { code: string; message: string };
  keysChangedAt?: number;
  warnings: string[];
}

/** What a server needs to be reached: the folder URL (normalised), user name and app password. */
export interface ServerAccess {
  folder: URL;
  username: string;
  password: string;
}

export interface SyncServiceDeps {
  session: Session;
  /** A RemoteStore for the server; `signal` aborts its requests (lock). */
  remote(access: ServerAccess, signal: AbortSignal): RemoteStore & { checkServer?(): Promise<unknown> };
  /** permissions.contains for the folder's origin (host-permission.ts). */
  hasPermission(folder: URL): Promise<boolean>;
  /** Turns the periodic alarm on (connected and unlocked) or off. */
  periodic(on: boolean): void;
  /** Tells open pages the status changed (no listener is fine). */
  announce?(status: SyncStatus): void;
  now?(): number;
  debounceMs?: number;
}

const CONFIG = 'config';

export class SyncService {
  #running: Promise<void> | null = null;
  #again = false;
  #timer: ReturnType<typeof setTimeout> | null = null;
  /** Aborts the requests of the sync in flight (lock). */
  #abort = new AbortController();
  /** One replica per open vault: its cache of stored versions saves a full rewrite per commit. */
  #replica: { vault: UnlockedVault; replica: VaultReplica } | null = null;

  constructor(private readonly deps: SyncServiceDeps) {}

  // ---- triggers -------------------------------------------------------------------------------

  /** After an unlock: sync now, and keep the periodic alarm on. */
  unlocked(): void {
    void this.#connected().then((config) => {
      if (!config) return;
      this.deps.periodic(true);
      void this.run().catch(() => undefined);
    });
  }

  /** After a lock: stop what is in flight and the periodic alarm. */
  locked(): void {
    this.#abort.abort(new VaultError('locked', 'The vault was locked during the sync.'));
    this.#abort = new AbortController();
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#replica = null;
    this.deps.periodic(false);
  }

  /** After a local write: sync shortly (debounced: a burst of edits makes one batch). */
  changed(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#timer = null;
      void this.#connected().then((config) => config && this.run().catch(() => undefined));
    }, this.deps.debounceMs ?? SYNC_DEBOUNCE_MS);
  }

  /** The periodic alarm fired. */
  alarm(): void {
    void this.#connected().then((config) => {
      if (config && this.deps.session.isUnlockedInMemory()) void this.run().catch(() => undefined);
    });
  }

  // ---- requests -------------------------------------------------------------------------------

  async status(): Promise<SyncStatus> {
    const config = await this.#connected();
    if (!config) return { connected: false, state: 'off', warnings: [] };
    const unlocked = (await this.deps.session.status()).state === 'unlocked';
    const state: SyncStatus['state'] = this.#running
      ? 'syncing'
      : !unlocked
        ? 'locked'
        : config.lastError
          ? 'error'
          : 'idle';
    return {
      connected: true,
      server: { url: config.url, username: config.username },
      state,
      ...(config.lastSyncedAt !== undefined ? { lastSyncedAt: config.lastSyncedAt } : {}),
      ...(config.lastError ? { lastError: config.lastError } : {}),
      ...(config.keysChangedAt !== undefined ? { keysChangedAt: config.keysChangedAt } : {}),
      warnings: config.warnings,
    };
  }

  /** What connecting to this folder would do; changes nothing. */
  async inspect(input: ServerInput): Promise<FolderPlan> {
    const local = await this.#localVault();
    const remote = await this.#reach(input);
    await remote.checkServer?.().catch(refusal);
    const info = await inspectFolder(remote).catch(refusal);
    if (info.kind === 'empty') return { kind: 'empty', localItems: local?.size ?? 0 };
    return {
      kind: 'vault',
      createdAt: info.createdAt!,
      // No vault here: joining (joinNew) is what this device can do with it.
      sameVault: local ? info.vaultId === local.vaultId : true,
      otherFiles: info.otherFiles,
    };
  }

  /** Unlocked vault: upload it to an empty folder, or join the folder of the same vault. */
  async connect(input: ServerInput): Promise<SyncStatus> {
    const local = await this.#localVault();
    if (!local) throw new Refusal('no-vault', 'There is no vault here yet: join the folder’s vault instead.');
    const remote = await this.#reach(input);
    await remote.checkServer?.().catch(refusal);
    const info = await inspectFolder(remote).catch(refusal);
    if (info.kind === 'vault' && info.vaultId !== local.vaultId) {
      throw new Refusal(
        'other-vault',
        `This folder holds a different Tessera vault (created ${new Date(info.createdAt!).toISOString().slice(0, 10)}). It was not merged.`,
      );
    }
    await this.#forget();
    await this.#saveConfig({
      url: normalizeFolderUrl(input.url).href,
      username: input.username,
      credential: await sealCredential(normalizeFolderUrl(input.url).href, input.username, input.password),
      warnings: [],
    });
    this.deps.periodic(true);
    await this.run().catch(() => undefined);
    return this.status();
  }

  /** No vault here: build it from the folder, unlocked with the master password. */
  async joinNew(input: ServerInput & { masterPassword: string }): Promise<SyncStatus> {
    if ((await this.deps.session.status()).state !== 'empty') {
      throw new Refusal(
        'vault-exists',
        'This browser already has a vault. Connect it to the folder instead, or reset local data first.',
      );
    }
    const remote = await this.#reach(input);
    const keys = await openRemoteKeys(remote, { kind: 'password', password: input.masterPassword }).catch(
      refusal,
    );
    const db = await this.deps.session.database();
    try {
      const identity = { vaultId: keys.vaultId, createdAt: keys.createdAt };
      await this.deps.session.adopt((d) =>
        UnlockedVault.createSynced(d, identity, keys.key, keys.ring.records),
      );
    } finally {
      wipe(keys.key);
    }
    await clearSyncRecords(db);
    const url = normalizeFolderUrl(input.url).href;
    await this.#saveConfig({
      url,
      username: input.username,
      credential: await sealCredential(url, input.username, input.password),
      warnings: [],
    });
    this.deps.periodic(true);
    await this.run({ epoch: keys.epoch }).catch(() => undefined);
    return this.status();
  }

  /** Sync now; answers the status after it (with lastError when it failed). */
  async now(): Promise<SyncStatus> {
    if (!(await this.#connected())) throw new Refusal('not-connected', 'Sync is not set up on this device.');
    if ((await this.deps.session.status()).state !== 'unlocked') {
      throw new Refusal('locked', 'Tessera is locked: unlock it to sync (a locked device cannot merge).');
    }
    await this.run().catch(() => undefined);
    return this.status();
  }

  /** Forgets the server, its credential and sync's state; the local vault stays. */
  async disconnect(): Promise<SyncStatus> {
    this.locked();
    await this.#running?.catch(() => undefined);
    await this.#forget();
    return this.status();
  }

  /**
   * "Change password after a leak": a new master password and a new vault key, every record
   * re-encrypted (UnlockedVault.rotateKey), proven by the current password. Sync off: that is all.
   * Sync on: the same local transaction starts the next key epoch (engine.rotateKey), then a sync
   * uploads everything under the new key; other devices stop with 'key-rotated' until the new
   * password is entered there (rejoin). Never beside a sync in flight (it would commit its old
   * epoch over the new one). The upload failing leaves the rotation done here: the status says
   * why, and the next sync publishes it.
   */
  async rotateKey(current: string, next: string, cost: KdfCost = {}): Promise<KeyRotation> {
    return this.#alone(async () => {
      if (!(await this.#connected())) {
        return this.deps.session.withConfirmedVault(current, (open) => open.rotateKey(next, cost));
      }
      await this.deps.session.withConfirmedVault(current, async () => undefined, { quiet: true });
      let rotation: KeyRotation | undefined;
      await this.#withEngine(async ({ engine }) => {
        rotation = await engine.rotateKey(next, cost);
        return engine.sync();
      }).catch((err) => {
        if (!rotation) throw err;
      });
      return rotation!;
    });
  }

  /**
   * After 'key-rotated': the new master password opens the folder's new key (engine.rejoinRotated).
   * Only then: at any other time the folder's ring would answer password guesses. And under the
   * unlock's throttle: being unlocked must not allow guessing a master password at Argon2id speed.
   */
  async rejoin(masterPassword: string): Promise<SyncStatus> {
    if ((await this.#connected())?.lastError?.code !== 'key-rotated') {
      throw new Refusal(
        'not-rotated',
        'The vault key was not changed on another device: there is nothing to rejoin. Sync now to check.',
      );
    }
    await this.#withEngine(({ engine }) =>
      this.deps.session.passwordAttempt(() =>
        engine.rejoinRotated({ kind: 'password', password: masterPassword }),
      ),
    );
    return this.status();
  }

  /**
   * For the Session's unlock: the synced key records, when the local ones refuse a password. Works
   * locked (the credential needs no vault key); null when not connected or the folder cannot help.
   */
  async keysElsewhere(db: VaultDatabase, proof: Proof): Promise<KeysElsewhere | null> {
    const config = await this.#connected();
    if (!config) return null;
    const folder = new URL(config.url);
    if (!(await this.deps.hasPermission(folder))) return null;
    const password = await openCredential(config.url, config.username, config.credential);
    const remote = this.deps.remote({ folder, username: config.username, password }, this.#abort.signal);
    const head = await readHead(db);
    const vaultId = head.header?.vaultId;
    if (!vaultId) return null;
    const localEpoch = (await readSyncState(db))?.epoch ?? null;
    const found = await unlockWithSyncedKeys(vaultId, head.wrappers, remote, proof, localEpoch).catch(
      (err: unknown) => {
        // The new password, but no way back to this vault's key: say so (the unlock answers it).
        if (err instanceof Refusal) throw err;
        return null;
      },
    );
    if (!found?.adopted) {
      if (found) wipe(found.key);
      return null;
    }
    const { changedAt, records } = found.adopted;
    await this.#updateConfig({ keysChangedAt: changedAt });
    const replaced = found.replaced;
    if (!replaced) return { key: found.key, records, changedAt };
    return {
      key: found.key,
      records,
      changedAt,
      keyReplaced: {
        // On the Session's queue, inside the unlock: the replica's writes run on `vault` directly.
        apply: (vault) =>
          new SyncEngine(remote, new VaultReplica(vault, db, (work) => work(vault)), {
            now: this.deps.now ?? Date.now,
          }).adoptRotation(replaced),
        wipe: () => wipe(replaced.key),
      },
    };
  }

  // ---- running --------------------------------------------------------------------------------

  /**
   * Runs `work` with no sync beside it: waits for the one in flight, and a sync asked for meanwhile
   * waits for `work` (run() joins #running).
   */
  async #alone<T>(work: () => Promise<T>): Promise<T> {
    while (this.#running) await this.#running.catch(() => undefined);
    const done = work();
    const settled = done.then(
      () => undefined,
      () => undefined,
    );
    this.#running = settled;
    void settled.then(() => {
      if (this.#running === settled) this.#running = null;
    });
    this.#announce();
    try {
      return await done;
    } finally {
      this.#announce();
    }
  }

  /**
   * One sync, or joins the one running and then runs once more (coalesced). Rejects with what
   * stopped it; the status keeps it as lastError (except 'locked', which the state says).
   */
  async run(first: { epoch?: number } = {}): Promise<void> {
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    const loop = async () => {
      do {
        this.#again = false;
        await this.#once(first);
      } while (this.#again);
    };
    this.#running = loop().finally(() => {
      this.#running = null;
    });
    this.#announce();
    try {
      await this.#running;
    } finally {
      this.#announce();
    }
  }

  async #once(first: { epoch?: number }): Promise<void> {
    try {
      await this.#withEngine(async ({ engine, replica, remote, vault }) => {
        const changes = await replica.takeLocalChanges();
        if (!(await replica.loadState())) {
          // Connect (or a connect cut short): upload to an empty folder or join this vault's.
          const info = await inspectFolder(remote);
          return info.kind === 'empty' ? engine.upload(vault) : engine.join(vault.vaultId, first.epoch ?? 0);
        }
        if (changes.length > 0) await engine.noteLocalChange(changes);
        return engine.sync();
      });
    } catch (err) {
      // A person's edit landed between reading and committing a merge: merge again, with it.
      if (err instanceof LocalEditRace) {
        this.#again = true;
        return;
      }
      throw err;
    }
  }

  /**
   * Runs `work` with an engine over the open vault and the stored server, then records the
   * outcome in the status: lastSyncedAt and warnings, or lastError.
   */
  async #withEngine(
    work: (parts: {
      engine: SyncEngine;
      replica: VaultReplica;
      remote: RemoteStore;
      vault: { vaultId: string; createdAt: number };
    }) => Promise<SyncReport>,
  ): Promise<void> {
    const config = await this.#connected();
    if (!config) throw new Refusal('not-connected', 'Sync is not set up on this device.');
    try {
      const folder = new URL(config.url);
      if (!(await this.deps.hasPermission(folder))) throw noPermission(folder);
      const vault = await this.deps.session.withVault(async (open) => open, { quiet: true });
      const db = await this.deps.session.database();
      const head = await readHead(db);
      const password = await openCredential(config.url, config.username, config.credential);
      const remote = this.deps.remote({ folder, username: config.username, password }, this.#abort.signal);
      const replica = this.#replicaFor(vault, db);
      const engine = new SyncEngine(remote, replica, { now: this.deps.now ?? Date.now });
      const report = await work({
        engine,
        replica,
        remote,
        vault: { vaultId: vault.vaultId, createdAt: head.header?.createdAt ?? 0 },
      });
      const { lastError: _gone, ...rest } = (await this.#connected()) ?? config;
      await this.#saveConfig({
        ...rest,
        lastSyncedAt: (this.deps.now ?? Date.now)(),
        warnings: report.warnings,
        ...(report.keysChangedAt !== undefined ? { keysChangedAt: report.keysChangedAt } : {}),
      });
    } catch (err) {
      if (err instanceof LocalEditRace) throw err;
      const error = explain(err);
      // Locked: the state says so. A wrong password (rejoin): the form that asked says so, and
      // the sync stays stopped at what stopped it ('key-rotated', whose form must stay shown).
      // Neither is an error of the server or the folder.
      if (!KEPT_OUT_OF_STATUS.has(error.code) && (await this.#connected()))
        await this.#updateConfig({ lastError: error });
      throw refusalOf(err, error);
    }
  }

  #replicaFor(vault: UnlockedVault, db: VaultDatabase): VaultReplica {
    if (this.#replica?.vault !== vault) {
      const exclusive = <T>(work: (open: UnlockedVault) => Promise<T>) =>
        this.deps.session.withVault(work, { quiet: true });
      this.#replica = { vault, replica: new VaultReplica(vault, db, exclusive) };
    }
    return this.#replica.replica;
  }

  // ---- helpers --------------------------------------------------------------------------------

  /** The server from a request: address checked, permission granted; else a clear refusal. */
  async #reach(input: ServerInput) {
    let folder: URL;
    try {
      folder = normalizeFolderUrl(input.url);
    } catch (err) {
      if (err instanceof FolderUrlError) throw new Refusal('bad-url', err.message);
      throw err;
    }
    if (input.username.includes(':')) throw new Refusal('bad-url', 'The user name must not contain ":".');
    if (!(await this.deps.hasPermission(folder))) throw noPermission(folder);
    return this.deps.remote(
      { folder, username: input.username, password: input.password },
      this.#abort.signal,
    );
  }

  /** The unlocked vault, undefined when there is none; 'locked' when there is one, locked. */
  async #localVault() {
    const status = await this.deps.session.status();
    if (status.state === 'empty') return undefined;
    if (status.state === 'locked') throw new Refusal('locked', 'Unlock Tessera first.');
    return this.deps.session.vault();
  }

  async #connected(): Promise<SyncConfig | null> {
    const db = await this.deps.session.database();
    const config = (await db.get('sync', CONFIG)) as SyncConfig | undefined;
    return config ?? null;
  }

  async #saveConfig(config: SyncConfig): Promise<void> {
    const db = await this.deps.session.database();
    await db.put('sync', config, CONFIG);
  }

  async #updateConfig(change: Partial<SyncConfig>): Promise<void> {
    const config = await this.#connected();
    if (config) await this.#saveConfig({ ...config, ...change });
  }

  async #forget(): Promise<void> {
    await clearSyncRecords(await this.deps.session.database());
    this.#replica = null;
    this.deps.periodic(false);
  }

  #announce(): void {
    if (this.deps.announce) void this.status().then(this.deps.announce, () => undefined);
  }
}

/** Refusals answered to the request that met them, never kept as the sync's lastError. */
const KEPT_OUT_OF_STATUS = new Set(['locked', 'wrong-password', 'throttled']);

function noPermission(folder: URL): Refusal {
  return new Refusal(
    'no-permission',
    `Tessera has no permission to reach ${folder.host}. Connect again from Options > Sync to grant it.`,
  );
}

/** The code and sentence of whatever stopped a sync or a check. */
function explain(err: unknown): { code: string; message: string } {
  if (err instanceof RemoteError || err instanceof SyncError) {
    return { code: err.code, message: err.message };
  }
  if (err instanceof VaultError || err instanceof Refusal) return { code: err.code, message: err.message };
  if (err instanceof DOMException && err.name === 'AbortError') {
    return { code: 'locked', message: 'The vault was locked during the sync.' };
  }
  return { code: 'internal', message: 'Sync hit an unexpected error. The local vault is unchanged.' };
}

function refusalOf(err: unknown, error: { code: string; message: string }): Error {
  return err instanceof VaultError || err instanceof Refusal ? err : new Refusal(error.code, error.message);
}

/** For request handlers: a server or folder failure becomes a refusal with its code. */
function refusal(err: unknown): never {
  throw refusalOf(err, explain(err));
}
