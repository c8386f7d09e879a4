/**
 * The popup's help: one short paragraph per feature (unlock and lock, search, fill, two-factor
 * codes, passkeys, vault health, settings), reached from the list's "?" button. Loaded on first use
 * (LazyHelp.tsx), so opening the popup does not pay for its text. Back or Escape returns to the list.
 */

import { useLayoutEffect, useRef } from 'preact/hooks';
import { IconButton } from '../../../src/ui/components/IconButton';
import { useEscape } from '../../../src/ui/escape';
import { type MessageKey, t } from '../../../src/ui/i18n';
import { markReady } from '../../../src/ui/ready';

export interface HelpScreenProps {
  onBack(): void;
}

/** Heading and paragraph of each topic, in the order a new user meets them. */
const TOPICS: readonly { id: string; title: MessageKey; body: MessageKey }[] = [
  { id: 'unlock', title: 'help_unlock_title', body: 'help_unlock_body' },
  { id: 'search', title: 'help_search_title', body: 'help_search_body' },
  { id: 'fill', title: 'help_fill_title', body: 'help_fill_body' },
  { id: 'codes', title: 'help_codes_title', body: 'help_codes_body' },
  { id: 'passkeys', title: 'help_passkeys_title', body: 'help_passkeys_body' },
  { id: 'health', title: 'help_health_title', body: 'help_health_body' },
  { id: 'settings', title: 'help_settings_title', body: 'help_settings_body' },
];

export function HelpScreen({ onBack }: HelpScreenProps) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEscape(onBack);
  useLayoutEffect(() => {
    markReady('help');
    heading.current?.focus();
  }, []);

  return (
    <main class="screen detail-screen">
      <header class="toolbar">
        <IconButton icon="back" label={t('action_back')} onClick={onBack} />
        <h1 id="help-title" class="toolbar-title" tabIndex={-1} ref={heading}>
          {t('help_title')}
        </h1>
      </header>
      {/* biome-ignore lint/a11y/noNoninteractiveTabindex: text only, so the region itself takes focus to scroll by keyboard (axe: scrollable-region-focusable). */}
      <section class="content stack help" aria-labelledby="help-title" tabIndex={0}>
        {TOPICS.map(({ id, title, body }) => (
          <section key={id} aria-labelledby={`help-${id}`}>
            <h2 id={`help-${id}`} class="help-topic">
              {t(title)}
            </h2>
            <p>{t(body)}</p>
          </section>
        ))}
      </section>
    </main>
  );
}
