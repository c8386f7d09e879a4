/**
 * The merge rules for one item (docs/sync.md, "Merge rules"): what a device does when a version of
 * an item arrives that differs from its own. Pure functions: the engine applies the decision.
 *
 * - an incoming version the local one already includes: keep the local one;
 * - an incoming version that includes the local one: take it;
 * - concurrent and equal in content (or both deleted): one version, vectors joined;
 * - concurrent and different: settle. A delete loses to an edit; between two edits the newest HLC
 *   wins and the other is kept as a visible conflict copy (a new item, conflictCopy below).
 */

import { sha256 } from '@noble/hashes/sha2.js';
import { toBase64Url, utf8Encode } from '../crypto/encoding';
import { LIMITS } from '../vault/item-schema';
import type { Item } from '../vault/types';
import { compareHlc } from './hlc';
import { compareVv, type VersionMeta } from './version';

export interface Version {
  readonly meta: VersionMeta;
  /** The item as stored in the vault, or null for a tombstone. */
  readonly item: Item | null;
}

export type MergeDecision =
  | { kind: 'keep' }
  | { kind: 'take' }
  | { kind: 'join' }
  | { kind: 'settle'; winner: 'local' | 'incoming'; copyOf: Item | null };

export function decide(local: Version | undefined, incoming: Version): MergeDecision {
  if (!local) return { kind: 'take' };
  const causality = compareVv(local.meta.vv, incoming.meta.vv);
  if (causality === 'equal' || causality === 'after') return { kind: 'keep' };
  if (causality === 'before') return { kind: 'take' };
  if (sameContent(local.item, incoming.item)) return { kind: 'join' };
  // A delete concurrent with an edit keeps the edit.
  if (!local.item) return { kind: 'settle', winner: 'incoming', copyOf: null };
  if (!incoming.item) return { kind: 'settle', winner: 'local', copyOf: null };
  const order =
    compareHlc(local.meta.hlc, incoming.meta.hlc) ||
    compareText(canonical(local.item), canonical(incoming.item));
  return order > 0
    ? { kind: 'settle', winner: 'local', copyOf: incoming.item }
    : { kind: 'settle', winner: 'incoming', copyOf: local.item };
}

export function sameContent(a: Item | null, b: Item | null): boolean {
  if (!a || !b) return a === b;
  return canonical(a) === canonical(b);
}

const COPY_SUFFIX = ' (conflict copy)';

/**
 * The losing side of a conflict as a new item. Its id is a hash of the original id and the losing
 * content, so every device that settles the same conflict makes the same copy (and two copies of
 * the same content are one item).
 */
export function conflictCopy(loser: Item): Item {
  const digest = sha256(utf8Encode(`tessera-sync/conflict\u0000${loser.id}\u0000${canonical(loser)}`));
  const id = `x${toBase64Url(digest.slice(0, 15))}`;
  const name = `${loser.name.slice(0, LIMITS.name - COPY_SUFFIX.length)}${COPY_SUFFIX}`;
  return { ...loser, id, name };
}

/** JSON with object keys sorted, so equal items give equal text on every device. */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => compareText(a, b)))
      : v,
  );
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
