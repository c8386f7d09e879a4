// Who may send the "vault locked" broadcast (src/ui/lock-events.ts): only our background. A content
// script's runtime.sendMessage reaches every extension page too, with the web page's URL and a tab.
import { describe, expect, it, vi } from 'vitest';

// lock-events imports `browser` for its listener; the sender check itself needs no browser.
vi.mock('wxt/browser', () => ({ browser: {} }));
const { isFromBackground, isLockedEvent } = await import('../../../src/ui/lock-events');
const { onBackgroundEvent } = await import('../../../src/ui/lock-broadcast');

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

describe('problems broadcast', () => {
  // The listener's own check, on a fake runtime: the same sender rule as the lock's.
  type Listener = (message: unknown, sender: { id?: string; url?: string; tab?: unknown }) => undefined;
  function fakeRuntime() {
    const listeners: Listener[] = [];
    return {
      id: ID,
      getURL: (path: string) => `${ORIGIN}${path.replace(/^\//, '')}`,
      onMessage: {
        addListener: (l: Listener) => void listeners.push(l),
        removeListener: (l: Listener) => void listeners.splice(listeners.indexOf(l), 1),
      },
      send: (message: unknown, sender: { id?: string; url?: string; tab?: unknown }) =>
        listeners.map((l) => l(message, sender)),
    };
  }

  it('is heard from our background only, and never answers', () => {
    const runtime = fakeRuntime();
    const heard = vi.fn();
    const stop = onBackgroundEvent(runtime, 'tessera.problems', heard);
    const background = { id: ID, url: `${ORIGIN}background.js` };
    // A content script of ours in a web page (it has a tab), and the lock event: not this one.
    expect(runtime.send({ event: 'tessera.problems' }, { ...background, tab: { id: 1 } })).toEqual([
      undefined,
    ]);
    runtime.send({ event: 'tessera.locked' }, background);
    expect(heard).not.toHaveBeenCalled();
    runtime.send({ event: 'tessera.problems' }, background);
    expect(heard).toHaveBeenCalledTimes(1);
    stop();
    runtime.send({ event: 'tessera.problems' }, background);
    expect(heard).toHaveBeenCalledTimes(1);
  });
});
