/**
 * Whether an extension page framed in a web page (inline menu, save prompt) is really visible to
 * the person, as the browser computes it: Intersection Observer v2 (`trackVisibility`) counts
 * covering elements, opacity, filters and transforms, which a page could use to hide the frame
 * under the cursor.
 *
 * Safety fact: only Chrome has v2 (`TRACKS_VISIBILITY`). Elsewhere a report's `visible` is
 * undefined and callers must fall back to their other checks (the closed shadow root, the top
 * layer, the content script's hit test, a visible-for-long-enough clock).
 */

interface V2Entry extends IntersectionObserverEntry {
  isVisible?: boolean;
}

/** Intersection Observer v2 is available (Chrome 84+). */
export const TRACKS_VISIBILITY =
  typeof IntersectionObserverEntry !== 'undefined' && 'isVisible' in IntersectionObserverEntry.prototype;

export interface VisibilityReport {
  /** In the viewport at the observed threshold. */
  intersecting: boolean;
  /** v2's verdict; undefined without v2. */
  visible: boolean | undefined;
}

/** Reports every change of `target`'s visibility; returns a function that stops observing. */
export function observeVisibility(
  target: Element,
  threshold: number[],
  onReport: (report: VisibilityReport) => void,
): () => void {
  const observer = new IntersectionObserver(
    (entries) => {
      for (const entry of entries) {
        onReport({ intersecting: entry.isIntersecting, visible: (entry as V2Entry).isVisible });
      }
    },
    // trackVisibility needs a delay of at least 100 ms (Intersection Observer v2).
    { threshold, trackVisibility: true, delay: 100 } as IntersectionObserverInit,
  );
  observer.observe(target);
  return () => observer.disconnect();
}
