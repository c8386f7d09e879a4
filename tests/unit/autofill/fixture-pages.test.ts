// @vitest-environment node
// Runs form detection on the fixture pages in tests/fixtures/autofill, each of which carries its
// expected result (data-expect-role on inputs, data-expect-kind on the box around each form; see
// the README there). Visibility comes from markup and inline styles, since happy-dom has no
// layout; the pages are written so that the same expectations hold in real Chromium.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectLoginForms } from '@/src/autofill/detect';
import type { DetectedForm } from '@/src/autofill/types';
import { isVisibleByMarkup } from '@/src/autofill/visibility';
import { REPO_ROOT } from '../shared-corpus';
import { attachDeclarativeShadowRoots, loadPage } from './page';

const FIXTURES = join(REPO_ROOT, 'tests', 'fixtures', 'autofill');
const pages = readdirSync(FIXTURES).filter((file) => file.endsWith('.html'));

/** Every element under `root`, open shadow roots included (written independently of src/). */
function allElements(root: Document | ShadowRoot | Element): Element[] {
  const found: Element[] = [];
  for (const el of Array.from(root.querySelectorAll('*'))) {
    found.push(el);
    if (el.shadowRoot) found.push(...allElements(el.shadowRoot));
  }
  return found;
}

/** The nearest element at or above `el` (crossing shadow roots) with the attribute. */
function closestWith(el: Element, attribute: string): Element | null {
  for (let node: Node | null = el; node; ) {
    if (node.nodeType === 1 && (node as Element).hasAttribute(attribute)) return node as Element;
    node = node.parentNode ?? null;
    if (node && node.nodeType === 11) node = (node as ShadowRoot).host;
  }
  return null;
}

function insertLaterContent(document: Document): void {
  for (const template of Array.from(document.querySelectorAll('template[data-insert-later]'))) {
    const target = document.querySelector(template.getAttribute('data-target') ?? '');
    target?.replaceChildren((template as HTMLTemplateElement).content.cloneNode(true));
  }
}

function describeInput(input: Element): string {
  return `<input name=${input.getAttribute('name') ?? input.id}>`;
}

function check(document: Document, forms: DetectedForm[], source: string): void {
  const elements = allElements(document);
  // Every annotation in the file must be in the parsed page (shadow roots attached, templates in).
  const count = (attribute: string) => source.split(`${attribute}=`).length - 1;
  expect(elements.filter((el) => el.hasAttribute('data-expect-role')).length).toBe(count('data-expect-role'));
  expect(elements.filter((el) => el.hasAttribute('data-expect-kind')).length).toBe(count('data-expect-kind'));
  const expectedRoles = new Map(
    elements
      .filter((el) => el.hasAttribute('data-expect-role'))
      .map((el) => [describeInput(el), el.getAttribute('data-expect-role')]),
  );
  const actualRoles = new Map(
    forms.flatMap((form) => form.fields.map((f) => [describeInput(f.input), f.role])),
  );
  expect(Object.fromEntries(actualRoles)).toEqual(Object.fromEntries(expectedRoles));

  const boxes = elements.filter((el) => el.hasAttribute('data-expect-kind'));
  const matched = new Set<Element>();
  for (const form of forms) {
    const first = form.fields[0]!.input;
    const box = closestWith(first, 'data-expect-kind');
    expect(box, `form starting at ${describeInput(first)} has no data-expect-kind box`).not.toBeNull();
    expect(form.kind).toBe(box!.getAttribute('data-expect-kind'));
    for (const field of form.fields) expect(closestWith(field.input, 'data-expect-kind')).toBe(box);
    expect(matched.has(box!), 'two detected forms in one expected box').toBe(false);
    matched.add(box!);
  }
  expect(matched.size).toBe(boxes.length);
}

describe('fixture pages', () => {
  it('has at least 15 pages', () => {
    expect(pages.length).toBeGreaterThanOrEqual(15);
  });

  it.each(pages)('%s', async (file) => {
    const source = readFileSync(join(FIXTURES, file), 'utf8');
    const page = loadPage(source);
    try {
      const { document } = page;
      attachDeclarativeShadowRoots(document);
      const hasLaterContent = document.querySelector('template[data-insert-later]') !== null;
      if (hasLaterContent) {
        // Before the app inserts its form, there is nothing to find.
        expect(detectLoginForms(document, { isVisible: isVisibleByMarkup })).toEqual([]);
        insertLaterContent(document);
      }
      check(document, detectLoginForms(document, { isVisible: isVisibleByMarkup }), source);
    } finally {
      await page.close();
    }
  });
});
