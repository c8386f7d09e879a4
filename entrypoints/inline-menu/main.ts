/**
 * The inline menu: an extension page the content script frames under a login field
 * (src/autofill/content/menu.ts). It lists the frame's logins (names and usernames only), and a
 * choice asks the background to fill them into that frame, with the popup's confirmations.
 *
 * Plain DOM rather than Preact: a handful of rows, and it should be on screen as soon as
 * possible after the click.
 *
 * Safety fact: a choice counts only when the menu guard (src/autofill/menu-guard.ts) says the
 * menu has been visible and in place long enough, and, where the browser can tell
 * (IntersectionObserver v2), that nothing covers or fades it now; the background then asks the
 * page's content script too before it fills. This page is shown only to the frame that armed it
 * (its token, src/autofill/menu-arms.ts); a page that frames it itself gets a refusal.
 */

import { createMenuGuard } from '../../src/autofill/menu-guard';
import { RequestError, request } from '../../src/messages/client';
import type { TabMatch } from '../../src/messages/protocol';
import { describeError } from '../../src/ui/errors';
import { observeVisibility, TRACKS_VISIBILITY } from '../../src/ui/frame-visibility';
import { t } from '../../src/ui/i18n';
import './style.css';

interface Confirm {
  confirmFrameOrigin?: string;
  confirmActionOrigin?: string;
}

const token = location.hash.slice(1);
const byId = <T extends HTMLElement>(id: string) => document.getElementById(id) as T;
const menu = byId('menu');
const hint = byId('hint');
const list = byId<HTMLDivElement>('list');
const notice = byId('notice');
const confirmBox = byId('confirm');
const confirmText = byId('confirm-text');
const confirmFill = byId<HTMLButtonElement>('confirm-fill');
const confirmCancel = byId<HTMLButtonElement>('confirm-cancel');

const guard = createMenuGuard({ now: () => performance.now(), tracksVisibility: TRACKS_VISIBILITY });
let busy = false;
/** Not armed for this frame: nothing to show, and nothing more to say. */
let refused = false;
/** Until IntersectionObserver v2's first report, the menu counts as covered. */
let covered = TRACKS_VISIBILITY;
let pending: { itemId: string; confirm: Confirm; code: string; origin: string } | null = null;

function say(text: string): void {
  notice.textContent = text;
}

function options(): HTMLElement[] {
  return [...list.querySelectorAll<HTMLElement>('[role="option"]')];
}

function setCovered(value: boolean): void {
  covered = value;
  for (const option of options()) option.setAttribute('aria-disabled', String(covered));
  confirmFill.disabled = covered;
  if (refused) return;
  if (covered) say(t('inlineMenu_covered'));
  else if (notice.textContent === t('inlineMenu_covered')) say('');
}

function render(matches: readonly TabMatch[], origin: string): void {
  list.setAttribute('aria-label', t('inlineMenu_list', origin));
  list.replaceChildren(
    ...matches.map((match, index) => {
      const option = document.createElement('div');
      option.id = `login-${index}`;
      option.setAttribute('role', 'option');
      option.setAttribute('aria-selected', 'false');
      option.tabIndex = index === 0 ? 0 : -1;
      option.dataset.id = match.id;
      const name = document.createElement('span');
      name.className = 'name';
      name.textContent = match.name;
      const user = document.createElement('span');
      user.className = 'user';
      user.textContent = match.username;
      option.append(name, user);
      return option;
    }),
  );
}

function showConfirm(next: typeof pending): void {
  pending = next;
  confirmBox.hidden = next === null;
  list.hidden = next !== null;
  if (!next) return;
  // "Fill anyway" appears where the login the person just chose was: a page's "double-click here"
  // would land its second click on it. The question must be visible for the whole delay too.
  guard.moved();
  confirmText.textContent =
    next.code === 'confirm-frame'
      ? t('autofill_confirm_frame', next.origin)
      : t('autofill_confirm_action', next.origin);
  confirmCancel.focus();
}

async function choose(itemId: string, confirm: Confirm = {}): Promise<void> {
  if (busy) return;
  const refusal = guard.check();
  if (refusal) {
    // A choice too soon restarts the clock: a rapid second click (a "double-click here" game)
    // does not get through either.
    if (refusal === 'too-soon') guard.moved();
    say(refusal === 'covered' ? t('inlineMenu_covered') : t('inlineMenu_too_soon'));
    return;
  }
  busy = true;
  say('');
  try {
    await request({ type: 'autofill.menu.fill', token, itemId, ...confirm });
    showConfirm(null);
    say(t('autofill_filled'));
  } catch (err) {
    const code = err instanceof RequestError ? err.code : '';
    const origin = err instanceof RequestError ? err.body.origin : undefined;
    if ((code === 'confirm-frame' || code === 'confirm-action') && origin) {
      showConfirm({ itemId, confirm, code, origin });
    } else {
      showConfirm(null);
      say(code === 'menu-covered' ? t('inlineMenu_covered') : describeError(err));
    }
  } finally {
    busy = false;
  }
}

function confirmPending(): void {
  if (!pending) return;
  const { itemId, confirm, code, origin } = pending;
  void choose(itemId, {
    ...confirm,
    ...(code === 'confirm-frame' ? { confirmFrameOrigin: origin } : { confirmActionOrigin: origin }),
  });
}

function focusOption(option: HTMLElement | undefined): void {
  if (!option) return;
  for (const other of options()) {
    other.tabIndex = other === option ? 0 : -1;
    other.setAttribute('aria-selected', String(other === option));
  }
  option.focus();
}

function wire(): void {
  list.addEventListener('click', (event) => {
    const option = (event.target as Element).closest<HTMLElement>('[role="option"]');
    if (event.isTrusted && option?.dataset.id) void choose(option.dataset.id);
  });
  list.addEventListener('keydown', (event) => {
    const all = options();
    const at = all.indexOf(document.activeElement as HTMLElement);
    const moves: Record<string, number> = {
      ArrowDown: Math.min(at + 1, all.length - 1),
      ArrowUp: Math.max(at - 1, 0),
      Home: 0,
      End: all.length - 1,
    };
    if (event.key in moves) {
      event.preventDefault();
      focusOption(all[moves[event.key] ?? 0]);
    } else if ((event.key === 'Enter' || event.key === ' ') && event.isTrusted) {
      event.preventDefault();
      const id = all[at]?.dataset.id;
      if (id) void choose(id);
    }
  });
  confirmFill.addEventListener('click', (event) => {
    if (event.isTrusted) confirmPending();
  });
  confirmCancel.addEventListener('click', () => {
    showConfirm(null);
    focusOption(options()[0]);
  });
  // On release: the frame is removed in answer, and a frame removed between a key's down and up
  // leaves the browser's input routing waiting for the up (seen with CDP input in tests).
  document.addEventListener('keyup', (event) => {
    if (event.key === 'Escape') void request({ type: 'autofill.menu.close', token }).catch(() => undefined);
  });
  // Focus arrives from the field (arrow down there): start on the first login.
  window.addEventListener('focus', () => {
    if (!list.hidden && !list.contains(document.activeElement)) focusOption(options()[0]);
  });
  // The frame resized (the page cannot, but a zoom change can): the clock restarts.
  window.addEventListener('resize', () => guard.moved());
  if (TRACKS_VISIBILITY) {
    observeVisibility(menu, [0, 1], ({ visible }) => {
      guard.visibility(visible === true);
      setCovered(visible !== true);
    });
  }
}

async function start(): Promise<void> {
  document.documentElement.lang = t('lang');
  document.title = t('inlineMenu_title');
  hint.textContent = t('inlineMenu_hint');
  confirmFill.textContent = t('autofill_fill_anyway');
  confirmCancel.textContent = t('action_cancel');
  confirmBox.setAttribute('aria-label', t('autofill_confirm_title'));
  wire();
  menu.hidden = false;
  guard.moved();
  try {
    const items = await request({ type: 'autofill.menu.items', token });
    if (items.crossOrigin && !TRACKS_VISIBILITY) {
      // Without IntersectionObserver v2 nothing tells whether the page above this frame hides it.
      say(t('inlineMenu_use_toolbar', items.origin));
      return;
    }
    render(items.matches, items.origin);
    setCovered(covered);
  } catch {
    refused = true;
    hint.textContent = '';
    say(t('inlineMenu_refused'));
  }
}

void start();
