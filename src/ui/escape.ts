/**
 * Escape anywhere on the page runs `onEscape` (e.g. "back"), unless something inside handled it
 * first (a dialog stops the key; a cleared search box calls preventDefault). Pass null to stand
 * aside while a nested view (the generator inside the item form) handles Escape itself.
 */

import { useEffect, useRef } from 'preact/hooks';

export function useEscape(onEscape: (() => void) | null): void {
  const handler = useRef(onEscape);
  handler.current = onEscape;
  useEffect(() => {
    const listener = (event: KeyboardEvent) => {
      const run = handler.current;
      if (!run || event.key !== 'Escape' || event.defaultPrevented || event.isComposing) return;
      event.preventDefault();
      run();
    };
    document.addEventListener('keydown', listener);
    return () => document.removeEventListener('keydown', listener);
  }, []);
}
