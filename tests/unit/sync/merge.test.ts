import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { conflictCopy, decide, type Version } from '../../../src/sync/merge';
import { bumpVv, compareVv, joinVv } from '../../../src/sync/version';
import { emptyItem } from '../../../src/vault/item-schema';
import type { Item } from '../../../src/vault/types';

const devices = fc.constantFrom('d1', 'd2', 'd3');
const vv = fc.dictionary(devices, fc.integer({ min: 1, max: 4 }));
const itemArb: fc.Arbitrary<Item | null> = fc.option(
  fc
    .record({ notes: fc.constantFrom('a', 'b', 'c'), updatedAt: fc.integer({ min: 0, max: 10 }) })
    .map((x) => ({
      ...emptyItem(),
      id: 'it',
      name: 'Item',
      createdAt: 0,
      ...x,
    })),
  { freq: 4 },
);
const version: fc.Arbitrary<Version> = fc
  .record({
    meta: fc.record({
      vv,
      hlc: fc.record({ wall: fc.integer({ min: 0, max: 5 }), count: fc.nat(3), node: devices }),
      deleted: fc.constant(false),
    }),
    item: itemArb,
  })
  .map((v) => ({ ...v, meta: { ...v.meta, deleted: v.item === null } }));

describe('version vectors', () => {
  it('compare is antisymmetric, join covers both sides, a bump comes after', () => {
    fc.assert(
      fc.property(vv, vv, devices, (a, b, d) => {
        const flip = { after: 'before', before: 'after', equal: 'equal', concurrent: 'concurrent' } as const;
        expect(compareVv(b, a)).toBe(flip[compareVv(a, b)]);
        expect(['after', 'equal']).toContain(compareVv(joinVv(a, b), a));
        expect(['after', 'equal']).toContain(compareVv(joinVv(a, b), b));
        expect(compareVv(bumpVv(a, d), a)).toBe('after');
      }),
    );
  });
});

describe('merge rules', () => {
  it('keeps what it already includes, takes what includes it, and settles concurrent versions the same way from both sides', () => {
    fc.assert(
      fc.property(version, version, (l, r) => {
        const here = decide(l, r);
        const there = decide(r, l);
        const causality = compareVv(l.meta.vv, r.meta.vv);
        if (causality === 'equal' || causality === 'after') expect(here.kind).toBe('keep');
        if (causality === 'before') expect(here.kind).toBe('take');
        if (causality !== 'concurrent') return;
        expect(there.kind).toBe(here.kind);
        if (here.kind !== 'settle' || there.kind !== 'settle') return;
        // Both sides pick the same content and keep the same loser as a copy.
        const winner = here.winner === 'local' ? l.item : r.item;
        expect(there.winner === 'local' ? r.item : l.item).toEqual(winner);
        expect(there.copyOf).toEqual(here.copyOf);
        // A delete concurrent with an edit keeps the edit.
        expect(winner).not.toBeNull();
        if (l.item && r.item) expect(here.copyOf).toEqual(winner === l.item ? r.item : l.item);
      }),
    );
  });

  it('between two concurrent edits the newer HLC wins, whatever order they arrive in', () => {
    const base = { ...emptyItem(), id: 'it', name: 'Item', createdAt: 0, updatedAt: 0 };
    const older: Version = {
      meta: { vv: { d1: 1 }, hlc: { wall: 10, count: 0, node: 'd1' }, deleted: false },
      item: { ...base, notes: 'older' },
    };
    const newer: Version = {
      meta: { vv: { d2: 1 }, hlc: { wall: 11, count: 0, node: 'd2' }, deleted: false },
      item: { ...base, notes: 'newer' },
    };
    expect(decide(older, newer)).toEqual({ kind: 'settle', winner: 'incoming', copyOf: older.item });
    expect(decide(newer, older)).toEqual({ kind: 'settle', winner: 'local', copyOf: older.item });
  });

  it('a conflict copy is the same item on every device, and named as a copy', () => {
    const loser = { ...emptyItem(), id: 'it', name: 'Bank', password: 'p', createdAt: 1, updatedAt: 2 };
    const copy = conflictCopy(loser);
    expect(conflictCopy(structuredClone(loser))).toEqual(copy);
    expect(copy.id).not.toBe(loser.id);
    expect(copy.name).toBe('Bank (conflict copy)');
    expect({ ...copy, id: loser.id, name: loser.name }).toEqual(loser);
    expect(conflictCopy({ ...loser, password: 'q' }).id).not.toBe(copy.id);
  });
});
