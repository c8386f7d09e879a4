/**
 * Who sent a message, decided from what the browser says about the sender, never from the message.
 *
 * Safety fact: a content script runs in a page the attacker controls and can be made to send
 * anything, so the origin a content script may act for is the origin of its own frame as reported
 * by the browser (sender.origin, or sender.url), and its frame is sender.frameId.
 */

export type SenderInfo =
  /** tabId and frameId: an extension page shown in a tab's frame (inline menu, save prompt), from the browser. */
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
  // Compare the text, not url.origin: URL gives 'null' as the origin of non-web schemes in some runtimes.
  const tabId = sender.tab?.id;
  if (sender.url.startsWith(`${extensionOrigin}/`)) {
    return typeof tabId === 'number' && typeof sender.frameId === 'number'
      ? { kind: 'page', url: sender.url, tabId, frameId: sender.frameId }
      : { kind: 'page', url: sender.url };
  }
  if (typeof tabId !== 'number' || typeof sender.frameId !== 'number') return null;
  // sender.origin is right for about:blank and srcdoc frames, whose url says nothing of the origin.
  const origin = typeof sender.origin === 'string' ? sender.origin : url.origin;
  const content = { kind: 'content' as const, tabId, frameId: sender.frameId, url: sender.url, origin };
  return typeof sender.documentId === 'string' ? { ...content, documentId: sender.documentId } : content;
}
