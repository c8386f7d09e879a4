import { describe, expect, it } from 'vitest';
import { clampIndex, scrollTopToReveal, visibleRange } from '../../../src/ui/virtual';

describe('visibleRange', () => {
  const base = { rowHeight: 50, viewportHeight: 400, overscan: 3 };

  it('renders the first screen plus overscan at the top', () => {
    expect(visibleRange({ ...base, scrollTop: 0, count: 10_000 })).toEqual({ start: 0, end: 12 });
  });

  it('follows the scroll position, overscanning both ways', () => {
    expect(visibleRange({ ...base, scrollTop: 5_000, count: 10_000 })).toEqual({ start: 97, end: 112 });
  });

  it('never goes past the end of a short or fully scrolled list', () => {
    expect(visibleRange({ ...base, scrollTop: 0, count: 4 })).toEqual({ start: 0, end: 4 });
    expect(visibleRange({ ...base, scrollTop: 499_600, count: 10_000 })).toEqual({
      start: 9989,
      end: 10_000,
    });
    expect(visibleRange({ ...base, scrollTop: 10_000_000, count: 10 })).toEqual({ start: 6, end: 10 });
  });

  it('is empty for an empty list', () => {
    expect(visibleRange({ ...base, scrollTop: 0, count: 0 })).toEqual({ start: 0, end: 0 });
  });

  it('keeps the DOM small whatever the list size', () => {
    const { start, end } = visibleRange({ ...base, scrollTop: 123_456, count: 1_000_000 });
    expect(end - start).toBeLessThanOrEqual(Math.ceil(400 / 50) + 1 + 2 * 3);
  });
});

describe('scrollTopToReveal', () => {
  const view = { viewportHeight: 200, rowHeight: 50 };

  it('does not move when the row is already fully visible', () => {
    expect(scrollTopToReveal(3, { ...view, scrollTop: 100 })).toBe(100);
  });

  it('scrolls up to a row above the viewport', () => {
    expect(scrollTopToReveal(1, { ...view, scrollTop: 120 })).toBe(50);
  });

  it('scrolls down just enough to show a row below the viewport', () => {
    expect(scrollTopToReveal(10, { ...view, scrollTop: 0 })).toBe(350);
  });
});

describe('clampIndex', () => {
  it('clamps into the list, or -1 when empty', () => {
    expect(clampIndex(-5, 3)).toBe(0);
    expect(clampIndex(7, 3)).toBe(2);
    expect(clampIndex(1, 3)).toBe(1);
    expect(clampIndex(0, 0)).toBe(-1);
  });
});
