/**
 * The plaintext of batches and snapshots, and its run-time check. Objects are authenticated before
 * this runs (seal.ts), so only a device holding the vault key wrote them; the check still refuses
 * anything malformed (a bug in another version, a device compromised with the key) with a clear
 * error instead of letting it into the vault: every item passes the vault's own item schema.
 */

import * as v from 'valibot';
import { DecryptError } from '../crypto/aead';
import { ItemInputSchema } from '../vault/item-schema';
import type { Item } from '../vault/types';
import type { VersionMeta } from './version';

export interface Entry {
  readonly id: string;
  readonly meta: VersionMeta;
  readonly item: Item | null;
}

const Count = v.pipe(v.number(), v.integer(), v.minValue(0));
const Id = v.pipe(v.string(), v.minLength(1), v.maxLength(64));

const StoredItemSchema = v.strictObject({
  ...ItemInputSchema.entries,
  id: Id,
  createdAt: v.number(),
  updatedAt: v.number(),
});

const EntrySchema = v.strictObject({
  id: Id,
  meta: v.strictObject({
    vv: v.record(v.string(), Count),
    hlc: v.strictObject({ wall: Count, count: Count, node: v.string() }),
    deleted: v.boolean(),
  }),
  item: v.nullable(StoredItemSchema),
});

const BatchSchema = v.strictObject({ device: v.string(), seq: Count, entries: v.array(EntrySchema) });
const SnapshotSchema = v.strictObject({
  device: v.string(),
  seq: Count,
  merged: v.record(v.string(), Count),
  entries: v.array(EntrySchema),
});

function checked<
  T extends { entries: { id: string; meta: { deleted: boolean }; item: { id: string } | null }[] },
>(value: T): T {
  for (const e of value.entries) {
    if (e.meta.deleted !== (e.item === null) || (e.item && e.item.id !== e.id)) {
      throw new DecryptError(`sync entry ${e.id} contradicts itself`);
    }
  }
  return value;
}

export function parseBatch(value: unknown): Entry[] {
  const r = v.safeParse(BatchSchema, value);
  if (!r.success) throw new DecryptError(`malformed batch: ${r.issues[0].message}`);
  return checked(r.output).entries as Entry[];
}

export function parseSnapshot(value: unknown): { entries: Entry[]; merged: Record<string, number> } {
  const r = v.safeParse(SnapshotSchema, value);
  if (!r.success) throw new DecryptError(`malformed snapshot: ${r.issues[0].message}`);
  return { entries: checked(r.output).entries as Entry[], merged: r.output.merged };
}
