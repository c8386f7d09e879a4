/** The help screen, loaded on first use: its text is no part of the popup's cold start. */

import { lazyComponent } from '../../src/ui/lazy';
import { lazyScreenFallback } from './LazyGenerator';
import type { HelpScreenProps } from './screens/HelpScreen';

export const LazyHelp = lazyComponent<HelpScreenProps>(
  () => import('./screens/HelpScreen').then((m) => m.HelpScreen),
  lazyScreenFallback,
);
