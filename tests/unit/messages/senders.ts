// The senders the router tests send from: this extension's id and origin, one of its pages, and a
// content script in a bank.com tab. Shared by the router tests so each reads as its own rules.
import type { RawSender } from '../../../src/messages/sender';

export const EXT_ID = 'abcdefghijklmnopabcdefghijklmnop';
export const EXT_ORIGIN = `chrome-extension://${EXT_ID}`;

/** An extension page of ours, by path and anything else the sender carries (tab, frame). */
export function pageSender(path: string, extra: Partial<RawSender> = {}): RawSender {
  return { id: EXT_ID, url: `${EXT_ORIGIN}/${path}`, ...extra };
}

/** Our content script in a https://bank.com/login frame of tab 7 (frame 0 unless given). */
export function contentSender(frameId = 0): RawSender {
  return { id: EXT_ID, url: 'https://bank.com/login', origin: 'https://bank.com', tab: { id: 7 }, frameId };
}
