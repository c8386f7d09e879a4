/**
 * The extension API for a page's early script (popup-early, passkey-dialog-early): the `browser`
 * global on Firefox, `chrome` on Chromium, read off globalThis. Not webextension-polyfill: an early
 * script blocks the page's parsing and must stay a few hundred bytes, and WXT would auto-import the
 * polyfill for a bare `browser`.
 */
export function earlyExtensionApi<Api>(): Api | undefined {
  const globals = globalThis as { browser?: Api; chrome?: Api };
  return globals.browser ?? globals.chrome;
}
