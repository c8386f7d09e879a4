/**
 * The part of watching a page that every page pays for: the cheap first look (precheck.ts) and a
 * MutationObserver that notes what a single-page app adds later. It detects nothing itself: it
 * says where login-like fields appeared ("sightings"), and its caller loads and runs detection
 * there (observe.ts). The content script ships this alone in the script injected into every
 * frame; detection, its vocabulary and everything after it load only at the first sighting
 * (entrypoints/autofill-content.ts).
 *
 * Safety fact: a sighting is a superset filter, never a decision: a false one only costs a
 * detection, and no sighting means detection is skipped until the page adds or changes
 * something. An input that was type=password and is now text (a show-password button) is always
 * sighted, with its element, so detection keeps its password role.
 */

import { collectShadowRoots, composedParent } from './dom';
import { hasLoginLikeField } from './precheck';

/** Where login-like fields were seen. */
export type Sighting =
  /** The first look found some in the tree (`shadows`: its open shadow roots, as walked then). */
  | { kind: 'tree'; root: Document | ShadowRoot; shadows: readonly ShadowRoot[] }
  /**
   * In what the page added or changed since (outermost elements only), after a quiet period.
   * `revealed`: inputs the page turned from type=password into another type meanwhile.
   */
  | { kind: 'added'; elements: Element[]; revealed: Element[] };

export interface LoginFieldWatcher {
  disconnect(): void;
}

const DEFAULT_DEBOUNCE_MS = 100;
/** Attributes whose change can reveal a field without adding a node. */
const WATCHED_ATTRIBUTES = ['type', 'hidden', 'open', 'inert', 'popover'];

/**
 * Takes the first look at `root` (calling `onSighting` at once when it finds something), then
 * reports what the page adds later, one batch per burst of mutations (`debounceMs` of quiet).
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

  watch(root);
  // One walk finds the open shadow roots, for watching and for the first look.
  const shadows = collectShadowRoots(root);
  for (const shadow of shadows) watch(shadow);
  if (hasLoginLikeField(root, shadows)) onSighting({ kind: 'tree', root, shadows });

  return {
    disconnect() {
      stopped = true;
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
