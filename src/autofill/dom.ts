/**
 * Small helpers for walking the composed tree: light DOM plus open shadow roots, as a person
 * sees the page. Closed shadow roots are out of reach by design (and so out of scope).
 *
 * Safety fact: nothing here uses `instanceof` or the page's globals, so the helpers work on
 * nodes from any window (iframes, DOMParser documents, test windows) and cannot be fooled by a
 * page that redefines HTMLInputElement.
 */

const HTML_NS = 'http://www.w3.org/1999/xhtml';
const ELEMENT_NODE = 1;
const DOCUMENT_FRAGMENT_NODE = 11;
/** NodeFilter.SHOW_ELEMENT, written out so that no page global is read. */
const SHOW_ELEMENT = 0x1;

export type SearchRoot = Document | ShadowRoot | Element;

export function isHtmlElement(node: Node | null | undefined, localName: string): node is Element {
  return (
    !!node &&
    node.nodeType === ELEMENT_NODE &&
    (node as Element).localName === localName &&
    (node as Element).namespaceURI === HTML_NS
  );
}

export function isInput(node: Node | null | undefined): node is HTMLInputElement {
  return isHtmlElement(node, 'input');
}

function documentOf(root: Node): Document {
  return root.ownerDocument ?? (root as Document);
}

/** The parent element, stepping from a shadow root to its host. */
export function composedParent(el: Element): Element | null {
  const parent = el.parentNode;
  if (!parent) return null;
  if (parent.nodeType === ELEMENT_NODE) return parent as Element;
  if (parent.nodeType === DOCUMENT_FRAGMENT_NODE) return (parent as ShadowRoot).host ?? null;
  return null;
}

/** The nearest composed ancestor (or `el` itself) that passes `test`, not above `stop`. */
export function closestComposed(
  el: Element,
  test: (candidate: Element) => boolean,
  stop?: Node | null,
): Element | null {
  for (let node: Element | null = el; node; node = composedParent(node)) {
    if (test(node)) return node;
    if (node === stop) return null;
  }
  return null;
}

/** Whether `ancestor` is `node` or contains it in the composed tree. */
export function composedContains(ancestor: Element, node: Element): boolean {
  for (let current: Element | null = node; current; current = composedParent(current)) {
    if (current === ancestor) return true;
  }
  return false;
}

/**
 * Every <input> under `root` in composed order, descending into open shadow roots where their
 * host stands. <template> contents are inert and not visited. `shadows`: the open shadow roots
 * under `root` if the caller has them.
 */
export function collectInputs(root: SearchRoot, shadows?: readonly ShadowRoot[]): HTMLInputElement[] {
  // A caller that already walked the tree and found no shadow root gets the selector engine's
  // document order, without a second walk in script (the content script's start on big pages).
  if (shadows?.length === 0 && root.nodeType !== ELEMENT_NODE) {
    return Array.from(root.querySelectorAll('input')).filter(isInput);
  }
  const found: HTMLInputElement[] = [];
  visit(root, (el) => {
    if (isInput(el)) found.push(el);
  });
  return found;
}

/** Every open shadow root under `root` (including nested ones). */
export function collectShadowRoots(root: SearchRoot): ShadowRoot[] {
  const found: ShadowRoot[] = [];
  visit(root, (el) => {
    if (el.shadowRoot) found.push(el.shadowRoot);
  });
  return found;
}

function visit(root: SearchRoot, onElement: (el: Element) => void): void {
  if (root.nodeType === ELEMENT_NODE) {
    onElement(root as Element);
    const own = (root as Element).shadowRoot;
    if (own) visit(own, onElement);
  }
  const walker = documentOf(root).createTreeWalker(root, SHOW_ELEMENT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const el = node as Element;
    onElement(el);
    if (el.shadowRoot) visit(el.shadowRoot, onElement);
  }
}

/** The element's ancestors from the top of the composed tree down to the element itself. */
export function composedPath(el: Element): Element[] {
  const path: Element[] = [];
  for (let node: Element | null = el; node; node = composedParent(node)) path.push(node);
  return path.reverse();
}

/** The deepest element that contains all of `elements` in the composed tree. */
export function commonAncestor(elements: readonly Element[]): Element | null {
  const first = elements[0];
  if (!first) return null;
  let shared = composedPath(first);
  for (const el of elements.slice(1)) {
    const path = composedPath(el);
    let depth = 0;
    while (depth < shared.length && depth < path.length && shared[depth] === path[depth]) depth++;
    shared = shared.slice(0, depth);
  }
  return shared[shared.length - 1] ?? null;
}

/** Text of the element with the given id in the element's own tree (document or shadow root). */
export function textOfIdRefs(el: Element, ids: string | null): string {
  if (!ids) return '';
  const root = el.getRootNode() as Document | ShadowRoot;
  if (typeof root.getElementById !== 'function') return '';
  return ids
    .split(/\s+/)
    .map((id) => (id ? (root.getElementById(id)?.textContent ?? '') : ''))
    .join(' ');
}
