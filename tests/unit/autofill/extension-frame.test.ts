// @vitest-environment happy-dom
// src/autofill/content/extension-frame.ts: what the page can see of an extension frame (an empty
// host whose shadow root is closed) and that its placement is pinned by !important inline rules.
// Whether the top layer and the frame's own visibility checks hold is tested end to end.

import { afterEach, describe, expect, it } from 'vitest';
import { openExtensionFrame } from '@/src/autofill/content/extension-frame';

const BOX = { top: 10.4, left: 20, width: 300, height: 120 };
// about:blank: happy-dom would try to fetch an extension URL.
const URL = 'about:blank';

afterEach(() => {
  document.documentElement.innerHTML = '<head></head><body></body>';
});

describe('openExtensionFrame', () => {
  it('shows the page an empty host: the shadow root is closed', () => {
    const frame = openExtensionFrame(document, URL, BOX, 'Tessera');
    expect(frame.host.isConnected).toBe(true);
    expect(frame.host.shadowRoot).toBeNull();
    expect(frame.host.children).toHaveLength(0);
    expect(document.querySelector('iframe')).toBeNull();
    expect(frame.host.textContent).toBe('');
  });

  it('pins every placement rule with !important and rounds the box', () => {
    const frame = openExtensionFrame(document, URL, BOX, 'Tessera');
    const style = frame.host.getAttribute('style') ?? '';
    for (const rule of ['opacity: 1 !important', 'top: 10px !important', 'width: 300px !important']) {
      expect(style).toContain(rule);
    }
    for (const declaration of style.split(';').filter((part) => part.trim())) {
      expect(declaration.trim().endsWith('!important')).toBe(true);
    }
    frame.move({ ...BOX, top: 50 });
    expect(frame.host.getAttribute('style')).toContain('top: 50px !important');
  });

  it('is gone from the page after remove()', () => {
    const frame = openExtensionFrame(document, URL, BOX, 'Tessera');
    frame.remove();
    expect(frame.host.isConnected).toBe(false);
    expect(frame.isShown()).toBe(false);
    expect(document.querySelector('tessera-frame')).toBeNull();
  });
});
