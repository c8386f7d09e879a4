/**
 * Where Tessera is once the vault exists: its toolbar button (both of its looks), how to pin it in
 * this browser (the steps differ between Chrome and Firefox), and the options worth a visit next.
 * The links are ordinary links to the options page's sections (options.html#<section>).
 */

import type { JSX } from 'preact';
import { t } from '../../src/ui/i18n';

/** Chrome keeps extensions in the puzzle-piece menu; Firefox in its Extensions panel. */
const PIN_STEPS = import.meta.env.FIREFOX
  ? (['welcome_pin_firefox_1', 'welcome_pin_firefox_2'] as const)
  : (['welcome_pin_chrome_1', 'welcome_pin_chrome_2'] as const);

const SETUP_LINKS = [
  { href: '/options.html#file-import', label: 'welcome_link_import' },
  { href: '/options.html#biometric', label: 'welcome_link_biometric' },
  { href: '/options.html#recovery', label: 'welcome_link_recovery' },
] as const;

export function NextSteps(): JSX.Element {
  return (
    <>
      <section class="card" aria-labelledby="welcome-toolbar-title">
        <h2 id="welcome-toolbar-title" class="card-title">
          {t('welcome_toolbar_title')}
        </h2>
        <p>{t('welcome_toolbar_intro')}</p>
        <ul class="welcome-icons">
          <li>
            <img src="/icons/tessera-locked-48.png" width={32} height={32} alt="" />
            {t('welcome_icon_locked')}
          </li>
          <li>
            <img src="/icons/tessera-48.png" width={32} height={32} alt="" />
            {t('welcome_icon_unlocked')}
          </li>
        </ul>
        <h3 class="subtitle">{t('welcome_pin_title')}</h3>
        <ol class="welcome-steps">
          {PIN_STEPS.map((key) => (
            <li key={key}>{t(key)}</li>
          ))}
        </ol>
        <p>{t('welcome_shortcut')}</p>
      </section>
      <section class="card" aria-labelledby="welcome-next-title">
        <h2 id="welcome-next-title" class="card-title">
          {t('welcome_next_title')}
        </h2>
        <ul class="welcome-links">
          {SETUP_LINKS.map(({ href, label }) => (
            <li key={href}>
              <a href={href}>{t(label)}</a>
            </li>
          ))}
          <li>
            <a href="/options.html">{t('welcome_link_settings')}</a>
          </li>
        </ul>
      </section>
    </>
  );
}
