/**
 * Judging an iframe's visibility from its parent's side (issue 13, item 7). A frame's own content
 * script sees its fields as visible even when the page around it makes the whole frame 0x0,
 * transparent, hidden, clipped, off-screen or covered; only the parent document can measure the
 * <iframe> element. Before a login goes into a cross-origin frame, the background asks each
 * parent up the chain whether the person can see the child.
 *
 * Which <iframe> element is the asking frame: the background tells the parent to watch for a
 * nonce from an origin (watch), tells the child to post that nonce to its parent window
 * (announce), then asks the parent what it saw (verdict). The parent takes the element whose
 * contentWindow is the message's source.
 *
 * Safety facts: the message must be trusted (a page's dispatched MessageEvent can claim any
 * origin and source; a real postMessage cannot), come from the origin the background named (the
 * child's, from the browser's frame list; a page cannot post as another origin) and from one of
 * the document's own <iframe> elements. Anything missing (the page stopped the message, the frame
 * sits in a closed shadow root, no answer in time) counts as not visible: nothing is filled. The
 * page around sees the nonce message (so it learns Tessera is filling, which the fill shows it
 * anyway), never a secret.
 */

import { isFrameVisibleOnScreen } from '../visibility';

export type ProbeCommand =
  | { type: 'tessera.frame.watch'; nonce: string; origin: string }
  | { type: 'tessera.frame.announce'; nonce: string; parentOrigin: string }
  | { type: 'tessera.frame.verdict'; nonce: string };

/** How long the parent waits for the child's message, and keeps a watch at most. */
const WAIT_MS = 1_000;
const WATCH_MS = 10_000;

interface Watch {
  origin: string;
  source: Window | null;
  arrived: Promise<void>;
}

export function createFrameProbe(doc: Document) {
  const view = doc.defaultView as Window;
  const watches = new Map<string, Watch>();

  function watch(nonce: string, origin: string): void {
    let done = () => {};
    const entry: Watch = { origin, source: null, arrived: new Promise((resolve) => (done = resolve)) };
    const onMessage = (event: MessageEvent) => {
      const data = event.data as { tesseraFrame?: unknown } | null;
      if (!event.isTrusted || data?.tesseraFrame !== nonce || event.origin !== origin) return;
      entry.source = event.source as Window | null;
      view.removeEventListener('message', onMessage, true);
      done();
    };
    view.addEventListener('message', onMessage, true);
    watches.set(nonce, entry);
    view.setTimeout(() => {
      view.removeEventListener('message', onMessage, true);
      watches.delete(nonce);
    }, WATCH_MS);
  }

  async function verdict(nonce: string): Promise<{ visible: boolean }> {
    const entry = watches.get(nonce);
    if (!entry) return { visible: false };
    await Promise.race([entry.arrived, new Promise((resolve) => view.setTimeout(resolve, WAIT_MS))]);
    watches.delete(nonce);
    const frame = entry.source ? frameOf(doc, entry.source) : null;
    return { visible: frame !== null && isFrameVisibleOnScreen(frame) };
  }

  return {
    /**
     * Handles a probe command: replies (at once, or later for a verdict) and returns true, or
     * returns undefined when `message` is not one.
     */
    command(message: { type?: unknown }, reply: (response: unknown) => void): true | undefined {
      const m = message as Partial<Record<'nonce' | 'origin' | 'parentOrigin', unknown>> & { type?: unknown };
      if (typeof m.nonce !== 'string') return undefined;
      if (m.type === 'tessera.frame.watch' && typeof m.origin === 'string') {
        watch(m.nonce, m.origin);
        reply({ ok: true });
        return true;
      }
      if (m.type === 'tessera.frame.announce' && typeof m.parentOrigin === 'string') {
        // Only to the parent the background named: a parent navigated elsewhere gets nothing.
        if (view.parent !== view) view.parent.postMessage({ tesseraFrame: m.nonce }, m.parentOrigin);
        reply({ ok: view.parent !== view });
        return true;
      }
      if (m.type === 'tessera.frame.verdict') {
        void verdict(m.nonce).then(reply, () => reply({ visible: false }));
        return true;
      }
      return undefined;
    },
  };
}

/** The document's own <iframe> (or <frame>) showing `source`, including in open shadow roots. */
function frameOf(doc: Document, source: Window): HTMLElement | null {
  const roots: Array<Document | ShadowRoot> = [doc];
  for (const root of roots) {
    for (const el of root.querySelectorAll<HTMLElement>('*')) {
      if (
        (el.localName === 'iframe' || el.localName === 'frame') &&
        (el as HTMLIFrameElement).contentWindow === source
      ) {
        return el;
      }
      if (el.shadowRoot) roots.push(el.shadowRoot);
    }
  }
  return null;
}
