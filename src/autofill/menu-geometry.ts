/**
 * Where the inline menu goes, and whether its field has moved since: plain arithmetic on
 * viewport rectangles, shared by the content script and the unit tests.
 *
 * Safety fact: "moved" is strict (one CSS pixel): the menu is placed for one position of its
 * field, and a page that moves the field (or the page under the menu) after the menu appeared
 * is treated as an attempt to slip something under the person's pointer, so the menu closes.
 */

export interface Rect {
  top: number;
  left: number;
  width: number;
  height: number;
}

export const MENU_WIDTH = 300;
/** Header line, one row per login (up to MENU_ROWS), and room for a one-line notice. */
export const MENU_ROW_PX = 44;
export const MENU_ROWS = 4;
const MENU_CHROME_PX = 76;
const GAP_PX = 4;

/** The menu's height for `count` logins (at least two rows: a confirmation needs the room). */
export function menuHeight(count: number): number {
  return MENU_CHROME_PX + Math.max(2, Math.min(count, MENU_ROWS)) * MENU_ROW_PX;
}

/**
 * Under the field, left-aligned with it; above it when there is no room below; always inside
 * the viewport (width, height: the viewport's size in CSS pixels).
 */
export function menuBox(field: Rect, count: number, viewport: { width: number; height: number }): Rect {
  const height = menuHeight(count);
  const width = Math.min(MENU_WIDTH, viewport.width);
  const below = field.top + field.height + GAP_PX;
  const above = field.top - GAP_PX - height;
  const top = below + height <= viewport.height || above < 0 ? below : above;
  const left = Math.max(0, Math.min(field.left, viewport.width - width));
  return { top: Math.max(0, Math.min(top, viewport.height - height)), left, width, height };
}

/** Whether a field is where it was (to within a pixel, for subpixel layout rounding). */
export function samePlace(a: Rect, b: Rect): boolean {
  return (
    Math.abs(a.top - b.top) < 1 &&
    Math.abs(a.left - b.left) < 1 &&
    Math.abs(a.width - b.width) < 1 &&
    Math.abs(a.height - b.height) < 1
  );
}

/** The centre of a rectangle (where the content script looks for its own menu host). */
export function centre(rect: Rect): { x: number; y: number } {
  return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
}
