/**
 * `chrome.runtime.onMessage` with the sendResponse callback, as Chrome and Firefox both provide it:
 * the slice that light pages (the content script, the offscreen document) declare instead of
 * importing webextension-polyfill. Types only; nothing here reaches a bundle.
 */
export interface RuntimeOnMessage {
  addListener(
    listener: (
      message: unknown,
      sender: { id?: string; tab?: unknown },
      reply: (r: unknown) => void,
    ) => unknown,
  ): void;
}
