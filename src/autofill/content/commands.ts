/**
 * The commands the background sends a frame's content script (tabs.sendMessage), and the slice
 * of the extension API the content script uses. Part of the script every page loads: the shape
 * checks are hand-written (no valibot) so that they cost a few hundred bytes there.
 *
 * Safety fact: a message reaches the handlers only when it has one of these exact shapes; anything
 * else is left unanswered, as before the handlers existed. Who sent it is checked before (main.ts).
 */

import type { RuntimeOnMessage } from '../../messages/runtime-on-message';
import type { FillCommand } from './fill';
import type { FillCodeCommand } from './fill-code';
import type { ProbeCommand } from './frame-probe';
import type { MenuRuntime } from './menu';

/**
 * The slice of the extension API the content script uses. Why not `browser` from 'wxt/browser':
 * that import bundles webextension-polyfill (~9 KB gzipped) into a script injected into every
 * page, for one listener. Both Chrome and Firefox provide `chrome.runtime.onMessage` with the
 * sendResponse callback used here.
 */
export interface ContentRuntime extends MenuRuntime {
  id: string;
  onMessage: RuntimeOnMessage;
}

export type ContentCommand =
  | FillCommand
  | FillCodeCommand
  | ProbeCommand
  | { type: 'tessera.menu.check' | 'tessera.menu.close' }
  /** Opens the save prompt with this one-time token; without one, closes it. */
  | { type: 'tessera.prompt'; token?: unknown; title?: unknown };

type Fields = Record<string, unknown>;
const isString = (value: unknown): value is string => typeof value === 'string';
const optionalString = (value: unknown) => value === undefined || typeof value === 'string';

/** Each command type and what its other fields must be. */
const SHAPES: Record<ContentCommand['type'], (m: Fields) => boolean> = {
  'tessera.fill': (m) =>
    isString(m.origin) &&
    isString(m.username) &&
    isString(m.password) &&
    optionalString(m.confirmActionOrigin) &&
    (m.hasCode === undefined || m.hasCode === true),
  'tessera.fill.code': (m) => isString(m.origin) && isString(m.code) && optionalString(m.confirmActionOrigin),
  'tessera.frame.watch': (m) => isString(m.nonce) && isString(m.origin),
  'tessera.frame.announce': (m) => isString(m.nonce) && isString(m.parentOrigin),
  'tessera.frame.verdict': (m) => isString(m.nonce),
  'tessera.menu.check': () => true,
  'tessera.menu.close': () => true,
  'tessera.prompt': () => true,
};

/** `message` as a content-script command, or null when it is none. */
export function contentCommand(message: unknown): ContentCommand | null {
  if (typeof message !== 'object' || message === null) return null;
  const type = (message as Fields).type;
  if (!isString(type) || !Object.hasOwn(SHAPES, type)) return null;
  return SHAPES[type as ContentCommand['type']](message as Fields) ? (message as ContentCommand) : null;
}
