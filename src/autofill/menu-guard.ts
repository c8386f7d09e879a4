/**
 * The inline menu's own clickjacking gate: whether a click or Enter on the menu may count as the
 * person choosing a login. Pure bookkeeping; the menu page feeds it the browser's observations.
 *
 * A page cannot read the menu, but it can try to make a person click it without seeing it:
 * fade it, cover it (an overlay with pointer-events: none lets the click through), put its own
 * popover above it, or move it under the pointer just before a click. Two rules answer that:
 * - Visible long enough: the menu must have been fully visible and in place for MIN_VISIBLE_MS
 *   (it appeared, moved or was covered: the clock restarts), as Chrome's own permission
 *   prompts and Android's tapjacking filters do, so a page cannot slip it under a click.
 * - Visible now: where the browser can tell (IntersectionObserver v2, `trackVisibility`, Chrome
 *   84+; https://w3c.github.io/IntersectionObserver/v2/), its latest report must say the menu is
 *   visible: unoccluded, not faded, filtered or transformed, in this frame and every frame above.
 *
 * Safety fact: this gate is necessary, not sufficient. The background also asks the content
 * script, just before filling, that the menu's host is still shown and on top and that the field
 * is visible and where it was; without IntersectionObserver v2 (Firefox) that check and the
 * clock are all there is, so an overlay with pointer-events: none is not caught there.
 */

export const MIN_VISIBLE_MS = 500;

export type GuardRefusal = 'too-soon' | 'covered';

export function createMenuGuard(deps: { now(): number; tracksVisibility: boolean }) {
  let since = deps.now();
  // Without IntersectionObserver v2 there is no report to wait for; with it, nothing counts as
  // visible until the first report says so.
  let visible = !deps.tracksVisibility;

  return {
    /** The menu appeared, moved or resized: restart the clock. */
    moved(): void {
      since = deps.now();
    },

    /** An IntersectionObserver v2 report. */
    visibility(isVisible: boolean): void {
      if (isVisible && !visible) since = deps.now();
      visible = isVisible;
    },

    /** null when a choice may go ahead; otherwise why not. */
    check(): GuardRefusal | null {
      if (!visible) return 'covered';
      return deps.now() - since < MIN_VISIBLE_MS ? 'too-soon' : null;
    },
  };
}

export type MenuGuard = ReturnType<typeof createMenuGuard>;
