/**
 * The generator screen, loaded on first use: it carries the passphrase word list (~60 KB), which
 * opening the popup to search must not pay for.
 */

import { t } from '../../src/ui/i18n';
import { lazyComponent } from '../../src/ui/lazy';
import type { GeneratorScreenProps } from './screens/GeneratorScreen';

/** What a lazily loaded screen shows while its code loads, or if it could not load. */
export function lazyScreenFallback(failed: boolean) {
  return failed ? (
    <p class="error" role="alert">
      {t('error_load_failed')}
    </p>
  ) : (
    <p class="loading" role="status">
      {t('loading')}
    </p>
  );
}

export const LazyGenerator = lazyComponent<GeneratorScreenProps>(
  () => import('./screens/GeneratorScreen').then((m) => m.GeneratorScreen),
  lazyScreenFallback,
);
