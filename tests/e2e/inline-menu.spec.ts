// The inline menu end to end (issue 5 fill path (c), issue 8's inline-menu clickjacking page):
// the menu an extension frame shows under a login field after a click, on local fixture pages
// (tests/fixtures/autofill-e2e) with 127.0.0.1 and localhost on the same port as two sites.
//
// Clicks on the menu go through page.mouse.click(x, y) at the option's coordinates, as a person's
// click would land: Playwright's own actionability checks would refuse to click a covered target,
// which is exactly what the attack pages make the menu.
import AxeBuilder from '@axe-core/playwright';
import type { Frame, Page } from '@playwright/test';
import type { Browser } from 'wxt/browser';
import { PASS, setUpTwoSites, site, twoSitesPage, USER, values } from './autofill-support';
import type { ExtensionHarness } from './harness/extension-harness';
import type { FixtureServer } from './harness/fixture-server';
import { expect, test } from './harness/fixtures';

declare const chrome: typeof Browser;

/** The menu's clickjacking guard (src/autofill/menu-guard.ts) waits 500 ms; a little more. */
const SETTLE_MS = 700;

function menuFrames(page: Page): Frame[] {
  return page.frames().filter((frame) => frame.url().includes('/inline-menu.html'));
}

/** The open menu's frame, once it lists at least one login. */
async function menuOf(page: Page): Promise<Frame> {
  await expect.poll(() => menuFrames(page).length).toBe(1);
  const frame = menuFrames(page)[0] as Frame;
  await expect(frame.getByRole('option').first()).toBeVisible();
  return frame;
}

/** Clicks in a field the way a person does (a trusted click), and waits for the menu. */
async function openMenu(page: Page, field = '#username'): Promise<Frame> {
  await page.locator(field).click();
  return menuOf(page);
}

/** A person's click at the centre of the option named `name`, by page coordinates. */
async function clickOption(page: Page, menu: Frame, name: string | RegExp): Promise<void> {
  const box = await menu.getByRole('option', { name }).boundingBox();
  if (!box) throw new Error('option not on screen');
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
}

/** A page on 127.0.0.1 framing localhost's sign-in page, with the menu opened in that frame. */
async function crossOriginMenu(extension: ExtensionHarness, server: FixtureServer) {
  await setUpTwoSites(extension, server);
  const page = await extension.newPage();
  const innerUrl = site(server, 'login.html', 'localhost');
  await page.goto(site(server, `frame.html?src=${encodeURIComponent(innerUrl)}`));
  const inner = page.frameLocator('#embed');
  await inner.locator('#username').click();
  return { page, inner, menu: await menuOf(page) };
}

test.describe('the inline menu', () => {
  test('appears after a click in the login field, lists the match and fills it', async ({
    extension,
    fixtureServer,
  }) => {
    const page = await twoSitesPage(extension, fixtureServer, 'login.html');
    const menu = await openMenu(page);
    await expect(menu.getByRole('listbox')).toHaveAccessibleName(
      `Saved logins for http://127.0.0.1:${fixtureServer.port}`,
    );
    await expect(menu.getByRole('option')).toHaveCount(1);
    await expect(menu.getByRole('option')).toContainText('Local');
    await expect(menu.getByRole('option')).toContainText(USER);
    await page.waitForTimeout(SETTLE_MS);
    await clickOption(page, menu, /Local/);
    await expect(page.locator('#password')).toHaveValue(PASS);
    await expect(page.locator('#username')).toHaveValue(USER);
    // The menu closes after the fill.
    await expect(page.locator('tessera-frame')).toHaveCount(0);
  });

  test('in open shadow roots, found at the first click (no walk at load), the first click opens the menu and it fills', async ({
    extension,
    fixtureServer,
  }) => {
    const page = await twoSitesPage(extension, fixtureServer, 'shadow-login.html');
    // Playwright's CSS locators pierce open shadow roots; the click is a person's (trusted).
    const menu = await openMenu(page);
    await expect(menu.getByRole('option')).toContainText('Local');
    await page.waitForTimeout(SETTLE_MS);
    await clickOption(page, menu, /Local/);
    await expect(page.locator('#username')).toHaveValue(USER);
    await expect(page.locator('#password')).toHaveValue(PASS);
  });

  test('a click too soon after the menu appeared fills nothing', async ({ extension, fixtureServer }) => {
    const page = await twoSitesPage(extension, fixtureServer, 'login.html');
    await page.locator('#username').click();
    const menu = await menuOf(page);
    await clickOption(page, menu, /Local/);
    await expect(menu.getByRole('status')).toContainText('has just appeared');
    expect(await values(page, 'username', 'password')).toEqual(['', '']);
  });

  test('keyboard: arrow down opens and enters the menu, Enter fills; Escape returns to the field', async ({
    extension,
    fixtureServer,
  }) => {
    const page = await twoSitesPage(extension, fixtureServer, 'login.html');
    let menu = await openMenu(page);
    await page.keyboard.press('ArrowDown');
    await expect(menu.getByRole('option', { name: /Local/ })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(page.locator('tessera-frame')).toHaveCount(0);
    await expect(page.locator('#username')).toBeFocused();

    // Arrow down in the field opens it again (the keyboard way in), and once more goes into it.
    await page.keyboard.press('ArrowDown');
    menu = await menuOf(page);
    await page.waitForTimeout(SETTLE_MS);
    await page.keyboard.press('ArrowDown');
    await expect(menu.getByRole('option', { name: /Local/ })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.locator('#password')).toHaveValue(PASS);
    await expect(page.locator('#username')).toHaveValue(USER);
  });

  test('passes axe in light and dark', async ({ extension, fixtureServer }) => {
    const page = await twoSitesPage(extension, fixtureServer, 'login.html');
    await openMenu(page);
    const menuPage = await extension.newPage();
    // axe runs on the menu page itself; its list is refused there (not armed), so the rows are
    // checked by rendering the armed menu's markup: the same document, the same styles.
    await menuPage.goto(extension.url('inline-menu.html'));
    const markup = await (await menuOf(page)).locator('#menu').evaluate((el) => el.outerHTML);
    await menuPage.evaluate((html) => {
      const menu = document.getElementById('menu');
      if (menu) menu.outerHTML = html;
    }, markup);
    for (const colorScheme of ['light', 'dark'] as const) {
      await menuPage.emulateMedia({ colorScheme });
      const results = await new AxeBuilder({ page: menuPage }).analyze();
      const serious = results.violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => `${colorScheme}: ${v.id} ${v.help}`);
      expect(serious, serious.join('\n')).toEqual([]);
    }
  });

  test('a React-style controlled form keeps the value filled from the menu', async ({
    extension,
    fixtureServer,
  }) => {
    const page = await twoSitesPage(extension, fixtureServer, 'react.html');
    const menu = await openMenu(page);
    await page.waitForTimeout(SETTLE_MS);
    await clickOption(page, menu, /Local/);
    await expect(page.locator('#state')).toHaveText(`${USER}|${PASS.length}`);
    await page.waitForTimeout(200);
    expect(await values(page, 'username', 'password')).toEqual([USER, PASS]);
  });

  test('no menu on a site without logins, and none on a page without login fields', async ({
    extension,
    fixtureServer,
  }) => {
    const page = await twoSitesPage(extension, fixtureServer, 'login.html', 'localhost', true);
    await page.locator('#username').click();
    await page.locator('#password').click();
    await page.waitForTimeout(500);
    await expect(page.locator('tessera-frame')).toHaveCount(0);
    expect(menuFrames(page)).toHaveLength(0);
    await page.goto(site(fixtureServer, 'plain.html'));
    await page.locator('body').click();
    await page.waitForTimeout(300);
    await expect(page.locator('tessera-frame')).toHaveCount(0);
  });

  test('no menu without a person’s action: autofocus, script focus and a synthetic click', async ({
    extension,
    fixtureServer,
  }) => {
    const page = await twoSitesPage(extension, fixtureServer, 'autofocus.html');
    await page.waitForFunction(() => (window as { poked?: boolean }).poked === true);
    await page.waitForTimeout(500);
    await expect(page.locator('tessera-frame')).toHaveCount(0);
    expect(menuFrames(page)).toHaveLength(0);
    // The same page does show it after a real click (so the absence above means something).
    await openMenu(page);
  });

  test('the page cannot read the menu', async ({ extension, fixtureServer }) => {
    const page = await twoSitesPage(extension, fixtureServer, 'login.html');
    await openMenu(page);
    const seen = await page.evaluate(() => {
      const host = document.querySelector('tessera-frame');
      return {
        host: host !== null,
        shadowRoot: host?.shadowRoot ?? null,
        children: host?.children.length,
        iframes: document.querySelectorAll('iframe').length,
        // biome-ignore lint/performance/useDomNodeTextContent: the rendered text is what is asked about
        text: document.body.innerText + document.documentElement.outerHTML,
        frames: window.length,
        resources: performance.getEntries().map((entry) => entry.name),
      };
    });
    expect(seen.host).toBe(true);
    expect(seen.shadowRoot).toBeNull();
    expect(seen.children).toBe(0);
    expect(seen.iframes).toBe(0);
    expect(seen.text).not.toContain(USER);
    expect(seen.text).not.toContain('Local');
    expect(seen.text).not.toContain('inline-menu');
    // Neither the frame nor its address (with the arm's token) is reachable from the page.
    expect(seen.frames).toBe(0);
    expect(seen.resources.join(' ')).not.toContain('inline-menu');
  });

  test('a page that frames the menu page itself gets nothing', async ({ extension, fixtureServer }) => {
    const page = await twoSitesPage(extension, fixtureServer, 'login.html');
    // The address a page could know: the menu page's fixed address does not load at all (Chrome's
    // dynamic URL); the dynamic one (as if leaked) loads, with no token or a made-up one.
    // The person's click has armed this frame, and our menu is open.
    await openMenu(page);
    const dynamic = await extension.evalInWorker(() => chrome.runtime.getURL('/inline-menu.html'));
    await page.evaluate(
      ([fixed, leaked]) => {
        for (const src of [fixed, leaked, `${leaked}#AAAAAAAAAAAAAAAAAAAAAA`]) {
          const frame = document.createElement('iframe');
          frame.src = src as string;
          frame.className = 'evil';
          document.body.append(frame);
        }
      },
      [extension.url('inline-menu.html'), dynamic],
    );
    await expect.poll(() => menuFrames(page).length).toBe(3);
    const evil: Frame[] = [];
    for (const frame of menuFrames(page)) {
      if ((await (await frame.frameElement()).getAttribute('class')) === 'evil') evil.push(frame);
    }
    expect(evil).toHaveLength(2);
    for (const frame of evil) {
      await expect(frame.getByRole('status')).toContainText('Open this menu by clicking in the login field');
      await expect(frame.getByRole('option')).toHaveCount(0);
      expect(await frame.locator('body').textContent()).not.toContain(USER);
    }
  });

  test('only the frame that asked is filled', async ({ extension, fixtureServer }) => {
    const page = await twoSitesPage(extension, fixtureServer, 'twin.html');
    const inner = page.frameLocator('#embed');
    await expect(inner.locator('#password')).toBeVisible();
    const menu = await openMenu(page);
    await page.waitForTimeout(SETTLE_MS);
    await clickOption(page, menu, /Local/);
    await expect(page.locator('#password')).toHaveValue(PASS);
    await page.waitForTimeout(300);
    await expect(inner.locator('#password')).toHaveValue('');
    await expect(inner.locator('#username')).toHaveValue('');
  });

  test('in a cross-origin iframe the menu asks first, naming the frame’s origin', async ({
    extension,
    fixtureServer,
  }) => {
    const { page, inner, menu } = await crossOriginMenu(extension, fixtureServer);
    // The frame's own site's login, never the top page's.
    await expect(menu.getByRole('option')).toHaveCount(1);
    await expect(menu.getByRole('option')).toContainText('Other');
    await page.waitForTimeout(SETTLE_MS);
    await clickOption(page, menu, /Other/);
    const confirm = menu.getByRole('alertdialog');
    await expect(confirm).toContainText(`http://localhost:${fixtureServer.port}`);
    await expect(inner.locator('#password')).toHaveValue('');
    const fill = await menu.getByRole('button', { name: 'Fill anyway' }).boundingBox();
    if (!fill) throw new Error('no Fill anyway button');
    await page.waitForTimeout(SETTLE_MS);
    await page.mouse.click(fill.x + fill.width / 2, fill.y + fill.height / 2);
    await expect(inner.locator('#password')).toHaveValue('pw-Other');
    await expect(inner.locator('#username')).toHaveValue('other@example.com');
  });
});

test('“Fill anyway” right after it appeared (a double-click on the login) fills nothing; later it fills', async ({
  extension,
  fixtureServer,
}) => {
  const { page, inner, menu } = await crossOriginMenu(extension, fixtureServer);
  await page.waitForTimeout(SETTLE_MS);
  await clickOption(page, menu, /Other/);
  const fill = menu.getByRole('button', { name: 'Fill anyway' });
  await expect(fill).toBeVisible();
  const box = await fill.boundingBox();
  if (!box) throw new Error('no Fill anyway button');
  // The question has just replaced the list: its clock started again.
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await expect(menu.getByRole('status')).toContainText('just appeared');
  await page.waitForTimeout(300);
  await expect(inner.locator('#password')).toHaveValue('');
  await page.waitForTimeout(SETTLE_MS);
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await expect(inner.locator('#password')).toHaveValue('pw-Other');
});

test.describe('the inline-menu clickjacking page', () => {
  /** Opens the menu on the attack page, lets the attack happen, clicks where the option was. */
  async function attackAndClick(
    extension: ExtensionHarness,
    server: FixtureServer,
    attack: string,
  ): Promise<{ page: Page; menu: Frame }> {
    const page = await twoSitesPage(extension, server, `clickjack.html?attack=${attack}`);
    const menu = await openMenu(page);
    const box = await menu.getByRole('option', { name: /Local/ }).boundingBox();
    if (!box) throw new Error('option not on screen');
    await page.waitForFunction(() => (window as { attacked?: boolean }).attacked === true);
    await page.waitForTimeout(SETTLE_MS);
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    return { page, menu };
  }

  test('positive control: on the same page without an attack, the same click fills', async ({
    extension,
    fixtureServer,
  }) => {
    const { page } = await attackAndClick(extension, fixtureServer, 'none');
    await expect(page.locator('#password')).toHaveValue(PASS);
  });

  for (const attack of ['opacity', 'overlay'] as const) {
    test(`${attack}: the click fills nothing and the menu says why`, async ({ extension, fixtureServer }) => {
      const { page, menu } = await attackAndClick(extension, fixtureServer, attack);
      await expect(menu.getByRole('status')).toContainText('This page is covering the Tessera menu');
      await page.waitForTimeout(300);
      expect(await values(page, 'username', 'password')).toEqual(['', '']);
    });
  }

  test('popover: the menu shows it is covered, and the click fills nothing', async ({
    extension,
    fixtureServer,
  }) => {
    const page = await twoSitesPage(extension, fixtureServer, 'clickjack.html?attack=popover');
    const menu = await openMenu(page);
    const box = await menu.getByRole('option', { name: /Local/ }).boundingBox();
    if (!box) throw new Error('option not on screen');
    await page.waitForFunction(() => (window as { attacked?: boolean }).attacked === true);
    // The menu knows it is under the page's popover (IntersectionObserver v2) and disables itself.
    await expect(menu.getByRole('status')).toContainText('This page is covering the Tessera menu');
    await expect(menu.getByRole('option', { name: /Local/ })).toHaveAttribute('aria-disabled', 'true');
    await page.waitForTimeout(SETTLE_MS);
    await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
    await page.waitForTimeout(300);
    expect(await values(page, 'username', 'password')).toEqual(['', '']);
  });

  test('move: the menu closes when its field moves, and the click fills nothing', async ({
    extension,
    fixtureServer,
  }) => {
    const { page } = await attackAndClick(extension, fixtureServer, 'move');
    await expect(page.locator('tessera-frame')).toHaveCount(0);
    await page.waitForTimeout(300);
    expect(await values(page, 'username', 'password')).toEqual(['', '']);
  });
});
