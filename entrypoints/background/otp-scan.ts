/**
 * "Scan QR code" in the popup's editor: capture the tab the person is looking at and read the
 * two-factor setup code on it. The capture (which may show other private things on the page)
 * never leaves the background; only the QR code's text goes back, and only when it is a
 * two-factor setup code (otpauth:// or a Google Authenticator export link).
 *
 * tabs.captureVisibleTab needs the activeTab grant, which the browser gives when the person opens
 * Tessera from its toolbar button on that tab; nothing else can trigger a capture.
 */

import { browser } from 'wxt/browser';
import { Refusal } from '../../src/messages/router';
import { isMigrationUri } from '../../src/totp';
import { decodeQrImage } from '../../src/totp/qr-image';

export async function scanTabForOtp(tabId: number): Promise<{ text: string }> {
  const tab = await browser.tabs.get(tabId).catch(() => null);
  if (!tab || tab.windowId === undefined) throw new Refusal('scan-refused', 'That tab is closed.');
  if (!tab.active) {
    throw new Refusal('scan-refused', 'Show the tab with the QR code, then open Tessera and scan again.');
  }
  let picture: string;
  try {
    picture = await browser.tabs.captureVisibleTab(tab.windowId, { format: 'png' });
  } catch {
    throw new Refusal(
      'scan-refused',
      'Tessera cannot capture this tab. Open Tessera from its toolbar button while the page with the QR code is shown (browser pages cannot be captured), or use an image of the code.',
    );
  }
  const text = await decodeQrImage(await (await fetch(picture)).blob());
  if (text === null) {
    throw new Refusal(
      'no-qr',
      'No QR code was found on this tab. Scroll it into view or zoom in, then scan again, or use an image of the code.',
    );
  }
  const trimmed = text.trim();
  if (!/^otpauth:\/\//i.test(trimmed) && !isMigrationUri(trimmed)) {
    throw new Refusal('not-otp', 'The QR code on this tab is not a two-factor setup code.');
  }
  return { text: trimmed };
}
