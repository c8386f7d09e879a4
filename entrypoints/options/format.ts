/** Dates and durations as the options page shows them, in the browser's language. */

import { t } from '../../src/ui/i18n';

export function formatDate(ms: number | string): string {
  const date = new Date(ms);
  return Number.isNaN(date.getTime())
    ? String(ms)
    : date.toLocaleDateString(t('lang'), { year: 'numeric', month: 'long', day: 'numeric' });
}
