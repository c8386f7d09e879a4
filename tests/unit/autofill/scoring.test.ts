// @vitest-environment happy-dom
// The corpus scoring arithmetic (tests/unit/autofill/corpus/scoring.ts), on hand-made cases.

import { describe, expect, it } from 'vitest';
import { emptyScore, type LabelledCase, rates, scoreCase } from './corpus/scoring';

function inputs(count: number): HTMLInputElement[] {
  return Array.from({ length: count }, () => document.createElement('input'));
}

function labelled(partial: Partial<LabelledCase>): LabelledCase {
  return { name: 'case', slots: [], unjudged: new Set(), neverFill: new Set(), ...partial };
}

describe('scoreCase', () => {
  it('counts true positives, false positives and misses per role', () => {
    const [user, pass, other] = inputs(3) as [HTMLInputElement, HTMLInputElement, HTMLInputElement];
    const score = emptyScore();
    const missed = scoreCase(
      score,
      labelled({
        slots: [
          { role: 'username', elements: new Set([user]) },
          { role: 'current-password', elements: new Set([pass]) },
        ],
      }),
      [
        { element: user, role: 'username' },
        { element: other, role: 'new-password' },
      ],
    );
    expect(score.byRole.get('username')).toEqual({ tp: 1, fp: 0, fn: 0 });
    expect(score.byRole.get('current-password')).toEqual({ tp: 0, fp: 0, fn: 1 });
    expect(score.byRole.get('new-password')).toEqual({ tp: 0, fp: 1, fn: 0 });
    expect(score.total).toEqual({ tp: 1, fp: 1, fn: 1 });
    expect(missed.map((slot) => slot.role)).toEqual(['current-password']);
  });

  it('counts a wrong role as a false positive of the predicted role and a miss of the expected one', () => {
    const [pass] = inputs(1) as [HTMLInputElement];
    const score = emptyScore();
    scoreCase(score, labelled({ slots: [{ role: 'new-password', elements: new Set([pass]) }] }), [
      { element: pass, role: 'current-password' },
    ]);
    expect(score.byRole.get('current-password')).toEqual({ tp: 0, fp: 1, fn: 0 });
    expect(score.byRole.get('new-password')).toEqual({ tp: 0, fp: 0, fn: 1 });
  });

  it("fills a one-of slot once, and accepts either password role for 'password'", () => {
    const [a, b, pass] = inputs(3) as [HTMLInputElement, HTMLInputElement, HTMLInputElement];
    const score = emptyScore();
    scoreCase(
      score,
      labelled({
        slots: [
          { role: 'username', elements: new Set([a, b]) },
          { role: 'password', elements: new Set([pass]) },
        ],
      }),
      [
        { element: a, role: 'username' },
        { element: b, role: 'username' },
        { element: pass, role: 'new-password' },
      ],
    );
    expect(score.byRole.get('username')).toEqual({ tp: 1, fp: 1, fn: 0 });
    expect(score.byRole.get('password')).toEqual({ tp: 1, fp: 0, fn: 0 });
  });

  it('skips unjudged elements and records fills into never-fill ones', () => {
    const [skip, trap] = inputs(2) as [HTMLInputElement, HTMLInputElement];
    const score = emptyScore();
    scoreCase(score, labelled({ unjudged: new Set([skip]), neverFill: new Set([trap]) }), [
      { element: skip, role: 'username' },
      { element: trap, role: 'current-password' },
    ]);
    expect(score.total).toEqual({ tp: 0, fp: 1, fn: 0 });
    expect(score.badFills).toHaveLength(1);
  });
});

describe('rates', () => {
  it('computes precision, recall and F1', () => {
    const { precision, recall, f1 } = rates({ tp: 8, fp: 2, fn: 2 });
    expect(precision).toBeCloseTo(0.8);
    expect(recall).toBeCloseTo(0.8);
    expect(f1).toBeCloseTo(0.8);
    expect(rates({ tp: 0, fp: 0, fn: 3 }).recall).toBe(0);
    expect(rates({ tp: 0, fp: 0, fn: 0 }).f1).toBe(1);
  });
});
