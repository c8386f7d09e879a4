/**
 * Hybrid logical clocks (Kulkarni et al., "Logical Physical Clocks", 2014): a timestamp that is the
 * larger of the wall clock and every timestamp seen, plus a counter for ties, plus the device id.
 *
 * Safety fact: an HLC issued after observing another is always greater than it, whatever the wall
 * clocks say, so "made after seeing that change" never sorts before it. Between truly concurrent
 * events the order follows the wall clocks, and the device id breaks the last ties, so every device
 * sorts the same HLCs the same way. Causality between item versions is decided by version vectors
 * (version.ts); the HLC only orders what the vectors call concurrent.
 */

export interface Hlc {
  /** Milliseconds since the epoch (the largest wall time seen). */
  readonly wall: number;
  /** Events at the same `wall`, in order. */
  readonly count: number;
  /** The device that issued it. */
  readonly node: string;
}

export const ZERO_HLC: Hlc = { wall: 0, count: 0, node: '' };

export function compareHlc(a: Hlc, b: Hlc): number {
  if (a.wall !== b.wall) return a.wall < b.wall ? -1 : 1;
  if (a.count !== b.count) return a.count < b.count ? -1 : 1;
  return a.node < b.node ? -1 : a.node > b.node ? 1 : 0;
}

export function maxHlc(a: Hlc, b: Hlc): Hlc {
  return compareHlc(a, b) >= 0 ? a : b;
}

/** A fixed-width text form that sorts like compareHlc (for object names). */
export function hlcKey(h: Hlc): string {
  return `${h.wall.toString(36).padStart(9, '0')}${h.count.toString(36).padStart(4, '0')}`;
}

/** The clock of one device. `last` is persisted with the sync state so it never runs backwards. */
export class HlcClock {
  constructor(
    readonly node: string,
    private last: Hlc,
    private readonly now: () => number = Date.now,
  ) {}

  /** A new timestamp, greater than every one issued or observed before. */
  tick(): Hlc {
    const wall = Math.max(this.last.wall, this.now());
    const count = wall === this.last.wall ? this.last.count + 1 : 0;
    this.last = { wall, count, node: this.node };
    return this.last;
  }

  /** Takes a remote timestamp into account, so the next tick() sorts after it. */
  observe(remote: Hlc): void {
    const wall = Math.max(this.last.wall, remote.wall, this.now());
    let count = 0;
    if (wall === this.last.wall && wall === remote.wall) count = Math.max(this.last.count, remote.count) + 1;
    else if (wall === this.last.wall) count = this.last.count + 1;
    else if (wall === remote.wall) count = remote.count + 1;
    this.last = { wall, count, node: this.node };
  }

  get current(): Hlc {
    return this.last;
  }
}
