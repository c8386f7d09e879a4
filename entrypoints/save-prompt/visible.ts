/**
 * Whether this framed page is fully visible to the person, as the browser computes it
 * (Intersection Observer v2, `trackVisibility`: not covered, not faded, not transformed).
 *
 * Safety fact: where the browser lacks v2 (Firefox), the entry has no `isVisible` and the frame
 * counts as visible once it intersects the viewport: the closed shadow root and the top layer are
 * then the only protection against a page covering the prompt.
 */

interface V2Entry extends IntersectionObserverEntry {
  isVisible?: boolean;
}

export function trackVisibility(target: Element, onChange: (visible: boolean) => void): () => void {
  const options = { threshold: [1], trackVisibility: true, delay: 100 } as IntersectionObserverInit;
  const observer = new IntersectionObserver((entries) => {
    const entry = entries[entries.length - 1] as V2Entry | undefined;
    if (!entry) return;
    onChange(entry.isIntersecting && (entry.isVisible ?? true));
  }, options);
  observer.observe(target);
  return () => observer.disconnect();
}
