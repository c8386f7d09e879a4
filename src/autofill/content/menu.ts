/**
 * The inline menu's page side: opens the menu (an extension frame, extension-frame.ts) under a
 * login field after the person clicks in it or presses arrow down there, closes it when the person looks elsewhere
 * or the page moves things, and tells the background, just before a fill, whether the menu and
 * its field are still shown as the person saw them.
 *
 * The menu's content (logins, buttons) lives in the extension page inside the frame; nothing of
 * it passes through here, so the page's scripts can read none of it, and this file stays small
 * (it ships in the content script of every page).
 *
 * Safety fact: only a person's click or arrow-down key in the field opens the menu (trusted
 * events; a page's synthetic click does not, and focus never does, since script focus and
 * autofocus are trusted events too), and opening only arms the menu: the fill still waits for a choice in the menu, which
 * the menu page and the background check again (menu-guard.ts, menu-service.ts).
 */

import { isInput } from '../dom';
import { centre, menuBox, type Rect, samePlace } from '../menu-geometry';
import type { DetectedForm } from '../types';
import { isVisibleOnScreen } from '../visibility';
import { type ExtensionFrame, openExtensionFrame } from './extension-frame';
import { isOpaqueOrigin } from './fill';

export interface MenuRuntime {
  getURL(path: string): string;
  sendMessage(message: unknown, reply: (response: unknown) => void): void;
  readonly lastError?: unknown;
}

interface Open {
  field: HTMLInputElement;
  frame: ExtensionFrame;
  rect: Rect;
  box: Rect;
  stop(): void;
}

/** How often an open menu looks at its field (moved, removed, hidden: the menu closes). */
const WATCH_MS = 150;

const rectOf = (el: Element): Rect => {
  const { top, left, width, height } = el.getBoundingClientRect();
  return { top, left, width, height };
};

/** `title`: the menu frame's accessible name, read when a menu opens (an i18n lookup). */
export function createInlineMenu(doc: Document, runtime: MenuRuntime, title: () => string) {
  const view = doc.defaultView as Window;
  const watched = new WeakSet<HTMLInputElement>();
  let open: Open | null = null;
  let asking = false;

  function close(refocus: boolean): void {
    if (!open) return;
    const { field, frame, stop } = open;
    open = null;
    stop();
    frame.remove();
    if (refocus && field.isConnected) field.focus({ preventScroll: true });
  }

  /** Our host on top at the menu's centre, the field visible, unmoved and not covered. */
  function intact(): boolean {
    if (!open) return false;
    const { field, frame, rect, box } = open;
    if (!frame.isShown() || !field.isConnected || !isVisibleOnScreen(field)) return false;
    if (!samePlace(rect, rectOf(field))) return false;
    const at = centre(box);
    if (doc.elementFromPoint(at.x, at.y) !== frame.host) return false;
    const mid = centre(rect);
    const hit = (field.getRootNode() as Document | ShadowRoot).elementFromPoint(mid.x, mid.y);
    // The field itself, or something of its own (a floating label beside it in the same parent).
    // Not IntersectionObserver v2 here: Chrome reports every field of a page "not visible" while
    // any popover (our own menu's host included) is open, so it cannot judge the field.
    return hit === field || !!(hit && field.parentElement?.contains(hit));
  }

  function show(field: HTMLInputElement, count: number, token: string): void {
    close(false);
    if (!field.isConnected || !isVisibleOnScreen(field)) return;
    const rect = rectOf(field);
    const box = menuBox(rect, count, { width: view.innerWidth, height: view.innerHeight });
    const frame = openExtensionFrame(doc, `${runtime.getURL('/inline-menu.html')}#${token}`, box, title());
    // One signal removes every listener at close (fewer bytes than a remove per listener).
    const listening = new AbortController();
    const options = { capture: true, signal: listening.signal };
    const away = (event: Event) => {
      const target = event.composedPath()[0];
      if (event.isTrusted && target !== field && target !== frame.host) close(false);
    };
    doc.addEventListener('pointerdown', away, options);
    doc.addEventListener('focusin', away, options);
    doc.addEventListener(
      'keydown',
      (event) => {
        if (!event.isTrusted) return;
        if (event.key === 'Escape') close(true);
        // Arrow down from the field goes into the menu, as in the browser's own autofill list.
        if (event.key === 'ArrowDown' && event.composedPath()[0] === field) {
          event.preventDefault();
          frame.focus();
        }
      },
      options,
    );
    // Scrolling, resizing, the page moving or removing the field: it is no longer where the
    // menu was placed for it.
    const timer = view.setInterval(() => {
      if (!frame.isShown() || !field.isConnected || !samePlace(rect, rectOf(field))) close(false);
    }, WATCH_MS);
    open = {
      field,
      frame,
      rect,
      box,
      stop() {
        view.clearInterval(timer);
        listening.abort();
      },
    };
  }

  function ask(field: HTMLInputElement): void {
    // A sandboxed document (opaque origin) gets no menu. The background refuses it too, from the
    // sender's origin; this also holds where a browser does not report that origin.
    if (asking || open?.field === field || isOpaqueOrigin(view)) return;
    asking = true;
    runtime.sendMessage({ type: 'autofill.menu.open' }, (response) => {
      void runtime.lastError; // no background (reloaded extension): no menu, and no console noise
      asking = false;
      const reply = response as { ok?: boolean; value?: { count: number; token?: string } } | undefined;
      const active = (field.getRootNode() as Document | ShadowRoot).activeElement;
      if (reply?.ok && reply.value?.token && active === field)
        show(field, reply.value.count, reply.value.token);
    });
  }

  // A person's click, or arrow down as in the browser's own autofill list. Not focus: a page's
  // script focus (and autofocus) dispatches a trusted focus event too.
  const onClick = (event: Event) => {
    if (event.isTrusted) ask(event.currentTarget as HTMLInputElement);
  };
  const onKey = (event: KeyboardEvent) => {
    if (event.isTrusted && event.key === 'ArrowDown' && !open) ask(event.currentTarget as HTMLInputElement);
  };

  return {
    /**
     * Listens on the fields of new sign-in forms and code pages (never sign-up or change-password
     * forms).
     */
    watch(forms: readonly DetectedForm[]): void {
      for (const form of forms) {
        if (form.kind !== 'login' && form.kind !== 'identifier' && form.kind !== 'one-time-code') continue;
        for (const { input } of form.fields) {
          if (watched.has(input)) continue;
          watched.add(input);
          input.addEventListener('click', onClick);
          input.addEventListener('keydown', onKey);
        }
      }
    },

    /**
     * A person's press (a trusted pointer or mouse down) or arrow-down on `target` that led to its form's
     * detection (content/main.ts, watch.ts): when it is a watched field, the click or key came
     * before the field listened, so it asks for the menu as they would have.
     */
    pressed(target: Element): void {
      if (isInput(target) && watched.has(target)) ask(target);
    },

    /** The background's commands; undefined when `message` is not one. */
    command(message: { type?: unknown }): { ok: boolean } | undefined {
      if (message.type === 'tessera.menu.close') {
        close(true);
        return { ok: true };
      }
      if (message.type !== 'tessera.menu.check') return undefined;
      const ok = intact();
      // The fill that follows writes into the focused field's form: this menu's field.
      if (ok) open?.field.focus({ preventScroll: true });
      return { ok };
    },
  };
}
