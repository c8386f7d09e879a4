/**
 * A component whose code is loaded on first use, with a dynamic import(). Keeps heavy screens (the
 * password generator and its word list) out of the bundle that opening the popup has to parse.
 */

import { type ComponentType, h, type JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';

export function lazyComponent<P extends object>(
  load: () => Promise<ComponentType<P>>,
  /** Shown while loading (failed false) or if the chunk could not load (failed true). */
  fallback: (failed: boolean) => JSX.Element | null,
): (props: P) => JSX.Element | null {
  let loaded: ComponentType<P> | null = null;
  let loading: Promise<ComponentType<P>> | null = null;

  return function Lazy(props: P) {
    const [, setReady] = useState(loaded !== null);
    const [failed, setFailed] = useState(false);
    useEffect(() => {
      if (loaded) return;
      let live = true;
      loading ??= load().then((component) => {
        loaded = component;
        return component;
      });
      loading.then(
        () => live && setReady(true),
        (err) => {
          loading = null;
          console.error('[tessera] could not load a screen', err);
          if (live) setFailed(true);
        },
      );
      return () => {
        live = false;
      };
    }, []);
    return loaded ? h(loaded as ComponentType<object>, props) : fallback(failed);
  };
}
