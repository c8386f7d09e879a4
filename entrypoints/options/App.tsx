/**
 * The options page: a header, a sidebar of groups (registry.tsx) and the sections of the group the
 * URL fragment names (navigation.ts), all chosen by the vault's state:
 *   empty     restore from backup (S4) or create a new vault (one group, no sidebar)
 *   locked    unlock (password or biometric), forgot password (S5), settings, reset (S4), sites
 *             that never offer to save
 *   unlocked  after a recovery with the recovery key, the suggestion to make a new one (S5, above
 *             every group); then every group of registry.tsx
 * Changing state unmounts the sections of the old one, so nothing typed or shown (a recovery key)
 * survives a lock.
 */

import { useLayoutEffect, useRef } from 'preact/hooks';
import { Brand } from '../../src/ui/components/Brand';
import { describeError } from '../../src/ui/errors';
import { t } from '../../src/ui/i18n';
import { Navigation } from './components/Navigation';
import { fragment, settleFragment, takePendingFocus } from './fragment';
import { groupsIn, resolveRoute, sectionsIn } from './navigation';
import { GROUPS, SECTIONS } from './registry';
import { RECOVERED_TITLE_ID, RecoveredNotice } from './sections/RecoveredNotice';
import { ask, loadError, recoveredWithKey, refresh, status } from './state';

export function App() {
  const state = status.value?.state ?? null;
  const route = state ? resolveRoute(fragment.value, state, GROUPS, SECTIONS) : null;

  // Tests and assistive technology: the body says which state the page shows.
  useLayoutEffect(() => {
    if (state) document.body.dataset.ready = `options-${state}`;
    else delete document.body.dataset.ready;
  }, [state]);

  // A new state is a new page for a screen reader: announce it by moving focus to the heading, or
  // to the suggestion to replace the recovery key when that key just opened the vault. The lock
  // screen focuses its password field itself. A move to another group lands on its first heading
  // (or the element the move asked for), and a #section target wins over all of these.
  const heading = useRef<HTMLHeadingElement>(null);
  const previous = useRef<{ state: string; fragment: string } | null>(null);
  useLayoutEffect(() => {
    if (!state || !route) return;
    const last = previous.current;
    previous.current = { state, fragment: fragment.value };
    if (route.section) {
      // The fragment becomes the group's; that change is no new move to focus for.
      previous.current = { state, fragment: `#${route.group}` };
      revealSection(route.section, route.group);
      return;
    }
    if (last && last.fragment !== fragment.value && route.matched) {
      (takePendingFocus() ?? firstHeadingOf(route.group))?.focus();
      return;
    }
    if (!last || last.state === state || state === 'locked') return;
    const suggestion = state === 'unlocked' && recoveredWithKey.value;
    (suggestion ? document.getElementById(RECOVERED_TITLE_ID) : heading.current)?.focus();
  }, [state, fragment.value]);

  if (!state || !route) {
    if (loadError.value) {
      return (
        <main class="options">
          <h1 class="title">{t('failed_title')}</h1>
          <p class="error" role="alert">
            {describeError(loadError.value)}
          </p>
          <button type="button" class="button primary" onClick={() => void refresh()}>
            {t('action_retry')}
          </button>
        </main>
      );
    }
    return <main class="options" aria-busy="true" aria-label={t('loading')} />;
  }

  const groups = groupsIn(GROUPS, SECTIONS, state);
  const shown = sectionsIn(SECTIONS, state).filter((section) => section.group === route.group);
  return (
    <div class={groups.length > 1 ? 'options-page with-nav' : 'options-page'}>
      <header class="options-header">
        <Brand compact />
        <div class="options-heading">
          <h1 ref={heading} class="title" tabIndex={-1}>
            {t('options_title')}
          </h1>
          <p class="lead" role="status">
            {state === 'empty'
              ? t('options_state_empty')
              : state === 'locked'
                ? t('options_state_locked')
                : t('options_state_unlocked')}
          </p>
        </div>
        {state === 'unlocked' && (
          <button
            type="button"
            class="button"
            onClick={() => void ask({ type: 'vault.lock' }).finally(() => void refresh())}
          >
            {t('action_lock')}
          </button>
        )}
      </header>
      {groups.length > 1 && <Navigation groups={groups} current={route.group} />}
      {/* Keyed by state: a lock or unlock remounts every section, so nothing typed or shown survives it. */}
      <main key={state} class="options" data-group={route.group}>
        {state === 'empty' && <p class="lead">{t('options_firstrun_intro')}</p>}
        {state === 'unlocked' && recoveredWithKey.value && <RecoveredNotice />}
        {shown.map(({ id, component: Component }) => (
          <Component key={id} state={state} />
        ))}
      </main>
    </div>
  );
}

/**
 * options.html#restore (from the popup's first-run screen) shows that section's group, scrolls to
 * and focuses it. Once only: the fragment becomes the group's, so a later change of state does not
 * jump back here.
 */
function revealSection(section: string, group: string): void {
  settleFragment(group);
  const heading = document.getElementById(`${section}-title`);
  heading?.scrollIntoView({ block: 'start' });
  heading?.focus();
}

/** The first section heading of the group just shown (Section gives each an id ending in -title). */
function firstHeadingOf(group: string): HTMLElement | null {
  return document.querySelector<HTMLElement>(`main[data-group="${group}"] .card-title`);
}
