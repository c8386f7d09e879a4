/** The Tessera mark and name, shown on the lock and first-run screens. */

import type { JSX } from 'preact';
import { t } from '../i18n';

export function Brand({ compact = false }: { compact?: boolean }): JSX.Element {
  return (
    <div class={`brand ${compact ? 'compact' : ''}`}>
      <svg
        class="brand-mark"
        viewBox="0 0 32 32"
        width={compact ? 22 : 44}
        height={compact ? 22 : 44}
        aria-hidden="true"
      >
        <rect x="2" y="2" width="13" height="13" rx="3" fill="var(--accent)" />
        <rect x="17" y="2" width="13" height="13" rx="3" fill="var(--accent)" opacity="0.55" />
        <rect x="2" y="17" width="13" height="13" rx="3" fill="var(--accent)" opacity="0.55" />
        <rect x="17" y="17" width="13" height="13" rx="3" fill="var(--accent)" opacity="0.8" />
      </svg>
      <span class="brand-name">{t('extName')}</span>
    </div>
  );
}
