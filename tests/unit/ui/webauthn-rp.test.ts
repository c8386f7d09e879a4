// Which RP ID Tessera's WebAuthn ceremonies use, and where biometric unlock is offered at all
// (src/ui/webauthn.ts): Chromium keeps its extension origin; Firefox claims tessera.invalid, from
// Firefox 150 on only.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { extensionRpId, FIREFOX_RP_ID, webauthnAvailable } from '../../../src/ui/webauthn';

const FIREFOX_153 = 'Mozilla/5.0 (X11; Linux x86_64; rv:153.0) Gecko/20100101 Firefox/153.0';
const FIREFOX_140 = 'Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0';
const CHROME =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36';

function withWebAuthn(): void {
  vi.stubGlobal('PublicKeyCredential', function PublicKeyCredential() {});
  vi.stubGlobal('navigator', { credentials: { create: () => undefined, get: () => undefined } });
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('extensionRpId', () => {
  it('claims the .invalid domain on Firefox extension pages only', () => {
    expect(extensionRpId('moz-extension:')).toBe(FIREFOX_RP_ID);
    expect(FIREFOX_RP_ID.endsWith('.invalid')).toBe(true);
    expect(extensionRpId('chrome-extension:')).toBeUndefined();
    expect(extensionRpId('https:')).toBeUndefined();
  });
});

describe('webauthnAvailable', () => {
  it('is false without WebAuthn, whatever the browser', () => {
    expect(webauthnAvailable('chrome-extension:', CHROME)).toBe(false);
    expect(webauthnAvailable('moz-extension:', FIREFOX_153)).toBe(false);
  });

  it('is true in Chromium and in Firefox 150 and later, false in older Firefox', () => {
    withWebAuthn();
    expect(webauthnAvailable('chrome-extension:', CHROME)).toBe(true);
    expect(webauthnAvailable('moz-extension:', FIREFOX_153)).toBe(true);
    expect(webauthnAvailable('moz-extension:', FIREFOX_140)).toBe(false);
    // An unreadable version is treated as too old rather than offering a button that may fail.
    expect(webauthnAvailable('moz-extension:', 'Gecko')).toBe(false);
  });
});
