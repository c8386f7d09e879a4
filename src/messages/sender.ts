/**
 * Who sent a message, decided from what the browser says about the sender, never from the message.
 *
 * Safety facts: a content script runs in a page the attacker controls and can be made to send
 * anything, so the origin a content script may act for is the origin of its own frame as reported
 * by the browser (sender.origin, or sender.url), and its frame is sender.frameId. An extension
 * page's rights follow from its path and where it is shown (audience.ts): a web-accessible page
 * only as a frame in a tab, any other page only outside a tab or as a tab's top-level document.
 */

import { type Audience, framedAudience, isWebAccessibleScript, OPTIONS_PAGE } from './audience';

export type SenderInfo =
  /** tabId and frameId: an extension page shown in a tab (the options page, a framed page), from the browser. */
  | { kind: 'page'; url: string; tabId?: number; frameId?: number }
  | {
      kind: 'content';
      tabId: number;
      frameId: number;
      url: string;
      origin: string;
      /** Chrome's id of the sending document (Chrome 106+). */
      documentId?: string;
    };

/** The subset of runtime.MessageSender we rely on (Chrome and Firefox both provide these). */
export interface RawSender {
  id?: string;
  url?: string;
  origin?: string;
  tab?: { id?: number };
  frameId?: number;
  documentId?: string;
}

export function classifySender(
  sender: RawSender,
  extensionId: string,
  extensionOrigin: string,
): SenderInfo | null {
  if (!sender || sender.id !== extensionId || typeof sender.url !== 'string') return null;
  let url: URL;
  try {
    url = new URL(sender.url);
  } catch {
    return null;
  }
  const tabId = sender.tab?.id;
  const frameId = sender.frameId;
  const inTab = typeof tabId === 'number' && typeof frameId === 'number';
  // Compare the text, not url.origin: URL gives 'null' as the origin of non-web schemes in some runtimes.
  if (sender.url.startsWith(`${extensionOrigin}/`)) {
    // A script file is no document: nothing can run in it to send (defence in depth).
    if (isWebAccessibleScript(url.pathname)) return null;
    if (framedAudience(url.pathname)) {
      // The inline menu and the save prompt exist only as frames inside a tab's page; shown any
      // other way (a tab of their own, a window) there is nothing they may ask about.
      return inTab && frameId !== 0 ? { kind: 'page', url: sender.url, tabId, frameId } : null;
    }
    if (!inTab) return { kind: 'page', url: sender.url };
    // One of our pages framed inside another document (a framed page could frame the popup) is
    // not the popup or the options page a person opened: it gets no rights.
    return frameId === 0 ? { kind: 'page', url: sender.url, tabId, frameId } : null;
  }
  if (!inTab) return null;
  // sender.origin is right for about:blank and srcdoc frames, whose url says nothing of the origin.
  const origin = typeof sender.origin === 'string' ? sender.origin : url.origin;
  const content = { kind: 'content' as const, tabId, frameId, url: sender.url, origin };
  return typeof sender.documentId === 'string' ? { ...content, documentId: sender.documentId } : content;
}

/**
 * Whether a sender may send a request meant for `required`: its own audience only, except that
 * 'options' requests need the options page itself, shown as a tab's top-level document (not the
 * popup, not the offscreen document, not the options page framed anywhere).
 */
export function mayAsk(required: Audience, sender: SenderInfo): boolean {
  const audience = audienceOf(sender);
  if (required !== 'options') return required === audience;
  return (
    audience === 'page' &&
    sender.kind === 'page' &&
    sender.tabId !== undefined &&
    sender.frameId === 0 &&
    new URL(sender.url).pathname === `/${OPTIONS_PAGE}`
  );
}

/** The audience a classified sender speaks for (see audience.ts). */
export function audienceOf(sender: SenderInfo): Audience {
  if (sender.kind === 'content') return 'content';
  return framedAudience(new URL(sender.url).pathname) ?? 'page';
}
