/**
 * The popup's screens that its first paint never shows, loaded on first use (issue 18): opening
 * the popup shows the list (or the unlock screen), and the item view, the editor and first-run
 * setup would otherwise be fetched, parsed and run before it, with what only they use (two-factor
 * codes, passkeys, the item schemas, the strength meter). The item view and the editor are
 * preloaded once the whole list is there (preloadScreens, from ListScreen), so opening one from
 * the list does not wait for its code.
 */

import { lazyComponent } from '../../src/ui/lazy';
import { lazyScreenFallback } from './LazyGenerator';

export const LazyItemScreen = lazyComponent<{ id: string }>(
  () => import('./screens/ItemScreen').then((m) => m.ItemScreen),
  lazyScreenFallback,
);

export const LazyEditScreen = lazyComponent<{ id: string | null }>(
  () => import('./screens/EditScreen').then((m) => m.EditScreen),
  lazyScreenFallback,
);

export const LazyCreateScreen = lazyComponent<Record<string, never>>(
  () => import('./screens/CreateScreen').then((m) => m.CreateScreen),
  lazyScreenFallback,
);

/** Loads the item view's and the editor's code ahead of their first use (the list is whole). */
export function preloadScreens(): void {
  LazyItemScreen.preload();
  LazyEditScreen.preload();
}
