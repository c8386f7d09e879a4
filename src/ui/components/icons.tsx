/**
 * Inline SVG icons (stroke style, 20 px, currentColor). Decorative only: every button that shows
 * one carries its own text or aria-label, so icons are hidden from assistive technology.
 */

import type { JSX } from 'preact';

const PATHS = {
  back: 'M12.5 4.5 7 10l5.5 5.5',
  lock: 'M5.5 9V6.5a4.5 4.5 0 0 1 9 0V9M4.5 9h11v8h-11z',
  settings:
    'M10 12.5a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5ZM16 10l1.6-1.2-1.6-2.8-1.9.6a5.7 5.7 0 0 0-1.6-.9L12 3.8H8.8l-.5 1.9c-.6.2-1.1.5-1.6.9l-1.9-.6-1.6 2.8L4.8 10l-1.6 1.2 1.6 2.8 1.9-.6c.5.4 1 .7 1.6.9l.5 1.9H12l.5-1.9c.6-.2 1.1-.5 1.6-.9l1.9.6 1.6-2.8Z',
  plus: 'M10 4v12M4 10h12',
  copy: 'M7.5 7.5h8v9h-8zM12.5 7.5v-3h-8v9h3',
  eye: 'M2.5 10S5 4.5 10 4.5 17.5 10 17.5 10 15 15.5 10 15.5 2.5 10 2.5 10ZM10 12.3a2.3 2.3 0 1 0 0-4.6 2.3 2.3 0 0 0 0 4.6Z',
  eyeOff:
    'M3 3l14 14M8.3 5A7.7 7.7 0 0 1 10 4.5C15 4.5 17.5 10 17.5 10a13 13 0 0 1-2.2 3M12 12.5A2.3 2.3 0 0 1 8 9.1M5.3 6.3A12.6 12.6 0 0 0 2.5 10S5 15.5 10 15.5c1 0 2-.2 2.8-.6',
  refresh: 'M15.5 7A6 6 0 1 0 16 11M15.5 3.5V7H12',
  dice: 'M4.5 4.5h11v11h-11zM7.5 7.5h.01M12.5 12.5h.01M12.5 7.5h.01M7.5 12.5h.01M10 10h.01',
  trash: 'M4 6h12M8 6V4h4v2M5.5 6l.8 10h7.4l.8-10',
  edit: 'M12.5 4.5l3 3-8 8H4.5v-3zM11 6l3 3',
  search: 'M9 14.5a5.5 5.5 0 1 0 0-11 5.5 5.5 0 0 0 0 11ZM13 13l3.5 3.5',
  external: 'M11 4.5h4.5V9M15.5 4.5 9 11M13.5 12v3.5h-9v-9H8',
  close: 'M5.5 5.5l9 9M14.5 5.5l-9 9',
  warning: 'M10 3.5 17.5 16.5h-15zM10 8.5v3.5M10 14h.01',
  // A stopwatch: items with a two-factor code.
  timer: 'M10 17a6 6 0 1 0 0-12 6 6 0 0 0 0 12ZM10 8v3l2 1.5M8.5 2.5h3',
  // Corners of a viewfinder and a line: scan a QR code.
  scan: 'M3.5 7V3.5H7M13 3.5h3.5V7M16.5 13v3.5H13M7 16.5H3.5V13M6 10h8',
  // A question mark in a circle: the popup's help.
  help: 'M10 17.5a7.5 7.5 0 1 0 0-15 7.5 7.5 0 0 0 0 15ZM7.8 7.9a2.3 2.3 0 1 1 3.1 2.1c-.5.3-.9.7-.9 1.3v.6M10 14h.01',
  passkey:
    'M12.5 11a3.5 3.5 0 1 0-3.2-2.1L3.5 14.7V16.5H6V15h1.5v-1.5H9l1.4-1.4A3.5 3.5 0 0 0 12.5 11ZM13 6.5h.01',
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name, size = 20 }: { name: IconName; size?: number }): JSX.Element {
  return (
    <svg
      class="icon"
      width={size}
      height={size}
      viewBox="0 0 20 20"
      fill="none"
      stroke="currentColor"
      stroke-width="1.6"
      stroke-linecap="round"
      stroke-linejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d={PATHS[name]} />
    </svg>
  );
}
