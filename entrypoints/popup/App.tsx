/**
 * The popup's top level: picks the screen from the vault state (first run, locked, unlocked) and,
 * while unlocked, from the route (list, item, edit, generator, help). Only the list and unlock
 * screens are in the code the popup runs before its first paint; the others load on first use
 * (LazyScreens.tsx).
 */

import { useLayoutEffect } from 'preact/hooks';
import { describeError } from '../../src/ui/errors';
import { t } from '../../src/ui/i18n';
import { markReady } from '../../src/ui/ready';
import { failure, loadInitial, searchIndex, view } from '../../src/ui/state';
import { LazyGenerator } from './LazyGenerator';
import { LazyHelp } from './LazyHelp';
import { LazyCreateScreen, LazyEditScreen, LazyItemScreen } from './LazyScreens';
import { go, route } from './route';
import { ListScreen } from './screens/ListScreen';
import { UnlockScreen } from './screens/UnlockScreen';

export function App() {
  switch (view.value) {
    case 'loading':
      return <main class="screen centered" aria-busy="true" aria-label={t('loading')} />;
    case 'failed':
      return <FailedScreen />;
    case 'empty':
      return <LazyCreateScreen />;
    case 'locked':
      return <UnlockScreen />;
    case 'unlocked':
      return <Unlocked />;
  }
}

function Unlocked() {
  const index = searchIndex.value;
  const current = route.value;
  if (!index) return null;
  switch (current.name) {
    case 'list':
      return <ListScreen index={index} />;
    case 'item':
      return <LazyItemScreen key={current.id} id={current.id} />;
    case 'edit':
      return <LazyEditScreen key={current.id ?? 'new'} id={current.id} />;
    case 'generator':
      return <LazyGenerator onBack={() => go({ name: 'list' })} />;
    case 'help':
      return <LazyHelp onBack={() => go({ name: 'list' })} />;
  }
}

function FailedScreen() {
  useLayoutEffect(() => markReady('failed'), []);
  return (
    <main class="screen centered">
      <h1 class="title">{t('failed_title')}</h1>
      <p class="error" role="alert">
        {describeError(failure.value)}
      </p>
      <button
        type="button"
        class="button primary"
        onClick={() => {
          view.value = 'loading';
          void loadInitial();
        }}
      >
        {t('action_retry')}
      </button>
    </main>
  );
}
