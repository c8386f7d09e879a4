/**
 * The options page's sidebar: one link per group of the current state. Plain links to `#group`
 * (so they work with Tab, Enter, middle-click and Back), the shown one marked aria-current.
 */

import type { JSX } from 'preact';
import { t } from '../../../src/ui/i18n';
import type { OptionsGroup } from '../registry';

export function Navigation(props: { groups: readonly OptionsGroup[]; current: string }): JSX.Element {
  return (
    <nav class="options-nav" aria-label={t('options_nav_label')}>
      <ul>
        {props.groups.map((group) => (
          <li key={group.id}>
            <a
              href={`#${group.id}`}
              class="options-nav-link"
              aria-current={group.id === props.current ? 'page' : undefined}
            >
              {t(group.title)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
