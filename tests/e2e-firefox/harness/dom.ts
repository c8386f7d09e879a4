// Finding controls in Tessera's pages the way a person does: by label, button name and region
// name (the same names the Chromium specs use with Playwright's getByRole/getByLabel). Safety fact:
// every lookup waits for exactly one match and fails on none or several, so a test never acts on
// the wrong control.
import type { ElementHandle, Page } from 'puppeteer-core';

export type Control = 'field' | 'button' | 'region';

export interface Query {
  readonly kind: Control;
  readonly name: string;
  /** The region (by its name) to search in; the whole page when absent. */
  readonly within?: string;
}

const WAIT_MS = 15_000;

/** Runs in the page: the one element matching the query, null while there is none. */
function findInPage(query: Query): Element | null {
  const text = (el: Element | null | undefined) => (el?.textContent ?? '').replace(/\s+/g, ' ').trim();
  const regionName = (el: Element) => {
    const label = el.getAttribute('aria-label');
    if (label) return label;
    const ids = el.getAttribute('aria-labelledby');
    return ids
      ? ids
          .split(' ')
          .map((id) => text(document.getElementById(id)))
          .join(' ')
      : '';
  };
  const visible = (el: Element) =>
    (el as HTMLElement).offsetParent !== null || el.getClientRects().length > 0;
  const regions = () => [
    ...document.querySelectorAll('section[aria-labelledby], [role="region"], section[aria-label]'),
  ];
  let scope: ParentNode = document;
  if (query.within) {
    const found = regions().filter((r) => regionName(r) === query.within);
    if (found.length !== 1) return null;
    scope = found[0] as Element;
  }
  let candidates: Element[];
  if (query.kind === 'region') {
    candidates = regions().filter((r) => regionName(r) === query.name);
  } else if (query.kind === 'button') {
    candidates = [...scope.querySelectorAll('button, [role="button"]')].filter(
      (b) => (b.getAttribute('aria-label') ?? text(b)) === query.name,
    );
  } else {
    candidates = [...scope.querySelectorAll('input, textarea, select')].filter((input) => {
      const labelled = input.getAttribute('aria-label');
      if (labelled !== null) return labelled === query.name;
      return [...((input as HTMLInputElement).labels ?? [])].some((l) => text(l) === query.name);
    });
  }
  const shown = candidates.filter(visible);
  if (shown.length > 1) throw new Error(`${shown.length} ${query.kind}s named "${query.name}"`);
  return shown[0] ?? null;
}

/** Waits for the one visible control matching the query. */
export async function find(page: Page, query: Query): Promise<ElementHandle<Element>> {
  const handle = await page.waitForFunction(findInPage, { timeout: WAIT_MS }, query);
  const element = handle.asElement();
  if (!element) throw new Error(`no ${query.kind} "${query.name}"`);
  return element as ElementHandle<Element>;
}

/** True when no visible control matches now (no waiting). */
export async function absent(page: Page, query: Query): Promise<boolean> {
  // findInPage is self-contained, so its source can be sent as it is.
  return page.evaluate<[], () => boolean>(`(() => {
    try {
      return (${findInPage.toString()})(${JSON.stringify(query)}) === null;
    } catch {
      return false;
    }
  })()`);
}

/** Types into a labelled field, replacing what it held. */
export async function fill(page: Page, name: string, value: string, within?: string): Promise<void> {
  const input = await find(page, { kind: 'field', name, ...(within ? { within } : {}) });
  await input.evaluate((el) => {
    (el as HTMLInputElement).select();
  });
  await input.type(value);
}

export async function click(page: Page, name: string, within?: string): Promise<void> {
  const button = await find(page, { kind: 'button', name, ...(within ? { within } : {}) });
  await button.click();
}

/** Waits for <body data-ready="..."> (Tessera's pages set it once a screen has rendered). */
export async function waitForReady(page: Page, value: string): Promise<void> {
  await page.waitForFunction((v) => document.body?.dataset.ready === v, { timeout: WAIT_MS }, value);
}

/** Waits until some element matching `selector` has exactly `expected` as its text. */
export async function waitForText(page: Page, selector: string, expected: string): Promise<void> {
  await page.waitForFunction(
    (sel, want) =>
      [...document.querySelectorAll(sel)].some((el) => el.textContent?.replace(/\s+/g, ' ').trim() === want),
    { timeout: WAIT_MS },
    selector,
    expected,
  );
}
