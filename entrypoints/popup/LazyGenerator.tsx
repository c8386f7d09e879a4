/**
 * The generator screen, loaded on first use: it carries the passphrase word list (~60 KB), which
 * opening the popup to search must not pay for.
 */

import { t } from '../../src/ui/i18n';
import { lazyComponent } from '../../src/ui/lazy';
import type { GeneratorScreenProps } from './screens/GeneratorScreen';

export const LazyGenerator = lazyComponent<GeneratorScreenProps>(
  () => import('./screens/GeneratorScreen').then((m) => m.GeneratorScreen),
  (failed) =>
    failed ? (
      <p class="error" role="alert">
        {t('error_load_failed')}
      </p>
    ) : (
      <p class="loading" role="status">
        {t('loading')}
      </p>
    ),
);
