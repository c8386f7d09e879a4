/**
 * The passkey dialog's code (entrypoints/passkey-dialog/Dialog.tsx), as one classic script of its
 * own (issue 18, passkey_assertion_ms). The dialog opens while a site waits on
 * navigator.credentials, so its load is part of every passkey sign-in. As a module of the extension
 * pages' build it loaded and ran the whole 'shared' chunk (~90 KB: everything two pages use,
 * webextension-polyfill and valibot among it) to draw a title and a few buttons. Built apart, it
 * holds only what it uses: preact, the request client, the messages.
 *
 * No webextension-polyfill either: this build resolves `wxt/browser` to WXT's own
 * `@wxt-dev/browser` (the `browser` global on Firefox, `chrome` on Chromium; wxt.config.ts,
 * withoutPolyfill). The dialog only sends messages and reads i18n strings, and both browsers'
 * own MV3 APIs return promises for those.
 */

import { mountDialog } from './passkey-dialog/Dialog';
import './passkey-dialog/style.css';

// globalName false: an anonymous IIFE, no global for the dialog's page to carry.
export default defineUnlistedScript({ globalName: false, main: mountDialog });
