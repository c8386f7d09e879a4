// The randomized model test of issue 14, run against a folder the caller provides (model.test.ts: the
// in-memory folder; model-apache.test.ts: real Apache through the fault proxy): 3 devices x 300 random
// operations (create, edit, delete, the same item edited on two devices, master password changed),
// random sync points, and a fault layer failing about 10% of requests (a PUT that lands but whose
// answer is lost, a PUT cut short, a PUT refused, a GET cut short, a failed listing). At the end,
// after syncs without faults: every device holds the same items, no edit the model says must
// survive is missing, nothing appears that nobody wrote, every device has the same password record
// and a fourth device joining with that password gets the same items.
//
// The model: every edit writes a unique marker into the item's notes. An edit or delete made on a
// device supersedes the marker that device showed for that item; every other marker must survive
// (as the item or as its conflict copy). Prints the seed; SYNC_SEED=<seed> replays the operations
// and faults.

import { expect } from 'vitest';
import { toHex } from '../../../src/crypto/encoding';
import { openRemoteKeys } from '../../../src/sync/engine';
import { recordsDigest } from '../../../src/sync/keyring';
import { RemoteError, type RemoteStore } from '../../../src/sync/remote-store';
import type { PasswordWrapper } from '../../../src/vault/format';
import type { Item } from '../../../src/vault/types';
import { makePasswordWrapper, openPasswordWrapper } from '../../../src/vault/wrappers';
import { TEST_COST } from '../vault/helpers';
import { type Device, device, edited, item, newVault } from './devices';
import { MemoryReplica, seededRandom } from './memory';

export const DEVICES = 3;
export const OPERATIONS = 300;
const HOUR = 3600_000;
/** Device clocks hours apart, as issue 14 asks: HLCs must not let that change who wins wrongly. */
const SKEWS = [0, -3 * HOUR, 2 * HOUR + 17];

/** A device's view of the folder, whose injected faults can be switched off (setup, settling). */
export type SwitchableStore = RemoteStore & { enabled: boolean; readonly injected: readonly unknown[] };

/** The folder under test: `remote` without faults, and one faulty view of it per device. */
export interface ModelFolder {
  readonly remote: RemoteStore;
  readonly devices: readonly SwitchableStore[];
}

/**
 * Runs the model test on the folder `makeFolder` builds, given a seeded random for its faults: SYNC_SEED
 * replays the operations, and the faults as far as the order of requests is the same.
 */
export async function runSyncModel(
  label: string,
  makeFolder: (random: () => number) => Promise<ModelFolder>,
) {
  const seed = Number(process.env.SYNC_SEED ?? Math.floor(Math.random() * 2 ** 31));
  console.log(`sync model test (${label}): SYNC_SEED=${seed}`);
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  let clock = 1_800_000_000_000;

  // Faults draw from their own stream: how many requests a real server sees can vary from run to run
  // (concurrent reads arrive in any order), and that must not shift the operations SYNC_SEED replays.
  const { remote, devices: faults } = await makeFolder(seededRandom(seed ^ 0x5eed));
  const passwords = new Map<string, string>(); // password record salt (hex) -> password
  const firstPassword = 'model-password-0';
  const vault = await newVault(firstPassword);
  passwords.set(toHex((vault.records[0] as PasswordWrapper).kdf.salt), firstPassword);

  const written = new Set<string>();
  const superseded = new Set<string>();
  let counter = 0;
  const marker = () => `m${++counter}`;

  const devices: Device[] = [];
  for (let i = 0; i < DEVICES; i++) {
    faults[i]!.enabled = false;
    const options = { now: () => clock + SKEWS[i]!, compactAfter: 5 };
    if (i === 0) {
      const replica = new MemoryReplica(vault.key, vault.records);
      for (let k = 0; k < 5; k++) {
        const m = marker();
        written.add(m);
        const it = item(`seed-${k}`, { notes: m });
        replica.items.set(it.id, it);
      }
      devices.push(device(faults[i]!, replica, options));
      await devices[0]!.engine.upload(vault);
    } else {
      const keys = await openRemoteKeys(remote, { kind: 'password', password: firstPassword });
      const d = device(faults[i]!, new MemoryReplica(keys.key, keys.ring.records), options);
      await d.engine.join(keys.vaultId);
      devices.push(d);
    }
    faults[i]!.enabled = true;
  }

  const itemsOf = (d: Device) => [...d.replica.items.values()];
  const edit = async (d: Device, it: Item) => {
    const m = marker();
    written.add(m);
    superseded.add(it.notes);
    await d.put(edited(it, { notes: m, password: `pw-${m}` }, clock));
  };
  // This server never rolls back: a rollback warning would be a false alarm (or a lost upload).
  const rollbackWarnings: string[] = [];
  const noteWarnings = (warnings: string[]) =>
    rollbackWarnings.push(...warnings.filter((w) => /rolled back/.test(w)));
  const sync = async (d: Device) => {
    try {
      noteWarnings((await d.engine.sync()).warnings);
    } catch (err) {
      if (!(err instanceof RemoteError)) throw err;
    }
  };

  const counts: Record<string, number> = {};
  for (let op = 0; op < OPERATIONS; op++) {
    clock += Math.floor(random() * 5_000);
    const d = pick(devices);
    const r = random();
    const kind =
      r < 0.2
        ? 'create'
        : r < 0.45
          ? 'edit'
          : r < 0.55
            ? 'delete'
            : r < 0.65
              ? 'edit-same'
              : r < 0.68
                ? 'password'
                : 'sync';
    counts[kind] = (counts[kind] ?? 0) + 1;
    const mine = itemsOf(d);
    if (kind === 'create' || mine.length === 0) {
      const m = marker();
      written.add(m);
      await d.put(item(`item-${m}`, { notes: m }));
    } else if (kind === 'edit') {
      await edit(d, pick(mine));
    } else if (kind === 'delete') {
      const it = pick(mine);
      superseded.add(it.notes);
      await d.remove(it.id);
    } else if (kind === 'edit-same') {
      const other = pick(devices.filter((x) => x !== d));
      const it = pick(mine);
      const theirs = other.replica.items.get(it.id);
      await edit(d, it);
      if (theirs) await edit(other, theirs);
    } else if (kind === 'password') {
      const password = `model-password-${op}`;
      const record = await makePasswordWrapper(vault.vaultId, d.replica.key(), password, TEST_COST);
      passwords.set(toHex(record.kdf.salt), password);
      d.replica.records = [record];
    } else {
      await sync(d);
    }
  }

  // Faults off: sync round-robin until a whole round changes nothing.
  for (const f of faults) f.enabled = false;
  let rounds = 0;
  for (; rounds < 12; rounds++) {
    let activity = 0;
    for (const d of devices) {
      const report = await d.engine.sync();
      noteWarnings(report.warnings);
      activity += report.sent + report.received + report.conflicts + (report.keysChangedAt ? 1 : 0);
    }
    if (activity === 0) break;
  }
  const injected = faults.flatMap((f) => f.injected).length;
  console.log(
    `sync model test (${label}): ops ${JSON.stringify(counts)}, faults ${injected}, rounds to settle ${rounds}`,
  );
  expect(rounds).toBeLessThan(12);
  expect(injected).toBeGreaterThan(0);
  expect(rollbackWarnings).toEqual([]);

  const sorted = (d: Device) => itemsOf(d).sort((a, b) => (a.id < b.id ? -1 : 1));
  for (const d of devices.slice(1)) expect(sorted(d)).toEqual(sorted(devices[0]!));

  const visible = new Set(itemsOf(devices[0]!).map((i) => i.notes));
  const survivors = [...written].filter((m) => !superseded.has(m));
  expect(survivors.filter((m) => !visible.has(m))).toEqual([]);
  expect([...visible].filter((m) => !written.has(m))).toEqual([]);

  // One password record everywhere, and it opens with the password that was set in it.
  const digests = new Set(devices.map((d) => recordsDigest(d.replica.records)));
  expect(digests.size).toBe(1);
  const record = devices[0]!.replica.records.find((x): x is PasswordWrapper => x.kind === 'password')!;
  const password = passwords.get(toHex(record.kdf.salt))!;
  expect(password).toBeDefined();
  await expect(openPasswordWrapper(vault.vaultId, record, password)).resolves.toBeInstanceOf(Uint8Array);

  // The folder is readable by a new device, which gets exactly the same items.
  const keys = await openRemoteKeys(remote, { kind: 'password', password });
  const fresh = device(remote, new MemoryReplica(keys.key, keys.ring.records));
  await fresh.engine.join(keys.vaultId);
  expect(sorted(fresh)).toEqual(sorted(devices[0]!));
}
