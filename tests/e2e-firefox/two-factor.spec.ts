// Two-factor codes filled in Firefox (issue 15, item 4), as in tests/e2e/two-factor.spec.ts: a
// login with a code filled on the first page of the two-step fixture site, then its code on the
// code page (one field, and six boxes), checked against the site's own authenticator.
import type { Page } from 'puppeteer-core';
import { login } from '../e2e/popup-support';
import { acceptedCodes, TWO_FACTOR_SECRET } from '../e2e/two-factor-support';
import { waitForReady } from './harness/dom';
import { expect, test } from './harness/fixtures';
import { MASTER_PASSWORD, send, tabIdOf } from './support';

const values = (page: Page, ...ids: string[]) =>
  page.evaluate((list) => list.map((id) => (document.getElementById(id) as HTMLInputElement).value), ids);

for (const variant of [
  { name: 'one code field', query: '', next: 'two-factor-code.html', fields: ['code'] },
  {
    name: 'six boxes',
    query: '?next=two-factor-boxes.html',
    next: 'two-factor-boxes.html',
    fields: ['d1', 'd2', 'd3', 'd4', 'd5', 'd6'],
  },
]) {
  test(`the code page after a filled login is filled with the login's code (${variant.name})`, async ({
    firefox,
    fixtureServer,
  }) => {
    const options = await firefox.openExtensionPage('options.html');
    await waitForReady(options, 'options-empty');
    await send(options, { type: 'vault.create', password: MASTER_PASSWORD });
    const urls = [`http://127.0.0.1:${fixtureServer.port}/`];
    await send(options, {
      type: 'vault.putMany',
      replace: false,
      items: [login('With code', { username: 'alice@example.com', urls, totp: TWO_FACTOR_SECRET })],
    });

    const site = await firefox.browser.newPage();
    const first = fixtureServer.url(`autofill-e2e/two-factor.html${variant.query}`);
    await site.goto(first);
    const tabId = await tabIdOf(options, first);
    const filled = await send<{ name: string }>(options, { type: 'autofill.fillNext', tabId });
    expect(filled.name).toBe('With code');
    expect(await values(site, 'username', 'password')).toEqual(['alice@example.com', 'pw-With code-Secret!']);

    await Promise.all([site.waitForNavigation(), site.click('button[type="submit"]')]);
    expect(site.url()).toContain(variant.next);
    await tabIdOf(options, site.url());
    const second = await send<{ name: string; code?: string }>(options, { type: 'autofill.fillNext', tabId });
    expect(second).toMatchObject({ name: 'With code', code: 'filled' });
    const code = (await values(site, ...variant.fields)).join('');
    expect(acceptedCodes()).toContain(code);
  });
}
