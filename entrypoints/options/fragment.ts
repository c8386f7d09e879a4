/**
 * The URL fragment as a signal, so the page shows the group it names (navigation.ts) and follows
 * the sidebar's links, Back and Forward, and moves made by the page itself (navigate()).
 */

import { signal } from '@preact/signals';

export const fragment = signal(location.hash);

/** Element ids to focus once the next navigation has rendered: the first that exists wins. */
let pendingFocus: readonly string[] = [];

/** Keeps `fragment` current when the person follows a link or goes Back. Call once, from main. */
export function followFragment(): void {
  window.addEventListener('hashchange', () => {
    fragment.value = location.hash;
  });
}

/**
 * Shows the group `id` (a new history entry), then focuses the first of `focusIds` that exists
 * (else the group's first heading).
 */
export function navigate(id: string, focusIds: readonly string[] = []): void {
  pendingFocus = focusIds;
  if (fragment.value === `#${id}`) {
    // Already shown: nothing renders again, so focus now.
    takePendingFocus()?.focus();
    return;
  }
  history.pushState(null, '', `#${id}`);
  fragment.value = `#${id}`;
}

/** Replaces the fragment without a history entry or a new navigation (a section link, once used). */
export function settleFragment(id: string): void {
  history.replaceState(null, '', `${location.pathname}${location.search}#${id}`);
  fragment.value = `#${id}`;
}

/** The element navigate() asked to focus, once; null when there is none. */
export function takePendingFocus(): HTMLElement | null {
  const ids = pendingFocus;
  pendingFocus = [];
  for (const id of ids) {
    const element = document.getElementById(id);
    if (element) return element;
  }
  return null;
}
