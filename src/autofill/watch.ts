/**
 * The part of watching a page that every page pays for: the cheap first look (precheck.ts) and a
 * MutationObserver that notes what a single-page app adds later. It detects nothing itself: it
 * says where login-like fields appeared ("sightings"), and its caller loads and runs detection
 * there (observe.ts). The content script ships this alone in the script injected into every
 * frame; detection, its vocabulary and everything after it load only at the first sighting
 * (entrypoints/autofill-content.ts).
 *
 * Open shadow roots are found without walking the page (issue 18: a walk of every element cost
 * ~15 ms of a 5,000-element page's load): the first look is one selector query of the light DOM,
 * and a shadow root is found where a person reaches into it (a focus or a press inside it: the
 * event's composed path names every open shadow root on the way) or where the page adds it later
 * (the observer walks what is added, as before). A login form that sits in a shadow root from the
 * start is therefore detected at the first press or focus in it, not at load; a press on one of
 * its fields is handed on (`pressed`), so the first click still opens the inline menu.
 *
 * Safety fact: a sighting is a superset filter, never a decision: a false one only costs a
 * detection, and no sighting means detection is skipped until the page adds or changes
 * something, or a person reaches into a shadow root. An input that was type=password and is now
 * text (a show-password button) is always sighted, with its element, so detection keeps its
 * password role (inside a shadow root: once that root is known).
 */

import { closestComposed, collectShadowRoots, composedParent, isHtmlElement } from './dom';
import { hasLoginLikeField } from './precheck';

/** Where login-like fields were seen. */
export type Sighting =
  /**
   * The first look found some in the tree (`shadows`: the open shadow roots known under it; the
   * first look at a document knows none, and detection then looks at its light DOM alone).
   */
  | { kind: 'tree'; root: Document | ShadowRoot; shadows: readonly ShadowRoot[] }
  /**
   * In what the page added or changed since (outermost elements only), after a quiet period, or
   * around a shadow root a person just reached into. `revealed`: inputs the page turned from
   * type=password into another type meanwhile. `pressed`: the input a person's press (pointer or
   * mouse down) in a newly found shadow root landed on, which may be clicked before detection is done.
   */
  | { kind: 'added'; elements: Element[]; revealed: Element[]; pressed?: Element };

export interface LoginFieldWatcher {
  /**
   * Walks the whole tree for open shadow roots not known yet (once; later ones are found by the
   * observer) and reports them as a first look at `root` with its shadow roots, when any holds a
   * login-like field. For a command: a person asked for a fill, so the walk the load skipped is
   * affordable now, and a sign-in form in shadow roots nobody reached into is detected.
   */
  walkShadowRoots(): void;
  /**
   * Looks at the shadow roots a focus or press reached into, for an event that came before this
   * watcher listened (the one that started it); true when it sighted a form there with the
   * press handed on (`pressed`).
   */
  reached(event: Event): boolean;
  disconnect(): void;
}

const DEFAULT_DEBOUNCE_MS = 100;
/** Attributes whose change can reveal a field without adding a node. */
const WATCHED_ATTRIBUTES = ['type', 'hidden', 'open', 'inert', 'popover'];

/** Events whose composed path shows the open shadow roots a person reached into. */
const REACH_EVENTS = ['focusin', 'pointerdown'] as const;

/**
 * A press: the watcher's own `pointerdown`, or the `mousedown` that woke detection and is handed
 * to `reached` (content/main.ts listens for that one at load).
 */
const isPress = (event: Event) => event.type === 'pointerdown' || event.type === 'mousedown';

/**
 * Takes the first look at `root` (calling `onSighting` at once when it finds something), then
 * reports what the page adds later, one batch per burst of mutations (`debounceMs` of quiet), and
 * the login-like fields of each open shadow root a person reaches into.
 */
export function watchLoginFields(
  root: Document | ShadowRoot,
  onSighting: (sighting: Sighting) => void,
  debounceMs = DEFAULT_DEBOUNCE_MS,
): LoginFieldWatcher {
  const observed = new WeakSet<Node>();
  const pending = new Set<Element>();
  const revealed = new Set<Element>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let stopped = false;

  const observer = new (viewOf(root).MutationObserver)((records) => {
    for (const record of records) {
      if (record.type === 'attributes') {
        const target = record.target as Element;
        if (record.attributeName === 'type' && record.oldValue?.toLowerCase() === 'password') {
          revealed.add(target);
        }
        if (target.nodeType === 1) pending.add(target);
        continue;
      }
      for (const node of Array.from(record.addedNodes)) {
        if (node.nodeType === 1) pending.add(node as Element);
      }
    }
    if (pending.size > 0 && timer === null && !stopped) timer = setTimeout(flush, debounceMs);
  });

  const watch = (tree: Document | ShadowRoot) => {
    if (observed.has(tree)) return;
    observed.add(tree);
    observer.observe(tree, {
      childList: true,
      subtree: true,
      attributes: true,
      attributeOldValue: true,
      attributeFilter: WATCHED_ATTRIBUTES,
    });
  };

  const flush = () => {
    timer = null;
    if (stopped) return;
    const batch = outermost([...pending].filter((el) => el.isConnected));
    const shown = [...revealed].filter((el) => el.isConnected);
    pending.clear();
    revealed.clear();
    const elements: Element[] = [];
    for (const el of batch) {
      for (const shadow of collectShadowRoots(el)) watch(shadow);
      if (hasLoginLikeField(el)) elements.push(el);
    }
    if (elements.length > 0 || shown.length > 0) {
      onSighting({ kind: 'added', elements: [...elements, ...shown], revealed: shown });
    }
  };

  // A focus or press inside a shadow root not seen yet: look at the form or element around the
  // outermost such root as if the page had just added it, and watch every shadow root in it.
  const reach = (event: Event): boolean => {
    if (stopped) return false;
    const path = event.composedPath();
    let outermost: ShadowRoot | null = null;
    for (const node of path) {
      if ((node as Node).nodeType === 11 && (node as ShadowRoot).host && !observed.has(node as Node)) {
        outermost = node as ShadowRoot;
      }
    }
    if (!outermost) return false;
    // The whole form when the host is one of its fields (a design system's <x-input>).
    const scope = closestComposed(outermost.host, (el) => isHtmlElement(el, 'form')) ?? outermost.host;
    const shadows = collectShadowRoots(scope);
    for (const shadow of [outermost, ...shadows]) watch(shadow);
    if (!hasLoginLikeField(scope, shadows)) return false;
    const target = path[0] as Node | undefined;
    const pressed =
      isPress(event) && event.isTrusted && target?.nodeType === 1 ? (target as Element) : undefined;
    onSighting({ kind: 'added', elements: [scope], revealed: [], ...(pressed ? { pressed } : {}) });
    return pressed !== undefined;
  };

  watch(root);
  for (const type of REACH_EVENTS) root.addEventListener(type, reach, { capture: true, passive: true });
  // The first look: the light DOM, one selector query, no walk (see the top of this file).
  if (hasLoginLikeField(root, [])) onSighting({ kind: 'tree', root, shadows: [] });

  let walked = false;
  return {
    reached: reach,
    walkShadowRoots() {
      if (walked || stopped) return;
      walked = true;
      const shadows = collectShadowRoots(root);
      const unseen = shadows.filter((shadow) => !observed.has(shadow));
      for (const shadow of unseen) watch(shadow);
      if (unseen.some((shadow) => hasLoginLikeField(shadow, []))) onSighting({ kind: 'tree', root, shadows });
    },
    disconnect() {
      stopped = true;
      for (const type of REACH_EVENTS) root.removeEventListener(type, reach, { capture: true });
      observer.disconnect();
      if (timer !== null) clearTimeout(timer);
      timer = null;
      pending.clear();
      revealed.clear();
    },
  };
}

function viewOf(root: Document | ShadowRoot): Window & typeof globalThis {
  const doc = root.nodeType === 9 ? (root as Document) : root.ownerDocument;
  const view = doc?.defaultView;
  if (!view) throw new Error('watchLoginFields needs a document with a window');
  return view as Window & typeof globalThis;
}

/** Drops elements that sit inside another element of the list (examined with it). */
export function outermost(elements: readonly Element[]): Element[] {
  const set = new Set(elements);
  return elements.filter((el) => {
    for (let up = composedParent(el); up; up = composedParent(up)) if (set.has(up)) return false;
    return true;
  });
}
