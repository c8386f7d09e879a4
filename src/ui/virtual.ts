/**
 * Arithmetic for a virtualized list with a fixed row height (pure functions, no DOM): which rows
 * to render for a scroll position, and where to scroll so a row is fully visible.
 *
 * Why fixed height: it makes both answers O(1), so a 10,000-row list costs the same as a 10-row
 * one. Only the visible rows plus a small overscan are ever in the DOM.
 */

export interface Viewport {
  scrollTop: number;
  viewportHeight: number;
  rowHeight: number;
  count: number;
  /** Extra rows rendered above and below the visible ones, so fast scrolling shows no gaps. */
  overscan: number;
}

/** Rows [start, end) to render. */
export function visibleRange({ scrollTop, viewportHeight, rowHeight, count, overscan }: Viewport): {
  start: number;
  end: number;
} {
  if (count <= 0 || rowHeight <= 0) return { start: 0, end: 0 };
  const first = Math.floor(Math.max(0, scrollTop) / rowHeight);
  const visible = Math.ceil(Math.max(0, viewportHeight) / rowHeight) + 1;
  const start = Math.max(0, Math.min(count - 1, first) - overscan);
  const end = Math.min(count, first + visible + overscan);
  return { start, end };
}

/** The scrollTop that brings row `index` fully into view with the least movement. */
export function scrollTopToReveal(
  index: number,
  { scrollTop, viewportHeight, rowHeight }: Pick<Viewport, 'scrollTop' | 'viewportHeight' | 'rowHeight'>,
): number {
  const top = index * rowHeight;
  const bottom = top + rowHeight;
  if (top < scrollTop) return top;
  if (bottom > scrollTop + viewportHeight) return Math.max(0, bottom - viewportHeight);
  return scrollTop;
}

/** Keeps an active-row index inside [0, count - 1] (or -1 for an empty list). */
export function clampIndex(index: number, count: number): number {
  if (count <= 0) return -1;
  return Math.min(count - 1, Math.max(0, index));
}
