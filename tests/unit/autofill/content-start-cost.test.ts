// @vitest-environment happy-dom
// The autofill content script runs in every frame of every page (issue 18,
// content_script_overhead_ms): at load it only listens. What it reads at start is recorded through
// Proxies of the window and the runtime, then a person's first act wakes it.

import { afterEach, describe, expect, it } from 'vitest';
import { type ContentRuntime, runAutofillContent } from '../../../src/autofill/content/main';
import { recorded } from '../start-reads';

type Win = Window & typeof globalThis;

afterEach(() => {
  document.documentElement.innerHTML = '<head></head><body></body>';
});

describe('the autofill content script at load', () => {
  it('adds its three wake listeners and the command listener, and reads nothing else until someone acts', () => {
    document.body.innerHTML =
      '<form><input name="username" autocomplete="username"><input name="password" type="password"></form>';
    const { view, reads } = recorded(window as Win);
    const listeners: unknown[] = [];
    const { view: runtime, reads: runtimeReads } = recorded<ContentRuntime>({
      id: 'ext',
      sendMessage: () => undefined,
      getURL: () => 'about:blank',
      onMessage: { addListener: (listener) => void listeners.push(listener) },
    });
    let loads = 0;
    runAutofillContent(view, runtime, () => {
      loads++;
      return new Promise(() => undefined);
    });
    expect(reads).toEqual(['addEventListener', 'addEventListener', 'addEventListener']);
    // The runtime's bindings are built once, for the command listener (no sender check yet).
    expect(runtimeReads).toEqual(['onMessage']);
    expect(listeners).toHaveLength(1);
    expect(loads).toBe(0);

    // A person's first focus wakes it: the wake listeners go, the first look sees the form, and the
    // forms module is asked for.
    document.querySelector('input')?.dispatchEvent(new FocusEvent('focusin', { bubbles: true }));
    expect(reads.filter((name) => name === 'removeEventListener')).toHaveLength(3);
    expect(reads).toContain('document');
    expect(loads).toBe(1);
  });
});
