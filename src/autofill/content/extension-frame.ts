/**
 * An extension page shown inside a web page (the inline menu, the save prompt), placed where the
 * page can neither read nor restyle it: an <iframe> of the extension's own origin, inside a closed
 * shadow root, on a host element in the top layer (Popover API).
 *
 * Safety fact: the page sees only an empty host element. What the frame shows travels from the
 * background to the frame directly, and a cross-origin frame's document is unreadable to the page.
 * This module only places and removes the frame; the frame's own page must still refuse input
 * while it is not fully visible (a page can cover, fade or move anything on its own surface).
 */

export interface FrameBox {
  /** Viewport coordinates in CSS pixels (position: fixed). */
  top: number;
  left: number;
  width: number;
  height: number;
}

export interface ExtensionFrame {
  /** The host element in the page (empty to the page: its shadow root is closed). */
  readonly host: HTMLElement;
  /** Whether the host is still in the page and in the top layer. */
  isShown(): boolean;
  move(box: FrameBox): void;
  remove(): void;
  /** Moves keyboard focus into the frame (the page cannot: it has no reference to the iframe). */
  focus(): void;
}

/**
 * Every rule inline and !important: a declaration in the style attribute outranks any page
 * stylesheet, important or not (CSS Cascade 5, §6.1 "element-attached styles"), so the page
 * cannot make the host transparent, tiny or click-through with a selector. `all: initial` resets
 * every property a page could have set (visibility visible, no transform, filter, clip-path,
 * margin, padding, border or background, pointer-events auto); what follows differs from the
 * initial values, except opacity, stated because it is the one a clickjacking page aims at.
 */
const HOST_STYLE = [
  'all: initial',
  'opacity: 1',
  'position: fixed',
  'overflow: hidden',
  'display: block',
  'box-shadow: 0 4px 16px rgba(0, 0, 0, 0.25)',
  'border-radius: 8px',
  // Only where the Popover API is missing; the top layer is above every z-index anyway.
  'z-index: 2147483647',
];

function hostStyle(box: FrameBox): string {
  const geometry = [
    `top: ${Math.round(box.top)}px`,
    `left: ${Math.round(box.left)}px`,
    `width: ${Math.round(box.width)}px`,
    `height: ${Math.round(box.height)}px`,
  ];
  return [...HOST_STYLE, ...geometry].map((rule) => `${rule} !important`).join('; ');
}

/**
 * Opens `url` (an extension page, from runtime.getURL) in a frame at `box`. `title` names the
 * frame for screen readers.
 */
export function openExtensionFrame(doc: Document, url: string, box: FrameBox, title: string): ExtensionFrame {
  // A custom element name: no page rule written for div/iframe applies to it.
  const host = doc.createElement('tessera-frame');
  host.setAttribute('style', hostStyle(box));
  const shadow = host.attachShadow({ mode: 'closed' });
  const frame = doc.createElement('iframe');
  frame.src = url;
  frame.title = title;
  frame.setAttribute(
    'style',
    'all: initial; display: block; width: 100%; height: 100%; border: 0; color-scheme: normal;',
  );
  shadow.append(frame);

  const popover = typeof host.showPopover === 'function';
  if (popover) host.popover = 'manual';
  doc.documentElement.append(host);
  if (popover) host.showPopover();

  return {
    host,
    isShown() {
      return host.isConnected && (!popover || host.matches(':popover-open'));
    },
    move(next) {
      host.setAttribute('style', hostStyle(next));
    },
    remove() {
      if (popover && host.matches(':popover-open')) host.hidePopover();
      host.remove();
    },
    focus() {
      frame.focus();
    },
  };
}
