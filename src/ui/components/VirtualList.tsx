/**
 * A virtualized listbox: a scrolling container as tall as all rows, in which only the visible rows
 * (plus a small overscan, plus the active row) are in the DOM. Rows have one fixed height.
 *
 * Accessibility: role="listbox" with role="option" rows; the active row is announced through
 * aria-activedescendant (on the listbox here, and on the search box by the caller), and each row
 * carries aria-setsize/aria-posinset, since most of the list is not in the DOM.
 */

import type { ComponentChildren, JSX } from 'preact';
import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { scrollTopToReveal, visibleRange } from '../virtual';

export interface VirtualListProps {
  id: string;
  label: string;
  count: number;
  rowHeight: number;
  /** -1 for none. */
  activeIndex: number;
  optionId(index: number): string;
  renderRow(index: number): ComponentChildren;
  rowKey(index: number): string;
  onPick(index: number): void;
  onKeyDown?(event: JSX.TargetedKeyboardEvent<HTMLDivElement>): void;
  /** Where to start (restores the position when coming back from an item). */
  initialScrollTop?: number;
  onScrollTop?(scrollTop: number): void;
  /** Assumed height before the first measurement, so the first paint already has rows. */
  estimatedHeight?: number;
}

const OVERSCAN = 4;

export function VirtualList(props: VirtualListProps): JSX.Element {
  const scroller = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(props.initialScrollTop ?? 0);
  const [height, setHeight] = useState(props.estimatedHeight ?? 420);

  useLayoutEffect(() => {
    const el = scroller.current!;
    if (props.initialScrollTop) el.scrollTop = props.initialScrollTop;
    // Measured once the browser has laid the page out anyway: a ResizeObserver reports after the
    // first layout and before that frame is painted, so the first render (at the estimated
    // height) forces no layout of its own, and a different height is drawn in the same frame.
    const observer = new ResizeObserver(() => setHeight(el.clientHeight));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // Keep the active row in view when the keyboard moves it.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el || props.activeIndex < 0) return;
    const next = scrollTopToReveal(props.activeIndex, {
      scrollTop: el.scrollTop,
      viewportHeight: el.clientHeight,
      rowHeight: props.rowHeight,
    });
    if (next !== el.scrollTop) {
      el.scrollTop = next;
      setScrollTop(next);
    }
  }, [props.activeIndex]);

  // A new result set (the query changed) starts at the top. Compares the position this list last
  // saw (onScroll) rather than reading the element's, which would force a layout on mount.
  useLayoutEffect(() => {
    const el = scroller.current;
    if (el && scrollTop > props.count * props.rowHeight) {
      el.scrollTop = 0;
      setScrollTop(0);
    }
  }, [props.count]);

  const { start, end } = visibleRange({
    scrollTop,
    viewportHeight: height,
    rowHeight: props.rowHeight,
    count: props.count,
    overscan: OVERSCAN,
  });
  const indexes: number[] = [];
  for (let i = start; i < end; i++) indexes.push(i);
  // The active row must exist for aria-activedescendant even when scrolled away from it.
  if (
    props.activeIndex >= 0 &&
    props.activeIndex < props.count &&
    (props.activeIndex < start || props.activeIndex >= end)
  ) {
    indexes.push(props.activeIndex);
  }

  return (
    <div
      ref={scroller}
      id={props.id}
      class="vlist"
      role="listbox"
      aria-label={props.label}
      tabIndex={0}
      aria-activedescendant={props.activeIndex >= 0 ? props.optionId(props.activeIndex) : undefined}
      onKeyDown={props.onKeyDown}
      onScroll={(e) => {
        const top = e.currentTarget.scrollTop;
        setScrollTop(top);
        props.onScrollTop?.(top);
      }}
    >
      <div role="presentation" class="vlist-spacer" style={{ height: `${props.count * props.rowHeight}px` }}>
        {indexes.map((i) => (
          // Options are not focusable on purpose: in the aria-activedescendant pattern, focus stays on
          // the listbox (or the search box) and its key handler moves the active option; a click is a
          // mouse shortcut for Enter on that option.
          // biome-ignore lint/a11y/useFocusableInteractive: see above.
          // biome-ignore lint/a11y/useKeyWithClickEvents: Enter is handled by the focused container.
          <div
            key={props.rowKey(i)}
            id={props.optionId(i)}
            role="option"
            class={`vlist-row ${i === props.activeIndex ? 'active' : ''}`}
            aria-selected={i === props.activeIndex}
            aria-setsize={props.count}
            aria-posinset={i + 1}
            style={{ transform: `translateY(${i * props.rowHeight}px)`, height: `${props.rowHeight}px` }}
            onClick={() => props.onPick(i)}
          >
            {props.renderRow(i)}
          </div>
        ))}
      </div>
    </div>
  );
}
