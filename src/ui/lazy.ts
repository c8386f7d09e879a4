/**
 * A component whose code is loaded on first use, with a dynamic import(). Keeps screens that the
 * first paint does not show (the item, editor, generator and first-run screens, and the libraries
 * only they use) out of the code that opening the popup has to fetch, parse and run.
 */

import { type ComponentType, h, type JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';

export interface LazyComponent<P extends object> {
  (props: P): JSX.Element | null;
  /**
   * Starts loading the code now (e.g. once the first screen is painted), so that the first use
   * shows the component at once instead of its fallback. A failure is left for that use to report.
   */
  preload(): void;
}

export function lazyComponent<P extends object>(
  load: () => Promise<ComponentType<P>>,
  /** Shown while loading (failed false) or if the chunk could not load (failed true). */
  fallback: (failed: boolean) => JSX.Element | null,
): LazyComponent<P> {
  let loaded: ComponentType<P> | null = null;
  let loading: Promise<ComponentType<P>> | null = null;

  function start(): Promise<ComponentType<P>> {
    loading ??= load().then(
      (component) => {
        loaded = component;
        return component;
      },
      (err: unknown) => {
        // The next use tries again (the chunk may load after an extension update, say).
        loading = null;
        throw err;
      },
    );
    return loading;
  }

  function Lazy(props: P) {
    const [, setReady] = useState(loaded !== null);
    const [failed, setFailed] = useState(false);
    useEffect(() => {
      if (loaded) return;
      let live = true;
      start().then(
        () => live && setReady(true),
        (err) => {
          console.error('[tessera] could not load a screen', err);
          if (live) setFailed(true);
        },
      );
      return () => {
        live = false;
      };
    }, []);
    return loaded ? h(loaded as ComponentType<object>, props) : fallback(failed);
  }
  Lazy.preload = () => void start().catch(() => undefined);
  return Lazy;
}
