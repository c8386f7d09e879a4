// Who may send the "vault locked" broadcast (src/ui/lock-events.ts): only our background. A content
// script's runtime.sendMessage reaches every extension page too, with the web page's URL and a tab.
import { describe, expect, it, vi } from 'vitest';

// lock-events imports `browser` for its listener; the sender check itself needs no browser.
vi.mock('wxt/browser', () => ({ browser: {} }));
const { isFromBackground, isLockedEvent } = await import('../../../src/ui/lock-events');

const ID = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${ID}/`;

describe('lock broadcast sender', () => {
  it('believes our service worker and Firefox event page', () => {
    expect(isFromBackground({ id: ID, url: `${ORIGIN}background.js` }, ID, ORIGIN)).toBe(true);
    const firefox = 'moz-extension://0b5c-uuid/';
    expect(isFromBackground({ id: ID, url: `${firefox}_generated_background_page.html` }, ID, firefox)).toBe(
      true,
    );
  });

  it('ignores content scripts, extension pages in tabs, other extensions and unknown senders', () => {
    expect(isFromBackground({ id: ID, url: 'https://evil.example/', tab: { id: 3 } }, ID, ORIGIN)).toBe(
      false,
    );
    // A content script in a frame whose URL imitates ours still has a tab.
    expect(isFromBackground({ id: ID, url: `${ORIGIN}background.js`, tab: { id: 3 } }, ID, ORIGIN)).toBe(
      false,
    );
    expect(isFromBackground({ id: 'other', url: `chrome-extension://other/background.js` }, ID, ORIGIN)).toBe(
      false,
    );
    expect(isFromBackground({ id: ID }, ID, ORIGIN)).toBe(false);
    expect(isFromBackground({}, ID, ORIGIN)).toBe(false);
  });

  it('recognises the broadcast shape only', () => {
    expect(isLockedEvent({ event: 'tessera.locked', reason: 'user' })).toBe(true);
    expect(isLockedEvent({ type: 'vault.lock' })).toBe(false);
    expect(isLockedEvent(null)).toBe(false);
  });
});
