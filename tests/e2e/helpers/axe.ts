// axe-core over a whole extension page (popup, options, welcome): the specs' accessibility bar is no
// violation of impact "serious" or "critical" (WCAG 2.x A/AA rules and axe best practices).
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect } from '../harness/fixtures';

/** Fails with one line per serious or critical violation, each prefixed with `label` (the screen). */
export async function expectNoSeriousViolations(page: Page, label: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${label}: ${v.id} (${v.impact}) ${v.help} -> ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    );
  expect(serious, serious.join('\n')).toEqual([]);
}
