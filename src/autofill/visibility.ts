/**
 * Can a person see this input? Two answers: `isVisibleOnScreen` uses real layout (the default for
 * detection in a browser), `isVisibleByMarkup` reads only attributes and inline styles (for tests
 * and page corpora parsed without layout).
 *
 * Safety fact: this is the gate against filling honeypots and clickjacking decoys. An input is
 * treated as invisible when it is type=hidden, [hidden], inert, aria-hidden, not rendered
 * (display/visibility/content-visibility), nearly transparent (the product of its ancestors'
 * opacity below 0.1: checkVisibility's checkOpacity only catches exactly 0), at most 1 px wide or
 * tall, or entirely off the page. Passing this check is necessary but not sufficient to fill: the
 * fill path must re-check at fill time, and check for covering elements, because a page can
 * change any of this in between.
 */

import { composedParent } from './dom';

/** Below this cumulative opacity a field is a decoy, not something a person can read. */
export const MIN_OPACITY = 0.1;
/** Inputs this small (in CSS pixels) are tracking pixels or honeypots, not fields. */
const MIN_SIZE_PX = 1;
/** Inline offsets this far off the page are the classic "left: -9999px" hiding trick. */
const OFF_PAGE_PX = -500;

/** Attribute checks that hold with or without layout. */
function hiddenByAttributes(input: HTMLElement): boolean {
  if (input.localName === 'input' && (input as HTMLInputElement).type === 'hidden') return true;
  for (let el: Element | null = input; el; el = composedParent(el)) {
    if (el.hasAttribute('hidden') || el.hasAttribute('inert')) return true;
    if (el.getAttribute('aria-hidden') === 'true') return true;
  }
  return false;
}

/**
 * Visibility from real layout. Costs one getBoundingClientRect and a computed-style walk up the
 * ancestors, so call it only for inputs that are already credential candidates.
 */
export function isVisibleOnScreen(input: HTMLElement): boolean {
  if (hiddenByAttributes(input)) return false;
  if (
    typeof input.checkVisibility === 'function' &&
    !input.checkVisibility({ checkOpacity: true, checkVisibilityCSS: true })
  ) {
    return false;
  }
  const rect = input.getBoundingClientRect();
  if (rect.width <= MIN_SIZE_PX || rect.height <= MIN_SIZE_PX) return false;
  const view = input.ownerDocument.defaultView;
  if (!view) return false;
  const page = input.ownerDocument.documentElement;
  const left = rect.left + view.scrollX;
  const top = rect.top + view.scrollY;
  // Off the page: entirely left of or above the document origin (which no scrolling reaches),
  // or beyond its right edge. Below the fold is fine: a person scrolls there.
  if (left + rect.width <= 0 || top + rect.height <= 0) return false;
  if (left >= Math.max(page.scrollWidth, view.innerWidth)) return false;
  const style = view.getComputedStyle(input);
  if (clippedAway(`clip: ${style.clip}`, style.clipPath)) return false;
  return opacityProduct(input, (el) => Number.parseFloat(view.getComputedStyle(el).opacity)) >= MIN_OPACITY;
}

/**
 * Whether a person can see an <iframe> from the document that holds it (issue 13, item 7): every
 * check of isVisibleOnScreen (hidden, not rendered, faded to below MIN_OPACITY anywhere up the
 * ancestors, 1 px or less, off the page, clipped away), and, at its centre, in the viewport and
 * with nothing of the page on top of it. Stricter than for a field: a login form in a frame is
 * filled after the person confirmed the frame's origin, and the frame must be the one they saw.
 */
export function isFrameVisibleOnScreen(frame: HTMLElement): boolean {
  if (!isVisibleOnScreen(frame)) return false;
  const view = frame.ownerDocument.defaultView;
  if (!view) return false;
  const rect = frame.getBoundingClientRect();
  const x = rect.left + rect.width / 2;
  const y = rect.top + rect.height / 2;
  if (x < 0 || y < 0 || x >= view.innerWidth || y >= view.innerHeight) return false;
  const root = frame.getRootNode() as Document | ShadowRoot;
  return root.elementFromPoint(x, y) === frame;
}

/**
 * Visibility from markup alone: attributes plus each ancestor's inline style (display,
 * visibility, opacity, zero or 1px size, far negative offsets, clip). Closed <dialog>s and
 * unopened [popover]s are hidden, as the user-agent style sheet makes them.
 */
export function isVisibleByMarkup(input: HTMLInputElement): boolean {
  if (hiddenByAttributes(input)) return false;
  for (let el: Element | null = input; el; el = composedParent(el)) {
    if (el.localName === 'dialog' && !el.hasAttribute('open')) return false;
    if (el.hasAttribute('popover') && !isPopoverOpen(el)) return false;
    const style = (el as HTMLElement).style;
    if (!style) continue;
    if (style.display === 'none' || style.visibility === 'hidden' || style.visibility === 'collapse') {
      return false;
    }
    if (style.getPropertyValue('content-visibility') === 'hidden') return false;
    if (tinyLength(style.width) || tinyLength(style.height) || tinyLength(style.maxWidth)) return false;
    if (style.position === 'absolute' || style.position === 'fixed') {
      if (farOffPage(style.left) || farOffPage(style.top) || farOffPage(style.right)) return false;
    }
    // Some engines drop the deprecated `clip` from the style object; read it from the attribute.
    if (clippedAway(el.getAttribute('style') ?? '', style.clipPath ?? '')) return false;
    if (/^scale\(0(,\s*0)?\)$/.test((style.transform ?? '').trim())) return false;
  }
  return (
    opacityProduct(input, (el) => {
      const inline = (el as HTMLElement).style?.opacity;
      return inline ? Number.parseFloat(inline) : 1;
    }) >= MIN_OPACITY
  );
}

/** The visually-hidden patterns: `clip: rect(0 0 0 0)` and `clip-path: inset(50%)` (or more). */
function clippedAway(declarations: string, clipPath: string): boolean {
  if (/clip\s*:\s*rect\(\s*0(px)?[\s,]+0(px)?[\s,]+0(px)?[\s,]+0(px)?\s*\)/i.test(declarations)) return true;
  const inset = /^inset\(\s*([\d.]+)%\s*\)$/.exec(clipPath.trim());
  return !!inset && Number.parseFloat(inset[1] ?? '0') >= 50;
}

/** `:popover-open`, where the engine knows it; an engine that does not cannot have opened one. */
function isPopoverOpen(el: Element): boolean {
  try {
    return el.matches(':popover-open');
  } catch {
    return false;
  }
}

/** The product of opacity over the element and its composed ancestors (CSS opacity compounds). */
function opacityProduct(el: Element, opacityOf: (el: Element) => number): number {
  let product = 1;
  for (let node: Element | null = el; node; node = composedParent(node)) {
    const value = opacityOf(node);
    if (Number.isFinite(value)) product *= value;
    if (product < MIN_OPACITY) return product;
  }
  return product;
}

function tinyLength(value: string | undefined): boolean {
  if (!value) return false;
  const match = /^(-?[\d.]+)(px)?$/.exec(value.trim());
  return !!match && Number.parseFloat(match[1] ?? '') <= MIN_SIZE_PX;
}

function farOffPage(value: string | undefined): boolean {
  if (!value) return false;
  const match = /^(-[\d.]+)(px|em|rem)$/.exec(value.trim());
  if (!match) return false;
  const pixels = Number.parseFloat(match[1] ?? '') * (match[2] === 'px' ? 1 : 16);
  return pixels <= OFF_PAGE_PX;
}
