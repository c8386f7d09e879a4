// @vitest-environment happy-dom
// Screens loaded on first use (src/ui/lazy.ts): the fallback while the code loads, the screen once
// it is there, at once after a preload, and a load that failed is reported and tried again.

import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { lazyComponent } from '../../../src/ui/lazy';

function Screen({ name }: { name: string }) {
  return <p>screen {name}</p>;
}

const fallback = (failed: boolean) => <p>{failed ? 'failed' : 'loading'}</p>;

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (err: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const root = document.createElement('div');
document.body.append(root);
const shown = () => root.textContent;
/** Lets the loads' promise chains settle and preact render what they changed. */
const settle = () =>
  act(async () => {
    for (let i = 0; i < 5; i++) await Promise.resolve();
  });

afterEach(() => {
  render(null, root);
  vi.restoreAllMocks();
});

describe('lazyComponent', () => {
  it('shows the fallback until the code is loaded, then the screen with its props', async () => {
    const code = deferred<typeof Screen>();
    const Lazy = lazyComponent(() => code.promise, fallback);
    await act(() => render(<Lazy name="a" />, root));
    expect(shown()).toBe('loading');
    code.resolve(Screen);
    await settle();
    expect(shown()).toBe('screen a');
  });

  it('after a preload that finished, shows the screen on its first render, loading once', async () => {
    const load = vi.fn(async () => Screen);
    const Lazy = lazyComponent(load, fallback);
    Lazy.preload();
    Lazy.preload();
    await settle();
    await act(() => render(<Lazy name="b" />, root));
    expect(shown()).toBe('screen b');
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('shows the failure when the code cannot load, and loads again on the next use', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const load = vi
      .fn<() => Promise<typeof Screen>>()
      .mockRejectedValueOnce(new Error('chunk gone'))
      .mockResolvedValue(Screen);
    const Lazy = lazyComponent(load, fallback);
    Lazy.preload();
    await settle();
    await act(() => render(<Lazy name="c" />, root));
    expect(shown()).toBe('loading');
    await settle();
    expect(shown()).toBe('screen c');
    expect(load).toHaveBeenCalledTimes(2);

    const Failing = lazyComponent<{ name: string }>(() => Promise.reject(new Error('chunk gone')), fallback);
    render(null, root);
    await act(() => render(<Failing name="d" />, root));
    await settle();
    expect(shown()).toBe('failed');
  });
});
