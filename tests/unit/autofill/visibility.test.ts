// @vitest-environment happy-dom
// Visibility gates (src/autofill/visibility.ts). happy-dom has no layout, so the layout-based
// check is driven here by stubbing each input's getBoundingClientRect; computed styles
// (display, visibility, opacity) come from happy-dom's style engine.

import { afterEach, describe, expect, it } from 'vitest';
import { isVisibleByMarkup, isVisibleOnScreen } from '@/src/autofill/visibility';

function mount(html: string): HTMLInputElement {
  document.body.innerHTML = html;
  const input = document.querySelector<HTMLInputElement>('#target');
  if (!input) throw new Error('fixture needs #target');
  return input;
}

function placeAt(input: HTMLInputElement, left: number, top: number, width = 200, height = 30): void {
  const rect = { left, top, width, height, right: left + width, bottom: top + height, x: left, y: top };
  input.getBoundingClientRect = () => ({ ...rect, toJSON: () => rect }) as DOMRect;
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('isVisibleOnScreen (layout)', () => {
  it('accepts a normal input, also below the fold', () => {
    const input = mount('<input id="target">');
    placeAt(input, 10, 10);
    expect(isVisibleOnScreen(input)).toBe(true);
    placeAt(input, 10, 5000);
    expect(isVisibleOnScreen(input)).toBe(true);
  });

  it('rejects zero-size and 1px inputs', () => {
    const input = mount('<input id="target">');
    placeAt(input, 10, 10, 0, 0);
    expect(isVisibleOnScreen(input)).toBe(false);
    placeAt(input, 10, 10, 1, 1);
    expect(isVisibleOnScreen(input)).toBe(false);
    placeAt(input, 10, 10, 200, 1);
    expect(isVisibleOnScreen(input)).toBe(false);
  });

  it('rejects inputs entirely off the page to the left, above, or beyond the right edge', () => {
    const input = mount('<input id="target">');
    placeAt(input, -9999, 10);
    expect(isVisibleOnScreen(input)).toBe(false);
    placeAt(input, 10, -500);
    expect(isVisibleOnScreen(input)).toBe(false);
    placeAt(input, 99999, 10);
    expect(isVisibleOnScreen(input)).toBe(false);
    placeAt(input, -150, 10); // partly on the page
    expect(isVisibleOnScreen(input)).toBe(true);
  });

  it('rejects inputs under display:none or visibility:hidden', () => {
    for (const style of ['display:none', 'visibility:hidden']) {
      const input = mount(`<div style="${style}"><input id="target"></div>`);
      placeAt(input, 10, 10);
      expect(isVisibleOnScreen(input), style).toBe(false);
    }
  });

  it('multiplies opacity down the ancestors: 0.5 × 0.1 × 0.5 is invisible, 0.5 is not', () => {
    const faded = mount(
      '<div style="opacity:0.5"><div style="opacity:0.1"><input id="target" style="opacity:0.5"></div></div>',
    );
    placeAt(faded, 10, 10);
    expect(isVisibleOnScreen(faded)).toBe(false);
    const half = mount('<div style="opacity:0.5"><input id="target"></div>');
    placeAt(half, 10, 10);
    expect(isVisibleOnScreen(half)).toBe(true);
    const nearlyClear = mount('<input id="target" style="opacity:0.001">');
    placeAt(nearlyClear, 10, 10);
    expect(isVisibleOnScreen(nearlyClear)).toBe(false);
  });

  it('rejects the visually-hidden clip patterns at full size', () => {
    const input = mount('<input id="target" style="clip-path: inset(50%)">');
    placeAt(input, 10, 10);
    expect(isVisibleOnScreen(input)).toBe(false);
  });

  it('rejects hidden, inert, aria-hidden and type=hidden inputs whatever their box', () => {
    for (const html of [
      '<input id="target" type="hidden">',
      '<div hidden><input id="target"></div>',
      '<div inert><input id="target"></div>',
      '<div aria-hidden="true"><input id="target"></div>',
    ]) {
      const input = mount(html);
      placeAt(input, 10, 10);
      expect(isVisibleOnScreen(input), html).toBe(false);
    }
  });

  it('walks through shadow roots to the host', () => {
    document.body.innerHTML = '<div id="host" style="opacity:0.05"></div>';
    const host = document.getElementById('host')!;
    const shadow = host.attachShadow({ mode: 'open' });
    shadow.innerHTML = '<input id="target">';
    const input = shadow.getElementById('target') as HTMLInputElement;
    placeAt(input, 10, 10);
    expect(isVisibleOnScreen(input)).toBe(false);
    host.style.opacity = '1';
    expect(isVisibleOnScreen(input)).toBe(true);
  });
});

describe('isVisibleByMarkup (no layout)', () => {
  it('accepts a plain input', () => {
    expect(isVisibleByMarkup(mount('<input id="target">'))).toBe(true);
  });

  it.each([
    ['type=hidden', '<input id="target" type="hidden">'],
    ['hidden attribute', '<p hidden><input id="target"></p>'],
    ['display:none ancestor', '<div style="display: none"><input id="target"></div>'],
    ['visibility:hidden', '<input id="target" style="visibility:hidden">'],
    ['zero width', '<input id="target" style="width:0;height:20px">'],
    ['1px high', '<input id="target" style="height:1px">'],
    ['off-screen left', '<input id="target" style="position:absolute;left:-9999px">'],
    ['off-screen top in em', '<input id="target" style="position:fixed;top:-100em">'],
    ['clip rect(0 0 0 0)', '<input id="target" style="position:absolute;clip:rect(0 0 0 0)">'],
    ['clip-path inset(50%)', '<input id="target" style="clip-path: inset(50%)">'],
    ['scale(0)', '<input id="target" style="transform:scale(0)">'],
    ['opacity 0.001', '<input id="target" style="opacity:0.001">'],
    ['compounded opacity', '<div style="opacity:.3"><div style="opacity:.3"><input id="target"></div></div>'],
    ['closed dialog', '<dialog><input id="target"></dialog>'],
    ['unopened popover', '<div popover><input id="target"></div>'],
    ['aria-hidden', '<section aria-hidden="true"><input id="target"></section>'],
    ['inert', '<section inert><input id="target"></section>'],
  ])('rejects %s', (_name, html) => {
    expect(isVisibleByMarkup(mount(html))).toBe(false);
  });

  it.each([
    ['open dialog', '<dialog open><input id="target"></dialog>'],
    ['half opacity', '<div style="opacity:0.5"><input id="target"></div>'],
    ['small negative margin offset', '<input id="target" style="position:relative;left:-20px">'],
    ['absolute at a normal place', '<input id="target" style="position:absolute;left:20px;top:40px">'],
  ])('accepts %s', (_name, html) => {
    expect(isVisibleByMarkup(mount(html))).toBe(true);
  });
});
