// Types for code that e2e tests run inside the extension (evalInWorker, popup.evaluate). Safety fact:
// type-only; functions passed to evaluate are serialised, so they must reach `chrome` through
// globalThis at run time, never through an import.
import type { Browser } from 'wxt/browser';

/**
 * The global scope of an extension page or service worker in Chromium, where the `chrome` namespace
 * exists. Use as `(globalThis as ExtensionGlobal).chrome.storage.session.get(...)`.
 */
export type ExtensionGlobal = typeof globalThis & { chrome: typeof Browser };
