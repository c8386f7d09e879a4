/**
 * Item versions for sync: a version vector (per device, how many of its edits of this item the
 * version includes) and the HLC of the edit whose content it holds. The vector decides causality
 * exactly ("was this made after seeing that?"); the HLC orders only concurrent versions.
 */

import { compareHlc, type Hlc, maxHlc } from './hlc';

export type VersionVector = Readonly<Record<string, number>>;

export interface VersionMeta {
  readonly vv: VersionVector;
  readonly hlc: Hlc;
  /** A tombstone: the item was deleted in this version. */
  readonly deleted: boolean;
}

export type Causality = 'equal' | 'before' | 'after' | 'concurrent';

/** How `a` relates to `b`: 'after' means a includes every edit b includes, and more. */
export function compareVv(a: VersionVector, b: VersionVector): Causality {
  let aMore = false;
  let bMore = false;
  for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const x = a[k] ?? 0;
    const y = b[k] ?? 0;
    if (x > y) aMore = true;
    else if (y > x) bMore = true;
  }
  if (aMore && bMore) return 'concurrent';
  if (aMore) return 'after';
  if (bMore) return 'before';
  return 'equal';
}

/** Every edit either includes. */
export function joinVv(a: VersionVector, b: VersionVector): VersionVector {
  const out: Record<string, number> = { ...a };
  for (const [k, n] of Object.entries(b)) out[k] = Math.max(out[k] ?? 0, n);
  return out;
}

/** `vv` plus one more edit by `device`. */
export function bumpVv(vv: VersionVector, device: string): VersionVector {
  return { ...vv, [device]: (vv[device] ?? 0) + 1 };
}

export { compareHlc, maxHlc };
