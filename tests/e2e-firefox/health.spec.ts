// The health report in Firefox, whose MV3 background is an event page (a document): the strength
// estimator is not part of background.js; the page loads its script with a script element at the
// first rating (src/strength/estimator-script.ts), and a page suspended and started again loads it
// again. The Chromium twin, with the service worker's install-time import: options-health.spec.ts.
import type { Page } from 'puppeteer-core';
import type { HealthReport } from '../../src/health/report';
import { ESTIMATOR_GLOBAL, RATED_AFTER_WAKE, weakAfterRating, ZXCVBN_RATED } from '../e2e/helpers/health';
import { waitForReady } from './harness/dom';
import { expect, test } from './harness/fixtures';
import { MASTER_PASSWORD, send } from './support';

/** What the event page's global scope holds under the estimator's name (a function once loaded). */
function estimatorIn(page: Page): Promise<string> {
  return page.evaluate(async (name) => {
    const api = (globalThis as unknown as { browser: { runtime: { getBackgroundPage(): Promise<Window> } } })
      .browser;
    return typeof ((await api.runtime.getBackgroundPage()) as unknown as Record<string, unknown>)[name];
  }, ESTIMATOR_GLOBAL);
}

test('the event page loads the estimator at the first rating, and a page suspended and woken still rates', async ({
  firefox,
}) => {
  test.setTimeout(120_000);
  const options = await firefox.openExtensionPage('options.html');
  await waitForReady(options, 'options-empty');
  await send(options, { type: 'vault.create', password: MASTER_PASSWORD });
  await send(options, { type: 'vault.putMany', items: ZXCVBN_RATED, replace: false });
  const report = () => send<HealthReport>(options, { type: 'health.report' });

  await firefox.terminateBackground();
  expect(await estimatorIn(options)).toBe('undefined');
  expect(await weakAfterRating(report)).toEqual(['Alpha Mail']);
  expect(await estimatorIn(options)).toBe('function');

  await firefox.terminateBackground();
  await send(options, { type: 'vault.putMany', items: [RATED_AFTER_WAKE], replace: false });
  expect(await estimatorIn(options)).toBe('undefined');
  expect(await weakAfterRating(report)).toEqual(['Alpha Mail', 'Kappa Blog']);
  expect(await estimatorIn(options)).toBe('function');
});
